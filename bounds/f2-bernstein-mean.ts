import { assertInteger, assertPositive, fail } from '../theory/validate';
import { assertProbability, clopperPearsonUpper } from './clopper-pearson';
import { hoeffdingDeviation } from './hoeffding';
import { meanSlack } from './training-slack';

/**
 * Claim F2's mean tests (CLAIMS.md §4): one-sided tests of E[X] ≤ bound for values X ∈ [0, 1]
 * clipped at `clip` (min(X, clip) has a smaller mean, so a rejection of the clipped mean rejects
 * the mean). Both confidence bounds use meanSlack (bounds/training-slack.ts): the smaller of
 * Hoeffding and the empirical Bernstein deviation (Maurer & Pontil 2009), each at α/2, so a
 * cell whose values are tiny and nearly constant resolves with far fewer runs than Hoeffding's
 * clip²-driven count.
 */
export interface BernsteinMeanTest {
  /** The claim's bound on the mean. */
  readonly bound: number;
  /** The clip level c (the values' range after clipping), bound ≤ c ≤ 1. */
  readonly clip: number;
  /** The level of each one-sided bound. */
  readonly alpha: number;
}

function validateTest(test: BernsteinMeanTest): void {
  assertPositive('bound', test.bound);
  if (!(test.clip >= test.bound && test.clip <= 1)) fail('clip', test.clip, `a number in [bound, 1] = [${test.bound}, 1]`);
  assertProbability('alpha', test.alpha);
}

function clipped(values: readonly number[], clip: number): number[] {
  return values.map((x, i) => {
    if (!(x >= 0 && x <= 1)) fail(`values[${i}]`, x, 'a number in [0, 1]');
    return Math.min(x, clip);
  });
}

/** A lower confidence bound on E[min(X, c)] (hence on E[X]): exceeds it with probability ≤ α. */
export function bernsteinMeanLower(values: readonly number[], test: BernsteinMeanTest): number {
  validateTest(test);
  const { mean, slack } = meanSlack(clipped(values, test.clip), test.alpha, test.clip);
  return Math.max(0, mean - slack);
}

/** An upper confidence bound on E[min(X, c)]: falls below it with probability ≤ α. */
export function bernsteinMeanUpper(values: readonly number[], test: BernsteinMeanTest): number {
  validateTest(test);
  const { mean, slack } = meanSlack(clipped(values, test.clip), test.alpha, test.clip);
  return Math.min(test.clip, mean + slack);
}

/**
 * A two-sided band on E[X] for values in [0, range] that mostly lie below `clip` (F2's trend
 * outside the regime): lower = bernsteinMeanLower at α/2 (valid for any clip); upper from
 * E[X] ≤ E[min(X, c)] + (range − c)·P(X > c), with bernsteinMeanUpper and Clopper–Pearson on the
 * count above c, at α/4 each. Each side fails with probability ≤ α/2.
 */
export function clippedBernsteinBand(
  values: readonly number[],
  clip: number,
  alpha: number,
  range: number,
): { readonly mean: number; readonly lower: number; readonly upper: number } {
  assertProbability('alpha', alpha);
  if (!(range >= clip && range <= 1)) fail('range', range, `a number in [clip, 1] = [${clip}, 1]`);
  const test = { bound: Number.MIN_VALUE, clip, alpha: alpha / 2 };
  const above = values.filter((x) => x > clip).length;
  const upper =
    bernsteinMeanUpper(values, { ...test, alpha: alpha / 4 }) + (range - clip) * clopperPearsonUpper(above, values.length, alpha / 4);
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return { mean, lower: bernsteinMeanLower(values, test), upper: Math.min(range, upper) };
}

/**
 * The deviation t of Bernstein's inequality for R i.i.d. values with X − E[X] ≤ c and
 * Var X ≤ V: P(mean − E[X] ≥ t) ≤ β for t = cL/(3R) + sqrt((cL/(3R))² + 2VL/R), L = ln(1/β)
 * (the root of R·t² = L·(2V + 2ct/3)).
 */
export function bernsteinDeviation(runs: number, variance: number, clip: number, beta: number): number {
  const linear = (clip * Math.log(1 / beta)) / (3 * runs);
  return linear + Math.sqrt(linear * linear + (2 * variance * Math.log(1 / beta)) / runs);
}

/**
 * The largest upper bound (bernsteinMeanUpper) that R runs give, except with probability β, when
 * the claim holds. Planned before the data from the variance the claim allows:
 *   1. E[min(X, c)] = μ ≤ bound and 0 ≤ min(X, c) ≤ c, so Var ≤ μ(c − μ) ≤ bound·c;
 *   2. by Bernstein, mean ≤ m := bound + bernsteinDeviation(R, bound·c, c, β) except w.p. β;
 *   3. values in [0, c] have Σ(x − mean)² ≤ Σx² ≤ c·Σx, so the unbiased sample variance is
 *      ≤ c·mean·R/(R − 1) whatever the data;
 *   4. the upper bound is mean + min(Hoeffding, empirical Bernstein) at α/2, and the latter,
 *      sqrt(2·V̂·ln(4/α)/R) + 7c·ln(4/α)/(3(R − 1)), is ≤ sqrt(2c·mean·ln(4/α)/(R − 1)) + 7c·ln(4/α)/(3(R − 1));
 *      both increase with the mean, so the upper bound is ≤ their value at m.
 */
export function plannedUpperUnderClaim(runs: number, test: BernsteinMeanTest, beta: number): number {
  assertInteger('runs', runs, 2);
  validateTest(test);
  assertProbability('beta', beta);
  const { bound, clip, alpha } = test;
  const m = Math.min(clip, bound + bernsteinDeviation(runs, bound * clip, clip, beta));
  const log = Math.log(4 / alpha);
  const bernstein = Math.sqrt((2 * clip * m * log) / (runs - 1)) + (7 * clip * log) / (3 * (runs - 1));
  return m + Math.min(hoeffdingDeviation(runs, alpha / 2, clip), bernstein);
}

/**
 * The upper bound R runs give when every value equals the bound (zero spread): the bound plus
 * min(Hoeffding, the range term 7c·ln(4/α)/(3(R − 1)) of the empirical Bernstein deviation).
 * No sample of R values reaches a smaller upper bound at mean = bound.
 */
export function upperWithoutSpread(runs: number, test: BernsteinMeanTest): number {
  assertInteger('runs', runs, 2);
  validateTest(test);
  const { bound, clip, alpha } = test;
  const range = (7 * clip * Math.log(4 / alpha)) / (3 * (runs - 1));
  return bound + Math.min(hoeffdingDeviation(runs, alpha / 2, clip), range);
}

/** The fewest runs R ≥ 2 with upper(R) ≤ (1 + η)·bound, for an upper(R) that decreases in R. */
function fewestRuns(test: BernsteinMeanTest, relativeResolution: number, upper: (runs: number) => number): number {
  assertPositive('relativeResolution', relativeResolution);
  validateTest(test);
  const target = (1 + relativeResolution) * test.bound;
  const resolves = (runs: number): boolean => upper(runs) <= target;
  let failing = 1;
  let high = 2;
  while (!resolves(high)) {
    failing = high;
    high *= 2;
    if (high > 2 ** 40) fail('relativeResolution', relativeResolution, 'one that some run count below 2^40 resolves');
  }
  while (high - failing > 1) {
    const mid = Math.floor((failing + high) / 2);
    if (resolves(mid)) high = mid;
    else failing = mid;
  }
  return high;
}

/**
 * F2's worst-case plan: the fewest runs for which, when the claim holds, the upper bound is
 * ≤ (1 + η)·bound except with probability β, whatever the values' distribution in [0, c]
 * (plannedUpperUnderClaim decreases in R).
 */
export function runsToResolveBernsteinMean(test: BernsteinMeanTest, relativeResolution: number, beta: number): number {
  assertProbability('beta', beta);
  return fewestRuns(test, relativeResolution, (runs) => plannedUpperUnderClaim(runs, test, beta));
}

/**
 * F2's first look: the fewest runs at which values of zero spread at mean = bound would resolve
 * (the range term alone reaches η·bound); fewer runs cannot resolve a cell whose mean is at its bound.
 */
export function runsToResolveWithoutSpread(test: BernsteinMeanTest, relativeResolution: number): number {
  return fewestRuns(test, relativeResolution, (runs) => upperWithoutSpread(runs, test));
}

/**
 * F2's two-look plan for one cell's mean tests, fixed before the data. Each look tests at α/2
 * (Bonferroni over the looks): the first look after `first` runs, the fewest at which a
 * zero-spread cell at its bound resolves every test; when a test is still unresolved and none
 * rejected, the second after `second` runs, the worst-case plan (≥ first), capped at `maxRuns`.
 */
export interface TwoLookPlan {
  readonly first: number;
  readonly second: number;
  /** The uncapped worst-case runs. */
  readonly required: number;
}

export function planTwoLooks(tests: readonly BernsteinMeanTest[], relativeResolution: number, beta: number, maxRuns: number): TwoLookPlan {
  assertInteger('maxRuns', maxRuns, 2);
  if (tests.length === 0) fail('tests length', 0, 'at least 1');
  const first = Math.max(...tests.map((t) => runsToResolveWithoutSpread(t, relativeResolution)));
  const required = Math.max(first, ...tests.map((t) => runsToResolveBernsteinMean(t, relativeResolution, beta)));
  return { first: Math.min(first, maxRuns), second: Math.min(required, maxRuns), required };
}
