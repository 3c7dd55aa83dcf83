import { b1Allowed, b1RoundingConstant, b1SecondOrderTerm, b1WorstPoint } from '../bounds/b1-rounding-constant';
import { fromRows } from '../theory/matrix';

// Known answers for claim B1's allowance τ + c·S·u, its second-order term and the per-point
// judgement (bounds/b1-rounding-constant.ts), worked by hand.

const U64 = 2 ** -53;
const U32 = 2 ** -24;

describe('B1: the allowance τ + c(d)·S·u', () => {
  it('B1: float32, d = 2, S = 10: 1e-6 + (18 + 10·2⁻²⁹)·10·2⁻²⁴', () => {
    expect(b1RoundingConstant(2, 'float32')).toBe(18 + 10 * 2 ** -29);
    expect(b1Allowed(2, 3, 10, 'float32')).toBe(1e-6 + (18 + 10 * 2 ** -29) * 10 * U32);
    expect(b1Allowed(1, 1, 0, 'float64')).toBe(1e-12);
    expect(b1Allowed(8, 13, 2, 'float64')).toBe(1e-12 + 64 * 2 * U64);
  });

  it('B1: k from 1 to 13 (the registry maxK) is accepted, and nothing else', () => {
    expect(b1Allowed(1, 13, 1, 'float64')).toBeGreaterThan(0);
    expect(b1Allowed(1, 1, 1, 'float64')).toBeGreaterThan(0);
    expect(() => b1Allowed(1, 14, 1, 'float64')).toThrow(
      "b1Allowed: claim B1's bound is derived for k ≤ 13 (τ covers (k + 3)(u + u₆₄)), got k = 14",
    );
    expect(() => b1Allowed(1, 0, 1, 'float64')).toThrow('got k = 0');
    expect(() => b1Allowed(1, 2.5, 1, 'float64')).toThrow('got k = 2.5');
  });

  it('B1: the score scale must be ≥ 0 (0 allowed, NaN refused)', () => {
    expect(() => b1Allowed(1, 2, -1, 'float64')).toThrow('b1Allowed: the score scale must be ≥ 0, got -1');
    expect(() => b1Allowed(1, 2, Number.NaN, 'float64')).toThrow('b1Allowed: the score scale must be ≥ 0, got NaN');
    expect(() => b1RoundingConstant(1.5, 'float64')).toThrow('b1RoundingConstant: d must be an integer ≥ 1, got 1.5');
    expect(() => b1RoundingConstant(0, 'float32')).toThrow('b1RoundingConstant: d must be an integer ≥ 1, got 0');
  });
});

describe('B1: the second-order term (c·S·u)² while c·S·u ≤ 1', () => {
  it('B1: d = 8 in float64 has c = 64: at S = 2⁴⁷, c·S·u = 1 exactly, and just above it the term is ∞', () => {
    expect(b1SecondOrderTerm(8, 2 ** 47, 'float64')).toBe(1);
    expect(b1SecondOrderTerm(8, 2 ** 46, 'float64')).toBe(0.25);
    expect(b1SecondOrderTerm(8, 2 ** 47 * (1 + 2 ** -52), 'float64')).toBe(Number.POSITIVE_INFINITY);
    expect(b1SecondOrderTerm(1, 10, 'float32')).toBeCloseTo((b1RoundingConstant(1, 'float32') * 10 * U32) ** 2, 25);
  });
});

describe('B1: the worst point of an instance', () => {
  const points = fromRows('points', [[1], [2]]);
  const centers = fromRows('centers', [[0], [3]]);
  const reference = fromRows('reference', [
    [0.5, 0.5],
    [0.4, 0.6],
  ]);

  it('B1: error 1e-13/0.5 at point 0 with S_0 = β·(3 + 4.5) against τ + 22·S_0·u', () => {
    const w = fromRows('w', [
      [0.5 + 1e-13, 0.5],
      [0.4, 0.6],
    ]);
    const worst = b1WorstPoint(w, reference, points, centers, 1, 'float64');
    const error = Math.abs(0.5 + 1e-13 - 0.5) / 0.5;
    expect(worst.point).toBe(0);
    expect(worst.error).toBe(error);
    expect(worst.scoreScale).toBe(7.5);
    expect(worst.allowed).toBe(1e-12 + 22 * 7.5 * U64);
    expect(worst.ratio).toBe(error / (1e-12 + 22 * 7.5 * U64));
  });

  it('B1: the second point decides when its ratio is larger; ties keep the first', () => {
    const w = fromRows('w', [
      [0.5, 0.5],
      [0.4, 0.6 + 1e-12],
    ]);
    const worst = b1WorstPoint(w, reference, points, centers, 2, 'float32');
    expect(worst.point).toBe(1);
    // Point 2 against (0, 3): |⟨2, 3⟩| + 4.5 = 10.5, times β = 2.
    expect(worst.scoreScale).toBe(21);
    expect(worst.error).toBe((0.6 + 1e-12 - 0.6) / 0.6);
    const exact = b1WorstPoint(reference, reference, points, centers, 1, 'float64');
    expect(exact).toEqual({ ratio: 0, point: 0, error: 0, scoreScale: 7.5, allowed: 1e-12 + 22 * 7.5 * U64 });
  });

  it('B1: NaN in the head’s output or the reference gives ratio ∞ at that point', () => {
    const w = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0.5, Number.NaN, 0.6]) };
    const worst = b1WorstPoint(w, reference, points, centers, 1, 'float64');
    expect(worst.point).toBe(1);
    expect(worst.ratio).toBe(Number.POSITIVE_INFINITY);
    expect(worst.error).toBeNaN();
    const late = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0.5, 0.4, Number.NaN]) };
    expect(b1WorstPoint(late, reference, points, centers, 1, 'float64').ratio).toBe(Number.POSITIVE_INFINITY);
    const nanFirst = { rows: 2, cols: 2, data: Float64Array.from([Number.NaN, 0.5, 0.4, 0.6]) };
    const first = b1WorstPoint(nanFirst, reference, points, centers, 1, 'float64');
    expect(first.point).toBe(0);
    expect(first.error).toBeNaN();
  });

  it('B1: responsibilities must be n×k', () => {
    const bad = fromRows('w', [[0.5, 0.5]]);
    expect(() => b1WorstPoint(bad, reference, points, centers, 1, 'float64')).toThrow('b1WorstPoint: responsibilities must be 2×2');
    expect(() => b1WorstPoint(reference, bad, points, centers, 1, 'float64')).toThrow('b1WorstPoint: responsibilities must be 2×2');
    const wide = fromRows('w', [
      [0.5, 0.5, 0],
      [0.4, 0.6, 0],
    ]);
    expect(() => b1WorstPoint(wide, reference, points, centers, 1, 'float64')).toThrow('must be 2×2');
    expect(() => b1WorstPoint(reference, wide, points, centers, 1, 'float64')).toThrow('must be 2×2');
  });
});
