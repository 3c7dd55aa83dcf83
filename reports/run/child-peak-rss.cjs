// Preloaded (NODE_OPTIONS=--require) into the Node processes a `tvem reproduce` process starts, such
// as the pre-training workers (see peak-rss.ts): on exit, each writes its own peak resident set size
// (process.resourceUsage().maxRSS, in KiB) to the file <pid> in TVEM_CHILD_RSS_DIR.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const folder = process.env.TVEM_CHILD_RSS_DIR;
if (folder) {
  process.on('exit', () => {
    try {
      writeFileSync(join(folder, String(process.pid)), String(process.resourceUsage().maxRSS));
    } catch {
      // The run has finished reading (and removed the folder): nothing to record.
    }
  });
}
