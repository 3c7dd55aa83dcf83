import { claimEntry } from './registry';

/** Claim B1's tolerances and declared regime, typed, as the registry holds them. */
export interface B1Constants {
  readonly float64Tolerance: number;
  readonly float32RelativeTolerance: number;
  /** d and k at most this. */
  readonly regimeMaxWidth: number;
  /** The score scale S up to which the float32 / float64 rounding bound stays within tolerance. */
  readonly float32MaxScoreScale: number;
  readonly float64MaxScoreScale: number;
}

export function b1Constants(): B1Constants {
  return claimEntry('B1').constants as unknown as B1Constants;
}
