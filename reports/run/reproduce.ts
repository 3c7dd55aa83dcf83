import type { ClaimId } from '../../bounds/registry';
import { assembleResults } from './assemble-results';
import { writeCell } from './cells';
import { finishRun, type ReproduceOutcome } from './outcome';
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
 * when resuming), writing run.json first (with each claim's resolved scale), then each cell
 * atomically as it finishes, then the results and reports.
 */
export async function reproduce(config: RunConfig, out: string, resume: boolean): Promise<ReproduceOutcome> {
  const startedAt = new Date().toISOString();
  const resumed = resume ? openResumedRun(out, config) : undefined;
  const cells = resumed?.cells ?? new Map<ClaimId, ClaimRecord>();
  const todo = claimsToRun(config).filter((id) => !cells.has(id));
  const scales = inRegistryOrder({ ...(resumed ? finishedScales(resumed) : {}), ...resolveScales(todo, config.quick) });
  writeRunJson(out, resumed?.saved ?? config, scales);
  await runClaims(todo, config, (record) => {
    writeCell(out, record);
    cells.set(record.id, record);
  });
  return finishRun(out, assembleResults(config, cells, startedAt));
}
