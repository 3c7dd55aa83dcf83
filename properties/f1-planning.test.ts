import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { clopperPearsonUpper } from '../bounds/clopper-pearson';
import { f1CellTrials } from '../bounds/f1-cell-trials';
import { f1TestAlpha, f1TestsPerCell } from '../bounds/f1-test-alpha';
import { trialsToResolveRate } from '../bounds/repetitions';

/**
 * F1's planners: the Bonferroni level of its tests (bounds/f1-test-alpha.ts) and the oracle points
 * per cell (bounds/f1-cell-trials.ts), CLAIMS.md §4.
 */

/** F1's resolution target: confirm error ≤ 1.5·bound, unresolved with probability ≤ 1e-3. */
const F1_RESOLUTION = { relativeResolution: 0.5, beta: 1e-3 };

/** Exact P(X ≤ last) for X ~ Bin(trials, p), by a log-space recurrence over the mass function. */
function binomialCdf(trials: number, p: number, last: number): number {
  let logMass = trials * Math.log1p(-p);
  let total = 0;
  const logOdds = Math.log(p) - Math.log1p(-p);
  for (let s = 0; s <= last; s++) {
    total += Math.exp(logMass);
    logMass += Math.log((trials - s) / (s + 1)) + logOdds;
  }
  return total;
}

describe('F1: tests per cell and their level', () => {
  it('F1: a cell of k clusters has k + 1 tests, and k = 2 one more (the exactness test)', () => {
    expect(f1TestsPerCell(2)).toBe(4);
    expect(f1TestsPerCell(3)).toBe(4);
    expect(f1TestsPerCell(5)).toBe(6);
    expect(f1TestsPerCell(8)).toBe(9);
  });

  it("F1: the quick grid's 96 tests share 1e-6 (the level the quick report states)", () => {
    // simplex k ∈ {2, 3, 5} and random k ∈ {3, 5}, four Δ/σ each.
    const ks = [2, 3, 5, 3, 5].flatMap((k) => [k, k, k, k]);
    expect(f1TestAlpha(1e-6, ks)).toBe(1e-6 / 96);
  });

  test.prop([fc.double({ min: 1e-9, max: 0.5, noNaN: true }), fc.array(fc.integer({ min: 2, max: 12 }), { minLength: 1, maxLength: 30 })])(
    'F1: the levels of all tests add up to the failure probability, and a further cell lowers the level',
    (failureProbability, ks) => {
      const alpha = f1TestAlpha(failureProbability, ks);
      const tests = ks.reduce((sum, k) => sum + f1TestsPerCell(k), 0);
      expect(Math.abs(alpha * tests - failureProbability)).toBeLessThanOrEqual(1e-12 * failureProbability);
      expect(f1TestAlpha(failureProbability, [...ks, 2])).toBeLessThan(alpha);
    },
  );

  it('F1: bad input names the parameter and the value', () => {
    expect(() => f1TestsPerCell(1)).toThrow(/k must be an integer >= 2, got 1/);
    expect(() => f1TestAlpha(1e-6, [])).toThrow(/tests must be an integer >= 1, got 0/);
  });
});

describe('F1: oracle points per cell', () => {
  it('F1: a vacuous bound (≥ 1) needs no points', () => {
    const resolution = { ...F1_RESOLUTION, alpha: 1e-8 };
    expect(f1CellTrials(1, resolution, 1e6)).toBeUndefined();
    expect(f1CellTrials(2.5, resolution, 1e6)).toBeUndefined();
  });

  test.prop(
    [fc.double({ min: 1e-3, max: 0.99, noNaN: true }), fc.double({ min: 1e-10, max: 0.05, noNaN: true }), fc.integer({ min: 1, max: 2e5 })],
    { numRuns: 30 },
  )('F1: below 1 the points are those that resolve the rate, within the budget or undefined', (bound, alpha, budget) => {
    const resolution = { ...F1_RESOLUTION, alpha };
    const trials = f1CellTrials(bound, resolution, budget);
    expect(trials).toBe(trialsToResolveRate({ rate: bound, ...resolution }, budget));
    if (trials !== undefined) expect(trials).toBeLessThanOrEqual(budget);
  });

  test.prop([fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.double({ min: 1e-10, max: 1e-4, noNaN: true })], { numRuns: 30 })(
    'F1: with the planned points, an error equal to the bound is confirmed ≤ 1.5·bound with probability ≥ 1 − 1e-3 (exact)',
    (bound, alpha) => {
      const trials = f1CellTrials(bound, { ...F1_RESOLUTION, alpha }, 1e7)!;
      expect(trials).toBeDefined();
      // The upper bound is nondecreasing in the count, so the cell resolves exactly when the count is ≤ last.
      const limit = (1 + F1_RESOLUTION.relativeResolution) * bound;
      let last = -1;
      let beyond = trials + 1;
      while (beyond - last > 1) {
        const mid = Math.floor((last + beyond) / 2);
        if (clopperPearsonUpper(mid, trials, alpha) <= limit) last = mid;
        else beyond = mid;
      }
      expect(binomialCdf(trials, bound, last)).toBeGreaterThanOrEqual(1 - F1_RESOLUTION.beta - 1e-9);
    },
  );

  it('F1: bad input names the parameter and the value', () => {
    expect(() => f1CellTrials(0, { ...F1_RESOLUTION, alpha: 1e-8 }, 1e6)).toThrow(/bound must be a finite number > 0, got 0/);
    expect(() => f1CellTrials(0.1, { ...F1_RESOLUTION, alpha: 1e-8 }, 0)).toThrow(/maxTrials must be an integer >= 1, got 0/);
  });
});
