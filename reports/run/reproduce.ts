import type { ClaimId } from '../../bounds/registry';
import { assembleResults } from './assemble-results';
import { writeCell } from './cells';
import { runClaimsInJobs } from './claim-jobs';
import { finishRun, type ReproduceOutcome } from './outcome';
import { measuringPeakRss } from './peak-rss';
import { finishedScales, openResumedRun } from './resume';
import { claimsToRun, runClaims } from './run-claims';
import type { RunConfig } from './run-config';
import { writeRunJson } from './run-json';
import type { ClaimRecord } from './run-results';
import { inRegistryOrder, resolveScales } from './scales';

// The run room's entry points, which the CLI (reports/cli/) loads from here.
export { merge } from './merge';
export { exitCodeOf, type ReproduceOutcome } from './outcome';
export { readRunConfig } from './run-json';

/**
 * `tvem reproduce`: runs the selected claims' checks (skipping cells already finished in `out`
 * when resuming), one after the other in this process or, with `jobs` > 1, in that many job
 * processes at once (claim-jobs.ts); writes run.json first (with each claim's resolved scale),
 * then each cell atomically as it finishes, then the results (with the run's peak RSS) and reports.
 */
export async function reproduce(config: RunConfig, out: string, resume: boolean, jobs = 1): Promise<ReproduceOutcome> {
  const startedAt = new Date().toISOString();
  const resumed = resume ? openResumedRun(out, config) : undefined;
  const cells = resumed?.cells ?? new Map<ClaimId, ClaimRecord>();
  const todo = claimsToRun(config).filter((id) => !cells.has(id));
  const scales = inRegistryOrder({ ...(resumed ? finishedScales(resumed) : {}), ...resolveScales(todo, config.quick) });
  writeRunJson(out, resumed?.saved ?? config, scales);
  const finished = (record: ClaimRecord) => {
    writeCell(out, record);
    cells.set(record.id, record);
  };
  const peakRss =
    jobs > 1 ? await runClaimsInJobs(todo, config, jobs, finished) : await measuringPeakRss(() => runClaims(todo, config, finished));
  return finishRun(out, assembleResults(config, cells, startedAt, peakRss));
}
