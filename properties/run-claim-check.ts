import type { ClaimId } from '../bounds/registry';
import type { ClaimCheck, ClaimResult } from '../reports/claims/kit/claim-check';
import { claimRng } from '../reports/run/claim-streams';

/** The negative controls' fixed run seed (the default seed of `tvem reproduce`). */
export const CONTROL_SEED = 20250209;

export interface RunClaimCheckOptions {
  readonly seed?: number;
  /** `--only <step ids>`: the proof steps to check. */
  readonly steps?: readonly string[];
}

/** A claim's real check run at `scale`, as `tvem reproduce --quick` runs it, with no progress output. */
export function runClaimCheck<S>(id: ClaimId, check: ClaimCheck<S>, scale: S, options: RunClaimCheckOptions = {}): Promise<ClaimResult> {
  const seed = options.seed ?? CONTROL_SEED;
  return check.run({
    seed,
    rng: claimRng(seed, id),
    quick: true,
    scale,
    progress: { tick: () => {} },
    ...(options.steps ? { steps: options.steps } : {}),
  });
}
