import { claimEntry } from './registry';

const { marginThreshold } = claimEntry('E1').constants;

/**
 * Claim E1's regime: every E-step of the T-step run has min_i β·g_i/2 ≥ 110 (the registry's
 * marginThreshold), so the float32 softmax underflows to an exact one-hot. `minMargins` holds
 * one entry per E-step.
 */
export function e1InRegime(minMargins: readonly number[]): boolean {
  return minMargins.length > 0 && minMargins.every((m) => m >= marginThreshold);
}
