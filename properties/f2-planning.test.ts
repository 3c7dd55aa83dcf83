import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { clippedMeanLower } from '../bounds/clipped-mean';
import { clippedMeanResolution, runsToResolveClippedMean } from '../bounds/clipped-mean-resolution';
import { clopperPearsonLower } from '../bounds/clopper-pearson';
import { planTwoLooks } from '../bounds/f2-bernstein-mean';
import { logMinimaxEnvelope, logSingleRunEnvelope } from '../bounds/minimax';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * F2's first planner (bounds/clipped-mean-resolution.ts, CLAIMS.md §4): the runs per cell for which
 * one-sided Hoeffding tests on clipped values reject a mean above (1 + η)·bound. F2 now plans with
 * the empirical-Bernstein planner (bounds/f2-bernstein-mean.ts, properties/f2-bernstein-mean.test.ts);
 * the last test here compares the two.
 */

const ROUNDING = 1e-9;

const testArbitrary = fc
  .record({
    bound: fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
    clipOverBound: fc.double({ min: 1, max: 20, noNaN: true }),
    alpha: fc.double({ min: 1e-9, max: 0.2, noNaN: true }),
  })
  .map(({ bound, clipOverBound, alpha }) => ({ bound, clip: Math.min(1, bound * clipOverBound), alpha }));

describe('F2: runs to resolve a clipped mean', () => {
  test.prop([testArbitrary, fc.double({ min: 0.1, max: 3, noNaN: true })])(
    'F2: the planned runs are the fewest whose resolution is ≤ η',
    (meanTest, eta) => {
      const runs = runsToResolveClippedMean(eta, meanTest);
      expect(clippedMeanResolution(runs, meanTest)).toBeLessThanOrEqual(eta * (1 + ROUNDING));
      if (runs > 1) expect(clippedMeanResolution(runs - 1, meanTest)).toBeGreaterThan(eta * (1 - ROUNDING));
    },
  );

  test.prop([testArbitrary, fc.integer({ min: 1, max: 1e6 })])(
    'F2: the resolution falls as 1/√runs and scales with clip/bound',
    (meanTest, runs) => {
      const resolution = clippedMeanResolution(runs, meanTest);
      expect(clippedMeanResolution(4 * runs, meanTest)).toBeCloseTo(resolution / 2, 10);
      const halfBound = clippedMeanResolution(runs, { ...meanTest, bound: meanTest.bound / 2 });
      expect(Math.abs(halfBound - 2 * resolution)).toBeLessThanOrEqual(ROUNDING * resolution);
    },
  );

  it('F2: at α = 1e-6, (c) needs 691 runs and (a) ⌈2·ln(1/α)·exp(Δ²/8σ²)⌉: 86 at Δ/σ = 3, 82367 at Δ/σ = 8', () => {
    const alpha = 1e-6;
    expect(runsToResolveClippedMean(1, { bound: 0.01, clip: 0.05, alpha })).toBe(691);
    const runsForA = (delta: number): number =>
      runsToResolveClippedMean(1, { bound: Math.exp(logMinimaxEnvelope(delta, 1)), clip: Math.exp(logSingleRunEnvelope(delta, 1)), alpha });
    expect(runsForA(3)).toBe(86);
    expect(runsForA(8)).toBe(82367);
    for (const delta of [3, 4, 5, 6, 8]) expect(runsForA(delta)).toBe(Math.ceil(2 * Math.log(1 / alpha) * Math.exp((delta * delta) / 8)));
  });

  it('F2: with the planned runs, a mean (1 + η)·bound is rejected with probability ≥ 1 − α (Monte Carlo, failure probability 1e-6)', () => {
    // Values in {0, clip} (clipping leaves them unchanged) with mean (1 + η)·bound.
    const meanTest = { bound: 0.2, clip: 0.5, alpha: 0.1 };
    const eta = 1;
    const p = ((1 + eta) * meanTest.bound) / meanTest.clip;
    const runs = runsToResolveClippedMean(eta, meanTest);
    const rng = new Rng(testSeed('F2: planned runs reject a mean above (1 + η)·bound'));
    const repetitions = 4000;
    let misses = 0;
    for (let r = 0; r < repetitions; r++) {
      const values = Array.from({ length: runs }, () => (rng.uniform() < p ? meanTest.clip : 0));
      if (clippedMeanLower(values, meanTest.clip, meanTest.alpha) <= meanTest.bound) misses++;
    }
    expect(clopperPearsonLower(misses, repetitions, 1e-6)).toBeLessThanOrEqual(meanTest.alpha);
  });

  it('F2: at Δ/σ = 8 and the same α, the empirical-Bernstein worst-case plan needs under a ninth of the Hoeffding runs, its first look under a fortieth', () => {
    const alpha = 1e-6;
    const meanTest = { bound: Math.exp(logMinimaxEnvelope(8, 1)), clip: Math.exp(logSingleRunEnvelope(8, 1)), alpha };
    const hoeffding = runsToResolveClippedMean(1, meanTest);
    const bernstein = planTwoLooks([meanTest], 1, 1e-3, 1e9);
    expect(hoeffding).toBe(82367);
    expect(bernstein.required * 9).toBeLessThan(hoeffding);
    expect(bernstein.first * 40).toBeLessThan(hoeffding);
  });

  it('F2: bad input names the parameter and the value', () => {
    expect(() => runsToResolveClippedMean(0, { bound: 0.1, clip: 0.5, alpha: 0.01 })).toThrow(
      /relativeResolution must be a finite number > 0, got 0/,
    );
    expect(() => runsToResolveClippedMean(1, { bound: 0, clip: 0.5, alpha: 0.01 })).toThrow(/bound must be a finite number > 0, got 0/);
    expect(() => clippedMeanResolution(0, { bound: 0.1, clip: 0.5, alpha: 0.01 })).toThrow(/samples must be an integer >= 1, got 0/);
    expect(() => clippedMeanResolution(10, { bound: 0.1, clip: 0.5, alpha: 2 })).toThrow(
      /failureProbability must be a probability in \(0, 1\), got 2/,
    );
  });
});
