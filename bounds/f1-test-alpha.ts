import { assertInteger } from '../theory/validate';
import { bonferroni } from './repetitions';

/**
 * F1's exact tests in a cell of k clusters: one per cluster, one for the weight-averaged error, and
 * for k = 2 the two-sided test that the error is exactly Φ(−Δ/2σ).
 */
export function f1TestsPerCell(k: number): number {
  assertInteger('k', k, 2);
  return k + 1 + (k === 2 ? 1 : 0);
}

/**
 * The level α of each of F1's tests (CLAIMS.md §4): the check's failure probability split evenly
 * over every test of the cells, given by their numbers of clusters `ks` (Bonferroni).
 */
export function f1TestAlpha(failureProbability: number, ks: readonly number[]): number {
  return bonferroni(
    failureProbability,
    ks.reduce((tests, k) => tests + f1TestsPerCell(k), 0),
  );
}
