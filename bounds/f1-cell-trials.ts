import { assertPositive } from '../theory/validate';
import { type ResolutionTarget, trialsToResolveRate } from './repetitions';

/**
 * F1 (CLAIMS.md §4): the oracle points to draw in a cell whose error is bounded by `bound`, the
 * fewest for which the Clopper–Pearson check confirms error ≤ (1 + η)·bound with probability
 * ≥ 1 − β when the bound holds. `undefined` when the bound is vacuous (≥ 1: every error meets it,
 * so there is nothing to sample) or when more than `maxTrials` points would be needed.
 */
export function f1CellTrials(bound: number, resolution: Omit<ResolutionTarget, 'rate'>, maxTrials: number): number | undefined {
  assertPositive('bound', bound);
  return bound < 1 ? trialsToResolveRate({ rate: bound, ...resolution }, maxTrials) : undefined;
}
