import { assertInteger, assertPositive, fail } from '../theory/validate';
import { assertProbability, binomialUpperCriticalCount, clopperPearsonUpper } from './clopper-pearson';

/** CLAIMS.md §4: a check's failure probability split evenly over its `tests` tests (Bonferroni). */
export function bonferroni(failureProbability: number, tests: number): number {
  assertProbability('failureProbability', failureProbability);
  assertInteger('tests', tests, 1);
  return failureProbability / tests;
}

export interface ResolutionTarget {
  /** The rate a Monte-Carlo estimate is compared against (the bound), in (0, 1). */
  readonly rate: number;
  /** Relative resolution η > 0: the check must be able to confirm p ≤ (1 + η)·rate. */
  readonly relativeResolution: number;
  /** Failure probability of each one-sided Clopper–Pearson bound. */
  readonly alpha: number;
  /** Allowed probability that a true rate p ≤ `rate` still leaves the check unresolved. */
  readonly beta: number;
}

/**
 * Trials N for a Clopper–Pearson check of p ≤ rate (CLAIMS.md §4). Under p ≤ rate the count X
 * stays below c = binomialUpperCriticalCount(N, rate, beta) with probability ≥ 1 − beta, and N is
 * chosen so that the upper bound at c − 1 is ≤ (1 + η)·rate: then the check confirms
 * p ≤ (1 + η)·rate with probability ≥ 1 − beta. The returned N satisfies this (found by doubling,
 * then bisection, so it is near-minimal); it is `undefined` when no N of the doubling sequence
 * 1, 2, 4, …, maxTrials does.
 */
export function trialsToResolveRate(target: ResolutionTarget, maxTrials: number): number | undefined {
  const { rate, relativeResolution, alpha, beta } = target;
  if (typeof rate !== 'number' || !(rate > 0 && rate < 1)) fail('rate', rate, 'a probability in (0, 1)');
  assertPositive('relativeResolution', relativeResolution);
  assertProbability('alpha', alpha);
  assertProbability('beta', beta);
  assertInteger('maxTrials', maxTrials, 1);
  const resolves = (trials: number): boolean => {
    const critical = binomialUpperCriticalCount(trials, rate, beta);
    if (critical > trials) return false;
    return clopperPearsonUpper(critical - 1, trials, alpha) <= (1 + relativeResolution) * rate;
  };
  let failing = 0;
  let high = 1;
  while (!resolves(high)) {
    if (high >= maxTrials) return undefined;
    failing = high;
    high = Math.min(2 * high, maxTrials);
  }
  // Bisect between the last failing and the first resolving N; `high` always resolves.
  while (high - failing > 1) {
    const mid = Math.floor((failing + high) / 2);
    if (resolves(mid)) high = mid;
    else failing = mid;
  }
  return high;
}
