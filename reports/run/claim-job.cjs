// Entry of a `tvem reproduce --jobs` job process (forked by claim-jobs.ts): registers the
// TypeScript loader, as bin/tvem.cjs does, then runs the claims it is sent over the IPC channel.
require('tsx/cjs/api').register();
require('./claim-job.ts').serveClaimJobs();
