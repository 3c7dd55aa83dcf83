import { f1CellTrials } from '../bounds/f1-cell-trials';
import { f1TestAlpha, f1TestsPerCell } from '../bounds/f1-test-alpha';
import { f3MislabelBound } from '../bounds/f3-mislabel-bound';

// Known answers for F1's per-cell test count, level and trial count, and F3's bound
// (bounds/f1-test-alpha.ts, bounds/f1-cell-trials.ts, bounds/f3-mislabel-bound.ts).

describe('F1: tests per cell and their level', () => {
  it('F1: k + 1 tests, plus the two-sided one for k = 2', () => {
    expect(f1TestsPerCell(2)).toBe(4);
    expect(f1TestsPerCell(3)).toBe(4);
    expect(f1TestsPerCell(5)).toBe(6);
    expect(() => f1TestsPerCell(1)).toThrow('k must be an integer >= 2, got 1');
  });

  it('F1: the failure probability split over every test of the cells (Bonferroni)', () => {
    expect(f1TestAlpha(0.05, [2, 3])).toBeCloseTo(0.05 / 8, 16);
    expect(f1TestAlpha(0.06, [2, 2, 4])).toBeCloseTo(0.06 / 13, 16);
    expect(f1TestAlpha(0.05, [3])).toBeCloseTo(0.0125, 16);
    expect(() => f1TestAlpha(0.05, [])).toThrow('tests must be an integer >= 1, got 0');
  });
});

describe('F1: oracle points to draw per cell', () => {
  const resolution = { relativeResolution: 1, alpha: 0.1, beta: 0.1 };

  it('F1: bound 0.2, η = 1, α = β = 0.1: 36 points (the planner’s scipy-checked answer)', () => {
    expect(f1CellTrials(0.2, resolution, 1_000_000)).toBe(36);
    expect(f1CellTrials(0.2, resolution, 35)).toBeUndefined();
  });

  it('F1: a vacuous bound (≥ 1) draws nothing', () => {
    expect(f1CellTrials(1, resolution, 1000)).toBeUndefined();
    expect(f1CellTrials(3, resolution, 1000)).toBeUndefined();
    // Bound 0.9 with (1 + η)·0.9 > 1: only the critical count limits N, first ≤ N when 0.9^N ≤ 0.1, at N = 22.
    expect(f1CellTrials(0.9, { relativeResolution: 0.5, alpha: 0.1, beta: 0.1 }, 1000)).toBe(22);
    expect(() => f1CellTrials(0, resolution, 1000)).toThrow('bound must be a finite number > 0, got 0');
  });
});

describe('F3: 2(k − 1)Φ(−Δ/2σ) + 0.01', () => {
  it('F3: k = 3, Δ/σ = 4: 4Φ(−2) + 0.01; k = 2, Δ/σ = 6: 2Φ(−3) + 0.01 (scipy)', () => {
    expect(f3MislabelBound(3, 4)).toBeCloseTo(0.10100052779271677, 14);
    expect(f3MislabelBound(2, 6)).toBeCloseTo(0.012699796063260186, 14);
    expect(f3MislabelBound(4, 200)).toBe(0.01);
  });
});
