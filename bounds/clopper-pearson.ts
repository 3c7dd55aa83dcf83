import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { assertInteger, fail } from '../theory/validate';

/**
 * Clopper–Pearson exact binomial confidence bounds (CLAIMS.md §4). For s successes in n independent
 * trials with success probability p, each one-sided bound fails to cover p with probability at
 * most `alpha`, whatever p is; the two-sided interval fails with probability at most `alpha`.
 */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

function assertCounts(successes: number, trials: number): void {
  assertInteger('trials', trials, 1);
  assertInteger('successes', successes, 0, trials);
}

/** Rejects a miscoverage probability outside (0, 1). */
export function assertProbability(parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) fail(parameter, value, 'a probability in (0, 1)');
  return value;
}

/** One-sided lower bound L with P(p < L) ≤ alpha: the alpha-quantile of Beta(s, n − s + 1); 0 when s = 0. */
export function clopperPearsonLower(successes: number, trials: number, alpha: number): number {
  assertCounts(successes, trials);
  assertProbability('alpha', alpha);
  return successes === 0 ? 0 : betaQuantile(alpha, successes, trials - successes + 1);
}

/** One-sided upper bound U with P(p > U) ≤ alpha: the (1 − alpha)-quantile of Beta(s + 1, n − s); 1 when s = n. */
export function clopperPearsonUpper(successes: number, trials: number, alpha: number): number {
  assertCounts(successes, trials);
  assertProbability('alpha', alpha);
  return successes === trials ? 1 : betaQuantile(1 - alpha, successes + 1, trials - successes);
}

/** Two-sided interval at confidence 1 − alpha: the one-sided bounds at alpha/2 each. */
export function clopperPearsonInterval(successes: number, trials: number, alpha: number): Interval {
  assertProbability('alpha', alpha);
  return { lower: clopperPearsonLower(successes, trials, alpha / 2), upper: clopperPearsonUpper(successes, trials, alpha / 2) };
}

/**
 * The smallest count c with P(Bin(trials, p) ≥ c) ≤ beta, by Clopper–Pearson duality:
 * for c ≥ 1, P_p(X ≥ c) ≤ beta iff clopperPearsonLower(c, trials, beta) ≥ p. Returns trials + 1
 * when no count qualifies (even P(X = trials) is above beta).
 */
export function binomialUpperCriticalCount(trials: number, p: number, beta: number): number {
  assertInteger('trials', trials, 1);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) fail('p', p, 'a probability in [0, 1]');
  assertProbability('beta', beta);
  if (clopperPearsonLower(trials, trials, beta) < p) return trials + 1;
  let low = 0; // P(X ≥ 0) = 1 > beta: never qualifies (the duality holds for c ≥ 1)
  let high = trials; // qualifies
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (clopperPearsonLower(mid, trials, beta) >= p) high = mid;
    else low = mid;
  }
  return high;
}
