import { mean as sampleMean } from '../theory/sample-statistics';
import { assertInteger, assertPositive, fail } from '../theory/validate';
import { assertProbability } from './clopper-pearson';
import { hoeffdingDeviation } from './hoeffding';

/**
 * The generalisation slack of claims B3 and C3 (CLAIMS.md §4): how far the mean of R i.i.d. held-out
 * values in an interval of width `range` may exceed its expectation, at failure probability δ.
 */

/**
 * Maurer & Pontil (2009, Theorem 4), the empirical Bernstein bound: with probability ≥ 1 − δ,
 *   E[X] − mean ≤ sqrt(2·V·ln(2/δ)/R) + 7·range·ln(2/δ)/(3(R − 1)),
 * where V is the unbiased sample variance. Needs R ≥ 2. Tighter than Hoeffding when V ≪ range².
 */
export function empiricalBernsteinDeviation(values: readonly number[], failureProbability: number, range: number): number {
  assertInteger('values length', values.length, 2);
  assertProbability('failureProbability', failureProbability);
  assertPositive('range', range);
  const count = values.length;
  const mean = sampleMean(values);
  const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / (count - 1);
  const log = Math.log(2 / failureProbability);
  return Math.sqrt((2 * variance * log) / count) + (7 * range * log) / (3 * (count - 1));
}

export interface MeanSlack {
  readonly mean: number;
  /** The smaller of the two deviations below: exceeded with probability at most δ. */
  readonly slack: number;
  /** Hoeffding's deviation at δ/2. */
  readonly hoeffding: number;
  /** The empirical Bernstein deviation at δ/2. */
  readonly bernstein: number;
}

/**
 * The one-sided slack min(Hoeffding(δ/2), empirical Bernstein(δ/2)): by a union bound over the
 * two, P(mean − E[X] > slack) ≤ δ, and the same for the lower tail.
 */
export function meanSlack(values: readonly number[], failureProbability: number, range: number): MeanSlack {
  assertProbability('failureProbability', failureProbability);
  values.forEach((x, i) => {
    if (!Number.isFinite(x)) fail(`values[${i}]`, x, 'a finite number');
  });
  const hoeffding = hoeffdingDeviation(values.length, failureProbability / 2, range);
  const bernstein = empiricalBernsteinDeviation(values, failureProbability / 2, range);
  return { mean: sampleMean(values), slack: Math.min(hoeffding, bernstein), hoeffding, bernstein };
}

/** The outcome of testing E[trained error] ≤ E[construction bound] on paired held-out values. */
export interface ConstructionComparison {
  readonly trainedMean: number;
  /** ε_construct: the construction's bound averaged over the held-out instances. */
  readonly constructMean: number;
  /** Slack on the mean paired difference (trained − bound), at the test's failure probability. */
  readonly slack: number;
  /** trainedMean > constructMean + slack: the claim is rejected (probability ≤ δ if it holds). */
  readonly exceeds: boolean;
  /**
   * slack < constructMean: the rejection threshold on the mean paired difference lies below
   * ε_construct, so with this slack any observed mean trained error above twice ε_construct (on
   * these instances) would have been rejected. The slack is data-dependent (the empirical
   * Bernstein term uses the sample variance of these differences), so this is a statement about
   * this sample's threshold, not a power guarantee for a hypothetical layer at twice the bound:
   * such a layer's differences would have a different variance, and the same threshold only when
   * their spread matches (e.g. trained error ≈ 0, where D ≈ −bound and 2·bound − bound = bound
   * have the same variance). It bounds the Hoeffding term too, since slack ≤ Hoeffding's deviation.
   */
  readonly resolved: boolean;
}

/**
 * Claims B3/C3: per held-out instance j, D_j = trained_j − bound_j with both in [0, width], so
 * D_j ∈ [−width, width]. Under E[trained] ≤ E[bound] the mean of D exceeds its slack with
 * probability ≤ δ, so `exceeds` is a test at level δ.
 */
export function compareWithConstruction(
  trained: readonly number[],
  bound: readonly number[],
  width: number,
  failureProbability: number,
): ConstructionComparison {
  if (trained.length !== bound.length) fail('bound length', bound.length, `equal to the trained length (${trained.length})`);
  const differences = trained.map((e, j) => e - bound[j]!);
  const { mean, slack } = meanSlack(differences, failureProbability, 2 * width);
  const constructMean = sampleMean(bound);
  return { trainedMean: mean + constructMean, constructMean, slack, exceeds: mean > slack, resolved: slack < constructMean };
}
