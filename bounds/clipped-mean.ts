import { assertInRange, fail } from '../theory/validate';
import { assertProbability, clopperPearsonUpper } from './clopper-pearson';
import { hoeffdingDeviation } from './hoeffding';

/**
 * Confidence bounds for the mean of i.i.d. values in [0, 1] that mostly lie below a clip level c
 * (CLAIMS.md §4). Hoeffding on min(x, c) has range c instead of 1, and
 *   E[min(x, c)] ≤ E[x] ≤ E[min(x, c)] + P(x > c),
 * with P(x > c) bounded by Clopper–Pearson on the count of values above c.
 */
export interface ClippedMeanSummary {
  /** Mean of min(x, c). */
  readonly clippedMean: number;
  /** Number of values above c. */
  readonly aboveClip: number;
  readonly samples: number;
}

export function summarizeClipped(values: readonly number[], clip: number): ClippedMeanSummary {
  assertInRange('clip', clip, Number.MIN_VALUE, 1);
  if (values.length === 0) fail('values length', 0, 'at least 1');
  let total = 0;
  let aboveClip = 0;
  values.forEach((x, i) => {
    assertInRange(`values[${i}]`, x, 0, 1);
    total += Math.min(x, clip);
    if (x > clip) aboveClip++;
  });
  return { clippedMean: total / values.length, aboveClip, samples: values.length };
}

/** One-sided lower bound on E[x], failing with probability at most alpha. */
export function clippedMeanLower(values: readonly number[], clip: number, alpha: number): number {
  assertProbability('alpha', alpha);
  const s = summarizeClipped(values, clip);
  return Math.max(0, s.clippedMean - hoeffdingDeviation(s.samples, alpha, clip));
}

/** One-sided upper bound on E[x], failing with probability at most alpha (split evenly between its two terms). */
export function clippedMeanUpper(values: readonly number[], clip: number, alpha: number): number {
  assertProbability('alpha', alpha);
  const s = summarizeClipped(values, clip);
  const upper = s.clippedMean + hoeffdingDeviation(s.samples, alpha / 2, clip) + clopperPearsonUpper(s.aboveClip, s.samples, alpha / 2);
  return Math.min(1, upper);
}
