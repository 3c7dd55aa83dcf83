import { assertPositive } from '../theory/validate';
import { hoeffdingDeviation, hoeffdingSampleSize } from './hoeffding';

/**
 * A one-sided test of mean ≤ bound on values clipped at `clip` (bounds/clipped-mean.ts, CLAIMS.md §4):
 * it rejects when the Hoeffding lower bound, dev = clip·sqrt(ln(1/α)/(2R)) below the clipped sample
 * mean, exceeds the bound. A clipped mean 2·dev above the bound is then rejected with probability
 * ≥ 1 − α, so R values resolve the test to the relative resolution η = 2·dev/bound.
 */
export interface ClippedMeanTest {
  readonly bound: number;
  readonly clip: number;
  readonly alpha: number;
}

/** The relative resolution η reached with `runs` values: a mean above (1 + η)·bound is rejected with probability ≥ 1 − α. */
export function clippedMeanResolution(runs: number, test: ClippedMeanTest): number {
  assertPositive('bound', test.bound);
  return (2 * hoeffdingDeviation(runs, test.alpha, test.clip)) / test.bound;
}

/** The fewest runs whose relative resolution is at most `relativeResolution` (F2: runs per cell). */
export function runsToResolveClippedMean(relativeResolution: number, test: ClippedMeanTest): number {
  assertPositive('relativeResolution', relativeResolution);
  assertPositive('bound', test.bound);
  return hoeffdingSampleSize((relativeResolution * test.bound) / 2, test.alpha, test.clip);
}
