import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { binomialUpperCriticalCount } from '../bounds/clopper-pearson';
import { hoeffdingDeviation } from '../bounds/hoeffding';
import { compareWithConstruction, empiricalBernsteinDeviation, meanSlack } from '../bounds/training-slack';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * bounds/training-slack.ts is the statistical core of claims B3, C3, F3, F4 and G1: exact values on
 * small cases, invariances, input checks, and a Monte-Carlo coverage test of both tails.
 */

const close = (actual: number, expected: number): void =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe('empiricalBernsteinDeviation: exact values', () => {
  test('two values 0 and 1: mean 1/2, unbiased variance 1/2', () => {
    const delta = 0.1;
    const log = Math.log(2 / delta);
    close(empiricalBernsteinDeviation([0, 1], delta, 1), Math.sqrt((2 * 0.5 * log) / 2) + (7 * log) / 3);
  });

  test('constant values: the variance term vanishes, only 7·range·ln(2/δ)/(3(R − 1)) is left', () => {
    const delta = 0.01;
    close(empiricalBernsteinDeviation([0.3, 0.3, 0.3, 0.3, 0.3], delta, 2), (7 * 2 * Math.log(2 / delta)) / (3 * 4));
  });

  test('10 ones among 1000 values: the formula, and below Hoeffding', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i < 10 ? 1 : 0));
    const delta = 1e-3;
    const log = Math.log(2 / delta);
    const variance = (10 * 0.99 ** 2 + 990 * 0.01 ** 2) / 999;
    const bernstein = empiricalBernsteinDeviation(values, delta, 1);
    close(bernstein, Math.sqrt((2 * variance * log) / 1000) + (7 * log) / (3 * 999));
    expect(bernstein).toBeLessThan(hoeffdingDeviation(1000, delta, 1));
  });

  test.prop([
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
    fc.double({ min: -5, max: 5, noNaN: true }),
    fc.double({ min: 0.01, max: 100, noNaN: true }),
    fc.double({ min: 1e-9, max: 0.5, noNaN: true }),
  ])('shifting the values leaves it unchanged; scaling values and range by s scales it by s', (values, shift, scale, delta) => {
    const base = empiricalBernsteinDeviation(values, delta, 1);
    const moved = empiricalBernsteinDeviation(
      values.map((x) => shift + scale * x),
      delta,
      scale,
    );
    expect(Math.abs(moved - scale * base)).toBeLessThanOrEqual(1e-9 * scale * (1 + base));
  });

  test.prop([
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 40 }),
    fc.double({ min: 1e-9, max: 0.4, noNaN: true }),
  ])('decreases as δ grows', (values, delta) => {
    expect(empiricalBernsteinDeviation(values, 2 * delta, 1)).toBeLessThan(empiricalBernsteinDeviation(values, delta, 1));
  });

  test('rejects fewer than 2 values, δ outside (0, 1) and a non-positive range', () => {
    expect(() => empiricalBernsteinDeviation([0.5], 0.1, 1)).toThrow(/values length/);
    expect(() => empiricalBernsteinDeviation([0, 1], 0, 1)).toThrow(/failureProbability/);
    expect(() => empiricalBernsteinDeviation([0, 1], 1, 1)).toThrow(/failureProbability/);
    expect(() => empiricalBernsteinDeviation([0, 1], 0.1, 0)).toThrow(/range/);
  });
});

describe('meanSlack: exact values', () => {
  test('slack = min(Hoeffding(δ/2), empirical Bernstein(δ/2)), with the mean', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 0.5, 1];
    const delta = 0.02;
    const s = meanSlack(values, delta, 1);
    close(s.mean, 0.15);
    close(s.hoeffding, Math.sqrt(Math.log(2 / delta) / (2 * values.length)));
    close(s.bernstein, empiricalBernsteinDeviation(values, delta / 2, 1));
    expect(s.slack).toBe(Math.min(s.hoeffding, s.bernstein));
  });

  test('many small values: Bernstein is the smaller term; few spread values: Hoeffding is', () => {
    const sparse = meanSlack(
      Array.from({ length: 5000 }, (_, i) => (i % 100 === 0 ? 1 : 0)),
      1e-3,
      1,
    );
    expect(sparse.slack).toBe(sparse.bernstein);
    const spread = meanSlack([0, 1, 0, 1, 0, 1], 1e-3, 1);
    expect(spread.slack).toBe(spread.hoeffding);
  });

  test('rejects non-finite values', () => {
    expect(() => meanSlack([0, Number.NaN, 1], 0.1, 1)).toThrow(/values\[1\]/);
    expect(() => meanSlack([0, Infinity], 0.1, 1)).toThrow(/values\[1\]/);
  });
});

describe('compareWithConstruction: exact values', () => {
  test('paired differences, their slack at width 2·errorWidth, and the two flags', () => {
    const trained = [0.1, 0.2, 0.3, 0.2];
    const bound = [0.1, 0.1, 0.2, 0.2];
    const delta = 0.05;
    const c = compareWithConstruction(trained, bound, 1, delta);
    const slack = meanSlack([0, 0.1, 0.1, 0], delta, 2).slack;
    close(c.trainedMean, 0.2);
    close(c.constructMean, 0.15);
    close(c.slack, slack);
    expect(c.exceeds).toBe(0.05 > slack);
    expect(c.resolved).toBe(slack < 0.15);
  });

  test('a large sample with the trained error at twice the bound is rejected and resolved', () => {
    const bound = Array.from({ length: 20_000 }, (_, j) => 0.1 + 0.01 * (j % 3));
    const c = compareWithConstruction(
      bound.map((b) => 2 * b),
      bound,
      1,
      1e-3,
    );
    expect(c.exceeds).toBe(true);
    expect(c.resolved).toBe(true);
  });

  test('rejects a length mismatch', () => {
    expect(() => compareWithConstruction([0.1, 0.2], [0.1], 1, 0.1)).toThrow(/bound length/);
  });
});

/**
 * Coverage: for R i.i.d. draws from a bounded distribution with known mean μ, each one-sided
 * deviation at δ is exceeded with probability ≤ δ (Maurer & Pontil 2009, Theorem 4; the lower
 * tail by applying it to range − X; meanSlack by a union bound over its two terms). Over T
 * independent trials the number of misses is then stochastically below Bin(T, δ), so it reaches
 * binomialUpperCriticalCount(T, δ, β) with probability ≤ β. β is a Bonferroni share of
 * FAILURE_PROBABILITY over all (distribution, tail, bound) checks: the test fails with
 * probability ≤ 1e-6 when the bounds are correct.
 */
const FAILURE_PROBABILITY = 1e-6;
const TRIALS = 10_000;
const DELTA = 0.05;

interface Scenario {
  readonly name: string;
  readonly samples: number;
  readonly range: number;
  readonly expectation: number;
  readonly draw: (rng: Rng) => number;
}

const bernoulli =
  (p: number, high = 1) =>
  (rng: Rng) =>
    rng.uniform() < p ? high : 0;

const SCENARIOS: readonly Scenario[] = [
  { name: 'Bernoulli(0.5), R = 10', samples: 10, range: 1, expectation: 0.5, draw: bernoulli(0.5) },
  { name: 'Bernoulli(0.05), R = 40', samples: 40, range: 1, expectation: 0.05, draw: bernoulli(0.05) },
  { name: 'Bernoulli(0.95), R = 40', samples: 40, range: 1, expectation: 0.95, draw: bernoulli(0.95) },
  { name: 'Bernoulli(0.3), R = 2 (the smallest R)', samples: 2, range: 1, expectation: 0.3, draw: bernoulli(0.3) },
  {
    name: 'two-point {0, 0.5} with P(0.5) = 0.02, range 0.5, R = 200',
    samples: 200,
    range: 0.5,
    expectation: 0.01,
    draw: bernoulli(0.02, 0.5),
  },
  {
    name: 'uniform on [−2, 2] (paired differences), range 4, R = 25',
    samples: 25,
    range: 4,
    expectation: 0,
    draw: (rng) => -2 + 4 * rng.uniform(),
  },
];

/** Per scenario: the Bernstein deviation's upper and lower tails, and meanSlack's upper and lower tails. */
const CHECKS_PER_SCENARIO = 4;
const BETA = FAILURE_PROBABILITY / (SCENARIOS.length * CHECKS_PER_SCENARIO);
const CRITICAL = binomialUpperCriticalCount(TRIALS, DELTA, BETA);

describe(`coverage at δ = ${DELTA} over ${TRIALS} trials (fails with probability ≤ ${FAILURE_PROBABILITY} when the bounds hold)`, () => {
  test('the critical count leaves room for the nominal miss rate', () => {
    expect(CRITICAL).toBeGreaterThan(TRIALS * DELTA);
    expect(CRITICAL).toBeLessThan(TRIALS * 3 * DELTA);
  });

  test.each(SCENARIOS.map((s, i) => [s.name, s, i] as const))('%s', (_, scenario, index) => {
    const rng = new Rng(testSeed(`training-slack coverage ${index}`));
    const misses = { bernsteinUpper: 0, bernsteinLower: 0, slackUpper: 0, slackLower: 0 };
    for (let t = 0; t < TRIALS; t++) {
      const r = rng.split(t);
      const values = Array.from({ length: scenario.samples }, () => scenario.draw(r));
      const m = values.reduce((s, x) => s + x, 0) / values.length;
      const bernstein = empiricalBernsteinDeviation(values, DELTA, scenario.range);
      const { slack } = meanSlack(values, DELTA, scenario.range);
      if (scenario.expectation - m > bernstein) misses.bernsteinUpper++;
      if (m - scenario.expectation > bernstein) misses.bernsteinLower++;
      if (scenario.expectation - m > slack) misses.slackUpper++;
      if (m - scenario.expectation > slack) misses.slackLower++;
    }
    for (const [which, count] of Object.entries(misses)) {
      if (count >= CRITICAL)
        throw new Error(
          `${scenario.name}: ${which} missed ${count} of ${TRIALS} (critical ${CRITICAL} at δ = ${DELTA}, β = ${BETA.toExponential(2)}); seed ${testSeed(`training-slack coverage ${index}`)}`,
        );
    }
  });
});
