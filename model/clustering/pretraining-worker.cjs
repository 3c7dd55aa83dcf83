// Entry of a pre-training worker process (forked by parallel-pretraining.ts): registers the
// TypeScript loader, as bin/tvem.cjs does, then serves training jobs over the IPC channel.
require('tsx/cjs/api').register();
require('./pretraining-worker.ts').serveTrainingJobs();
