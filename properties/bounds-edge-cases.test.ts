import { b1StatedScale } from '../bounds/b1-logit-scale';
import { b1WorstPoint } from '../bounds/b1-rounding-constant';
import { pairedMeansLogLogSlope, resampleCounts } from '../bounds/bootstrap-slope';
import { binomialUpperCriticalCount, clopperPearsonLower } from '../bounds/clopper-pearson';
import { d2SlopeInterval } from '../bounds/d2-error-trend';
import { e2MoveCenters } from '../bounds/e2-margin-stability';
import { bernsteinMeanLower, clippedBernsteinBand } from '../bounds/f2-bernstein-mean';
import { minAllowanceTest } from '../bounds/g1-min-allowance';
import type { SeedLosses } from '../bounds/median-dominance';
import { fromRows } from '../theory/matrix';
import { Rng } from '../theory/rng';

// Boundary cases of bounds/ found by mutation testing (issue 14): inclusive ends, exact ties,
// widths above 1 and empty inputs, each worked by hand.

describe('boundary cases of the bounds', () => {
  it('B1: the width check names both matrices', () => {
    expect(() => b1StatedScale(fromRows('points', [[1, 2]]), fromRows('centers', [[1, 2, 3]]), 1)).toThrow(
      'centers width must be equal to the dimension of points (2), got 3',
    );
  });

  it('B1: each point’s score scale uses its own d coordinates (d = 2), and an empty instance has no worst point', () => {
    const points = fromRows('points', [
      [1, 0],
      [0, 2],
    ]);
    const centers = fromRows('centers', [[0, 3]]);
    const w = fromRows('w', [[1], [1]]);
    const worst = b1WorstPoint(w, w, points, centers, 1, 'float64');
    expect(worst.point).toBe(0);
    expect(worst.scoreScale).toBe(4.5); // point (1, 0): |0| + 9/2
    const second = b1WorstPoint(w, fromRows('r', [[1], [0.5]]), points, centers, 1, 'float64');
    expect(second.point).toBe(1);
    expect(second.scoreScale).toBe(10.5); // point (0, 2): |6| + 9/2
    const none = { rows: 0, cols: 1, data: new Float64Array(0) };
    const empty = b1WorstPoint(none, none, { rows: 0, cols: 2, data: new Float64Array(0) }, centers, 1, 'float64');
    expect(empty.point).toBe(-1);
    expect(empty.ratio).toBe(Number.NEGATIVE_INFINITY);
  });

  it('§4: resampled counts spread over the units (no unit drawn much more than its share)', () => {
    const counts = resampleCounts(200, new Rng(11));
    expect(Math.max(...counts)).toBeLessThan(12);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(100);
  });

  it('§4: paired means with no instances are refused by the resampler, naming the unit count', () => {
    expect(() => pairedMeansLogLogSlope([], [], { replicates: 2, level: 0.9, rng: new Rng(1) })).toThrow(
      'units must be an integer >= 1, got 0',
    );
  });

  it('§4: critical counts at exact ties of the Clopper–Pearson lower bound with p', () => {
    // p equal to lower(n, n, β) = β^{1/n}: c = n qualifies (P(X ≥ n) = pⁿ = β).
    expect(binomialUpperCriticalCount(10, clopperPearsonLower(10, 10, 0.05), 0.05)).toBe(10);
    // p equal to lower(5, 20, β): c = 5 qualifies.
    expect(binomialUpperCriticalCount(20, clopperPearsonLower(5, 20, 0.05), 0.05)).toBe(5);
    expect(() => binomialUpperCriticalCount(10, '0.5' as unknown as number, 0.05)).toThrow('p must be a probability in [0, 1], got "0.5"');
  });

  it('D2: the slope interval from heads starting at M = 2, with seeds redrawn per M (a spread interval)', () => {
    const constant = (value: number): SeedLosses => ({ values: new Float64Array(20).fill(value), bound: 1 });
    const heads = [2, 4, 8];
    const losses = heads.map((m) => [constant(0.5 / m), constant(1 / m), constant(2 / m)]);
    const slope = d2SlopeInterval(heads, losses, { replicates: 40, level: 0.9, rng: new Rng(5) });
    expect(slope.xs).toEqual([2, 4, 8]);
    expect(slope.estimate).toBeCloseTo(-0.5, 14);
    expect(slope.interval![1] - slope.interval![0]).toBeGreaterThan(0.1);
    expect(slope.interval![0]).toBeGreaterThan(-2);
    expect(slope.interval![1]).toBeLessThan(1);
  });

  it('E2: a direction of length exactly 1e-150 is replaced by e₁ (a negative one would point the other way)', () => {
    const moved = e2MoveCenters([0], [[5]], 0, 1, [{ direction: [-1e-150], lengthShare: 1, adversarial: false }]);
    expect(moved).toEqual([[6]]);
  });

  it('F2: values equal to 1, a range equal to the clip or to 1, and values equal to the clip', () => {
    expect(bernsteinMeanLower([1, 0.5], { bound: 0.5, clip: 1, alpha: 0.1 })).toBeGreaterThanOrEqual(0);
    const values = [0.05, 0.1, 0.1, 0.02];
    expect(clippedBernsteinBand(values, 0.1, 0.05, 0.1).upper).toBeLessThanOrEqual(0.1);
    expect(clippedBernsteinBand(values, 0.1, 0.05, 1).upper).toBeLessThanOrEqual(1);
    // Values equal to the clip are not above it: with none above, the band's upper end equals the
    // clipped mean's upper bound, whatever the range.
    const atClip = clippedBernsteinBand(values, 0.1, 0.05, 0.6);
    const belowClip = clippedBernsteinBand(values, 0.1, 0.05, 0.1);
    expect(atClip.upper).toBeLessThan(0.6);
    expect(atClip.upper - belowClip.upper).toBeCloseTo(0.5 * (1 - 0.0125 ** (1 / 4)), 12);
  });

  it('G1: tied baselines: the first decides', () => {
    const T = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0.5 : 0.55));
    const B = new Array<number>(40).fill(0.05);
    expect(minAllowanceTest(T, [B, B], { factor: 0.1, additive: 0.02, rateRange: 0.6, alpha: 0.05 }).decisive).toBe(0);
    expect(minAllowanceTest(T, [B, B], { factor: 0.1, additive: 5, rateRange: 0.6, alpha: 0.05 }).decisive).toBe(0);
  });
});
