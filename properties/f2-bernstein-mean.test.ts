import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { clopperPearsonLower } from '../bounds/clopper-pearson';
import {
  bernsteinMeanLower,
  bernsteinMeanUpper,
  clippedBernsteinBand,
  plannedUpperUnderClaim,
  planTwoLooks,
  runsToResolveBernsteinMean,
  runsToResolveWithoutSpread,
  upperWithoutSpread,
} from '../bounds/f2-bernstein-mean';
import { logMinimaxEnvelope, logSingleRunEnvelope } from '../bounds/minimax';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * F2's empirical-Bernstein mean tests and their planner (bounds/f2-bernstein-mean.ts, CLAIMS.md §4).
 */

const ROUNDING = 1e-9;

const testArbitrary = fc
  .record({
    bound: fc.double({ min: 1e-4, max: 0.2, noNaN: true }),
    clipOverBound: fc.double({ min: 1, max: 60, noNaN: true }),
    alpha: fc.double({ min: 1e-9, max: 0.2, noNaN: true }),
  })
  .map(({ bound, clipOverBound, alpha }) => ({ bound, clip: Math.min(1, bound * clipOverBound), alpha }));

/** Monte-Carlo miss counts are judged by Clopper–Pearson at this failure probability. */
const MONTE_CARLO_FAILURE = 1e-6;

describe('F2: empirical-Bernstein planner', () => {
  test.prop([testArbitrary, fc.double({ min: 0.2, max: 3, noNaN: true }), fc.double({ min: 1e-6, max: 0.2, noNaN: true })])(
    'F2: the worst-case plan is the fewest runs whose planned upper bound is ≤ (1 + η)·bound',
    (meanTest, eta, beta) => {
      const runs = runsToResolveBernsteinMean(meanTest, eta, beta);
      const target = (1 + eta) * meanTest.bound;
      expect(plannedUpperUnderClaim(runs, meanTest, beta)).toBeLessThanOrEqual(target * (1 + ROUNDING));
      if (runs > 2) expect(plannedUpperUnderClaim(runs - 1, meanTest, beta)).toBeGreaterThan(target * (1 - ROUNDING));
    },
  );

  test.prop([testArbitrary, fc.double({ min: 0.2, max: 3, noNaN: true })])(
    'F2: the first look is the fewest runs at which a zero-spread sample at the bound resolves, and no later than the worst case',
    (meanTest, eta) => {
      const runs = runsToResolveWithoutSpread(meanTest, eta);
      const target = (1 + eta) * meanTest.bound;
      expect(upperWithoutSpread(runs, meanTest)).toBeLessThanOrEqual(target * (1 + ROUNDING));
      if (runs > 2) expect(upperWithoutSpread(runs - 1, meanTest)).toBeGreaterThan(target * (1 - ROUNDING));
      // A constant sample at the bound has exactly this upper bound (capped at the clip, as every upper bound is).
      const constant = new Array(runs).fill(meanTest.bound);
      expect(bernsteinMeanUpper(constant, meanTest)).toBeCloseTo(Math.min(meanTest.clip, upperWithoutSpread(runs, meanTest)), 12);
      expect(runs).toBeLessThanOrEqual(runsToResolveBernsteinMean(meanTest, eta, 0.05));
    },
  );

  it('F2: known answers at α = 1e-5/112 per look, β = 0.05/56: Δ/σ = 8 resolves at 2246 runs (first look) and 10196 (worst case), not 10⁵', () => {
    const alpha = 1e-5 / 56 / 2;
    const beta = 0.05 / 56;
    const meanTest = (delta: number) => ({
      bound: Math.exp(logMinimaxEnvelope(delta, 1)),
      clip: Math.exp(logSingleRunEnvelope(delta, 1)),
      alpha,
    });
    const gapTest = { bound: 0.01, clip: 0.05, alpha };
    expect(planTwoLooks([meanTest(8), gapTest], 1, beta, 1e6)).toEqual({ first: 2246, second: 10196, required: 10196 });
    expect(planTwoLooks([meanTest(3), gapTest], 1, beta, 1e6)).toEqual({ first: 207, second: 550, required: 550 });
    expect(planTwoLooks([meanTest(8), gapTest], 1, beta, 3000)).toEqual({ first: 2246, second: 3000, required: 10196 });
    // The first look at Δ/σ = 8 is the range term alone: the smallest R with 7c·ln(4/α)/(3(R − 1)) ≤ bound.
    const { bound, clip } = meanTest(8);
    expect(runsToResolveWithoutSpread(meanTest(8), 1)).toBe(Math.ceil(1 + (7 * clip * Math.log(4 / alpha)) / (3 * bound)));
  });

  it(`F2: at the planned runs, a worst-case variable under the claim resolves with probability ≥ 1 − β (Monte Carlo, failure probability ${MONTE_CARLO_FAILURE})`, () => {
    // Values in {0, clip} with mean = bound: the largest variance a [0, clip] variable of mean ≤ bound can have.
    const meanTest = { bound: 0.05, clip: 0.4, alpha: 0.01 };
    const beta = 0.05;
    const runs = runsToResolveBernsteinMean(meanTest, 1, beta);
    const p = meanTest.bound / meanTest.clip;
    const rng = new Rng(testSeed('F2: planned runs resolve a worst-case variable'));
    const repetitions = 2000;
    let unresolved = 0;
    for (let r = 0; r < repetitions; r++) {
      const values = Array.from({ length: runs }, () => (rng.uniform() < p ? meanTest.clip : 0));
      if (bernsteinMeanUpper(values, meanTest) > 2 * meanTest.bound) unresolved++;
    }
    expect(clopperPearsonLower(unresolved, repetitions, MONTE_CARLO_FAILURE)).toBeLessThanOrEqual(beta);
  });

  it(`F2: the lower bound exceeds a true mean at the bound with probability ≤ α, and the upper falls below it with probability ≤ α (Monte Carlo, failure probability ${MONTE_CARLO_FAILURE})`, () => {
    const meanTest = { bound: 0.02, clip: 0.2, alpha: 0.05 };
    const rng = new Rng(testSeed('F2: Bernstein bounds cover'));
    const repetitions = 4000;
    let lowerMisses = 0;
    let upperMisses = 0;
    for (let r = 0; r < repetitions; r++) {
      // Values 0, 0.01 or clip, with mean exactly the bound: 0.01·0.6 + 0.2·0.07 = 0.02.
      const values = Array.from({ length: 60 }, () => {
        const u = rng.uniform();
        return u < 0.07 ? 0.2 : u < 0.67 ? 0.01 : 0;
      });
      if (bernsteinMeanLower(values, meanTest) > meanTest.bound) lowerMisses++;
      if (bernsteinMeanUpper(values, meanTest) < meanTest.bound) upperMisses++;
    }
    expect(clopperPearsonLower(lowerMisses, repetitions, MONTE_CARLO_FAILURE)).toBeLessThanOrEqual(meanTest.alpha);
    expect(clopperPearsonLower(upperMisses, repetitions, MONTE_CARLO_FAILURE)).toBeLessThanOrEqual(meanTest.alpha);
  });

  it(`F2: the trend band covers an unclipped mean with mass above the clip (each side ≤ α/2; Monte Carlo, failure probability ${MONTE_CARLO_FAILURE})`, () => {
    // Values 0.05 (p = 0.9) or 0.6 (p = 0.1) in [0, 0.875], clipped at 0.1: mean 0.105, clipped mean 0.055.
    const alpha = 0.1;
    const trueMean = 0.9 * 0.05 + 0.1 * 0.6;
    const rng = new Rng(testSeed('F2: trend band covers'));
    const repetitions = 3000;
    let upperMisses = 0;
    let lowerMisses = 0;
    for (let r = 0; r < repetitions; r++) {
      const values = Array.from({ length: 80 }, () => (rng.uniform() < 0.1 ? 0.6 : 0.05));
      const band = clippedBernsteinBand(values, 0.1, alpha, 0.875);
      if (band.upper < trueMean) upperMisses++;
      if (band.lower > trueMean) lowerMisses++;
    }
    expect(clopperPearsonLower(upperMisses, repetitions, MONTE_CARLO_FAILURE)).toBeLessThanOrEqual(alpha / 2);
    expect(clopperPearsonLower(lowerMisses, repetitions, MONTE_CARLO_FAILURE)).toBeLessThanOrEqual(alpha / 2);
  });

  it('F2: bad input names the parameter and the value', () => {
    expect(() => runsToResolveBernsteinMean({ bound: 0.1, clip: 0.05, alpha: 0.01 }, 1, 0.05)).toThrow(
      /clip must be a number in \[bound, 1\]/,
    );
    expect(() => runsToResolveBernsteinMean({ bound: 0.1, clip: 0.5, alpha: 0.01 }, 0, 0.05)).toThrow(
      /relativeResolution must be a finite number > 0, got 0/,
    );
    expect(() => bernsteinMeanLower([0.1, 1.5], { bound: 0.1, clip: 0.5, alpha: 0.01 })).toThrow(
      /values\[1\] must be a number in \[0, 1\], got 1.5/,
    );
    expect(() => planTwoLooks([], 1, 0.05, 100)).toThrow(/tests length must be at least 1, got 0/);
  });
});
