import { fail } from '../theory/validate';
import { assertProbability } from './clopper-pearson';
import { instancesForSlack } from './instances-to-resolve';
import { meanSlack } from './training-slack';

/**
 * Claim G1: the width of the interval a per-instance difference D = T − (1 + f)·B of two mislabel
 * rates in [0, r] lies in, [−(1 + f)·r, r]: (2 + f)·r, exact (both ends are reached). G1's r is
 * 1 − 1/max(k, m): a mislabel rate over L labels is at most 1 − 1/L, since the best of the L
 * cyclic relabellings matches at least n/L points.
 */
export function allowanceDifferenceWidth(rateRange: number, factor: number): number {
  if (!(rateRange > 0 && rateRange <= 1)) fail('rateRange', rateRange, 'in (0, 1]');
  if (!(factor >= 0 && Number.isFinite(factor))) fail('factor', factor, 'a finite number >= 0');
  return (2 + factor) * rateRange;
}

/** One baseline's paired difference D_j = T − (1 + f)·B_j: its mean and one-sided confidence bounds. */
export interface AllowanceDifference {
  readonly mean: number;
  /** mean − min(Hoeffding, empirical Bernstein) at MinAllowanceTest.lowerAlpha. */
  readonly lower: number;
  /** mean + min(Hoeffding, empirical Bernstein) at MinAllowanceTest.upperAlpha. */
  readonly upper: number;
}

export type AllowanceOutcome = 'violated' | 'holds' | 'unresolved';

export interface MinAllowanceTest {
  /** One per baseline, in the order given. */
  readonly differences: readonly AllowanceDifference[];
  readonly outcome: AllowanceOutcome;
  /** The baseline that decides: the largest lower bound when violated, else the largest upper bound. */
  readonly decisive: number;
  /** Failure probability of each lower bound: alpha over the baselines. */
  readonly lowerAlpha: number;
  /** Failure probability of each upper bound: alpha. */
  readonly upperAlpha: number;
}

export interface MinAllowance {
  /** f: the allowance's factor on the better baseline. */
  readonly factor: number;
  /** c: the allowance's additive term. */
  readonly additive: number;
  /** r: every rate lies in [0, r]. */
  readonly rateRange: number;
  /** The probability that the outcome is wrong. */
  readonly alpha: number;
}

/**
 * Claim G1 in one setting: is E[T] ≤ (1 + f)·min_j E[B_j] + c, from per-instance rates of the
 * transformer T and the baselines B_j (Lloyd, EM) on the same instances? Since (1 + f)·min_j E[B_j]
 * = min_j (1 + f)·E[B_j], the statement is the intersection over j of θ_j ≤ c, θ_j = E[D_j],
 * D_j = T − (1 + f)·B_j per instance (in an interval of width allowanceDifferenceWidth).
 *
 * - violated when some lower bound D̄_j − slack(α/J) exceeds c. If the statement holds, every
 *   θ_j ≤ c, so that needs one of the J lower bounds to fail: probability ≤ J·α/J = α (a
 *   union-intersection test). Asking for every lower bound to exceed c would be valid too, but
 *   would miss a transformer worse than the better baseline only: the case the claim is about.
 * - holds when every upper bound D̄_j + slack(α) is ≤ c. If the statement is false, some θ_j > c,
 *   and that j's upper bound is ≤ c with probability ≤ α, whatever the others do (an
 *   intersection-union test: no split). Asking only for the upper bound of the baseline with the
 *   smaller sample mean is not a valid test: the choice depends on the data, and when the two
 *   means are close it can pick the baseline whose θ_j ≤ c while the other's θ_j > c.
 * - unresolved otherwise; violated and holds exclude each other (each lower bound is below its
 *   upper bound).
 *
 * Whichever way the truth lies, the outcome is wrong with probability ≤ alpha.
 */
export function minAllowanceTest(
  transformer: readonly number[],
  baselines: readonly (readonly number[])[],
  test: MinAllowance,
): MinAllowanceTest {
  assertProbability('alpha', test.alpha);
  if (baselines.length === 0) fail('baselines length', 0, 'at least 1');
  const width = allowanceDifferenceWidth(test.rateRange, test.factor);
  const lowerAlpha = test.alpha / baselines.length;
  const differences = baselines.map((baseline, j): AllowanceDifference => {
    if (baseline.length !== transformer.length)
      fail(`baselines[${j}] length`, baseline.length, `equal to the transformer's (${transformer.length})`);
    const values = transformer.map((t, i) => t - (1 + test.factor) * baseline[i]!);
    const below = meanSlack(values, lowerAlpha, width);
    return { mean: below.mean, lower: below.mean - below.slack, upper: below.mean + meanSlack(values, test.alpha, width).slack };
  });
  const largest = (bound: (d: AllowanceDifference) => number): number =>
    differences.reduce((best, d, j) => (bound(d) > bound(differences[best]!) ? j : best), 0);
  const violated = differences.some((d) => d.lower > test.additive);
  const outcome: AllowanceOutcome = violated ? 'violated' : differences.every((d) => d.upper <= test.additive) ? 'holds' : 'unresolved';
  return {
    differences,
    outcome,
    decisive: violated ? largest((d) => d.lower) : largest((d) => d.upper),
    lowerAlpha,
    upperAlpha: test.alpha,
  };
}

/**
 * Claim G1's instances per setting, planned before the data: the fewest (≤ cap) whose upper
 * bounds resolve `holds` when the transformer matches the better baseline in mean (then
 * E[D_j] ≤ −f·E[B_j] ≤ 0 for the decisive j), i.e. whose planned slack at alpha is ≤ c, for
 * differences of sample variance `plannedVariance` (instances-to-resolve.ts). The test uses the
 * sample variance, so it resolves as planned when that is at most the planned one.
 */
export function instancesToResolveAllowance(test: MinAllowance, plannedVariance: number, cap: number): number {
  return instancesForSlack(test.additive, allowanceDifferenceWidth(test.rateRange, test.factor), test.alpha, plannedVariance, cap);
}
