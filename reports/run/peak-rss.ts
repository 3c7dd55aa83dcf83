import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeakRss } from './run-results';

/** The preload that makes each child process record its own peak RSS as it exits. */
const CHILD_PRELOAD = join(__dirname, 'child-peak-rss.cjs');
/** Where the children write it (one file per pid); read by child-peak-rss.cjs. */
const CHILD_RSS_DIR_ENV = 'TVEM_CHILD_RSS_DIR';

/** KiB (as maxRSS counts) in MiB, to 0.1 MiB. */
function mebibytes(kibibytes: number): number {
  return Math.round((kibibytes / 1024) * 10) / 10;
}

/** This process's peak resident set size so far, in MiB. */
export function ownPeakRssMiB(): number {
  return mebibytes(process.resourceUsage().maxRSS);
}

/** The largest of several processes' peaks, each figure on its own (workersMiB when any had workers). */
export function largestPeakRss(peaks: readonly PeakRss[]): PeakRss {
  const workers = peaks.flatMap((p) => (p.workersMiB === undefined ? [] : [p.workersMiB]));
  return {
    processMiB: Math.max(0, ...peaks.map((p) => p.processMiB)),
    ...(workers.length > 0 ? { workersMiB: Math.max(...workers) } : {}),
  };
}

/**
 * Runs `run` and returns the peak RSS of this process and of the Node processes it started
 * meanwhile (the pre-training workers, which model/ forks with this process's environment). Those
 * record their own peak as they exit: NODE_OPTIONS gains a --require of child-peak-rss.cjs, which
 * writes it into a temporary folder; the environment is restored afterwards.
 */
export async function measuringPeakRss(run: () => Promise<void>): Promise<PeakRss> {
  const folder = mkdtempSync(join(tmpdir(), 'tvem-rss-'));
  const saved = { nodeOptions: process.env.NODE_OPTIONS, folder: process.env[CHILD_RSS_DIR_ENV] };
  const restore = (name: string, value: string | undefined) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  const cleanUp = () => rmSync(folder, { recursive: true, force: true });
  process.env.NODE_OPTIONS = `${saved.nodeOptions ?? ''} --require ${JSON.stringify(CHILD_PRELOAD)}`.trim();
  process.env[CHILD_RSS_DIR_ENV] = folder;
  process.once('exit', cleanUp);
  try {
    await run();
    const children = readdirSync(folder).map((pid) => Number(readFileSync(join(folder, pid), 'utf8')));
    return { processMiB: ownPeakRssMiB(), ...(children.length > 0 ? { workersMiB: mebibytes(Math.max(...children)) } : {}) };
  } finally {
    restore('NODE_OPTIONS', saved.nodeOptions);
    restore(CHILD_RSS_DIR_ENV, saved.folder);
    process.off('exit', cleanUp);
    cleanUp();
  }
}
