import type { ClaimId } from '../../bounds/registry';
import { InputError } from '../../theory/validate';
import { readCells } from './cells';
import type { RunConfig } from './run-config';
import { type RunJson, readRunConfig } from './run-json';
import type { ClaimRecord } from './run-results';
import type { ResolvedScales } from './scales';

export interface ResumedRun {
  /** The interrupted run's run.json. */
  readonly saved: RunJson;
  /** Its finished cells, which the resumed run keeps. */
  readonly cells: Map<ClaimId, ClaimRecord>;
}

/**
 * `--resume <dir>`: opens an interrupted run, which must have used the same seed and scale
 * (--quick) as the flags given now, and reads its finished cells.
 */
export function openResumedRun(dir: string, config: RunConfig): ResumedRun {
  const saved = readRunConfig(dir);
  if (saved.seed !== config.seed || saved.quick !== config.quick) {
    throw new InputError(
      `--resume ${dir}: that run used seed ${saved.seed}${saved.quick ? ' --quick' : ''}; resume it with the same flags`,
    );
  }
  return { saved, cells: readCells(dir) };
}

/** The saved scales of the finished claims, which the resumed run keeps as they were (it does not rerun them). */
export function finishedScales(resumed: ResumedRun): ResolvedScales {
  const scales: ResolvedScales = {};
  for (const id of resumed.cells.keys()) if (resumed.saved.scales?.[id] !== undefined) scales[id] = resumed.saved.scales[id];
  return scales;
}
