import { b1LogitScale, b1PointwiseError, b1RoundingBound, b1StatedScale, FLOAT64_UNIT_ROUNDOFF } from '../bounds/b1-logit-scale';
import { fromRows } from '../theory/matrix';

// Known answers for claim B1's score scales, error measure and first-order rounding bound
// (bounds/b1-logit-scale.ts), worked by hand.

describe('B1: score scales S, known answers', () => {
  it('B1.1: one point (1, 2), one center (3, −1), β = 2: Σ|X·μ| = 5, ‖μ‖²/2 = 5, ‖X − μ‖²/2 = 6.5', () => {
    const points = fromRows('points', [[1, 2]]);
    const centers = fromRows('centers', [[3, -1]]);
    expect(b1LogitScale(points, centers, 2)).toBe(2 * 10); // max(5 + 5, 6.5)
    expect(b1StatedScale(points, centers, 2)).toBe(2 * 6); // |⟨X, μ⟩| + ‖μ‖²/2 = 1 + 5
  });

  it('B1.1: a far point: ‖X − μ‖²/2 dominates the logit scale; |⟨X, μ⟩| takes the absolute value', () => {
    const points = fromRows('points', [[10, 0]]);
    const centers = fromRows('centers', [[-1, 0]]);
    expect(b1LogitScale(points, centers, 1)).toBe(60.5); // max(10 + 0.5, 121/2)
    expect(b1StatedScale(points, centers, 1)).toBe(10.5); // |−10| + 0.5
    expect(b1StatedScale(points, centers, 3)).toBe(31.5);
  });

  it('B1.1: the maximum runs over every point and every center', () => {
    const points = fromRows('points', [
      [1, 2],
      [0.5, -0.5],
      [2, 0],
    ]);
    const centers = fromRows('centers', [
      [0, 1],
      [3, -1],
      [-2, 0],
    ]);
    // Pairs (i, a): stated |dot| + ‖μ‖²/2; the largest is (i = 2 (2, 0), a = 1 (3, −1)): 6 + 5 = 11.
    // Logit: Σ|X·μ| + ‖μ‖²/2 or ‖X − μ‖²/2; (i = 0, a = 2): 2 + 2 = 4 vs (9 + 4)/2 = 6.5;
    // (i = 0, a = 1): 5 + 5 = 10 vs 6.5; (i = 2, a = 1): 6 + 5 = 11 vs 1; (i = 2, a = 2): 4 + 2 vs 8.
    expect(b1StatedScale(points, centers, 1)).toBe(11);
    expect(b1LogitScale(points, centers, 1)).toBe(11);
    // Only the first point: stated max is (a = 1) |3 − 2| + 5 = 6; logit max is (a = 1) 10.
    expect(b1StatedScale(fromRows('points', [[1, 2]]), centers, 1)).toBe(6);
    expect(b1LogitScale(fromRows('points', [[1, 2]]), centers, 1)).toBe(10);
    // Only the last center (−2, 0): stated max over points is |−4| + 2 = 6; logit max (2−(−2))²/2 = 8.
    expect(b1StatedScale(points, fromRows('centers', [[-2, 0]]), 1)).toBe(6);
    expect(b1LogitScale(points, fromRows('centers', [[-2, 0]]), 1)).toBe(8);
  });

  it('B1: bad β and mismatched widths are rejected, naming the parameter', () => {
    const points = fromRows('points', [[1, 2]]);
    expect(() => b1LogitScale(points, fromRows('centers', [[1, 2]]), 0)).toThrow('beta must be a finite number > 0, got 0');
    expect(() => b1StatedScale(points, fromRows('centers', [[1, 2]]), -1)).toThrow('beta must be a finite number > 0, got -1');
    expect(() => b1LogitScale(points, fromRows('centers', [[1, 2, 3]]), 1)).toThrow(/centers/);
    expect(() => b1StatedScale(points, fromRows('centers', [[1, 2, 3]]), 1)).toThrow(/centers/);
  });
});

describe('B1: the pointwise error measure max_i max_a |w − r| / max_a |r|', () => {
  it('B1: known answer: row errors 0.1/0.6 and 0 give 1/6', () => {
    const w = fromRows('w', [
      [0.5, 0.5],
      [0.9, 0.1],
    ]);
    const r = fromRows('r', [
      [0.6, 0.4],
      [0.9, 0.1],
    ]);
    expect(b1PointwiseError(w, r)).toBeCloseTo(1 / 6, 14);
  });

  it('B1: the worst row counts, each relative to its own largest reference entry', () => {
    const w = fromRows('w', [
      [0.25, 0.75],
      [0.5, 0.5],
    ]);
    const r = fromRows('r', [
      [0.2, 0.8],
      [0.75, 0.25],
    ]);
    // Row 0: 0.05/0.8 = 0.0625; row 1: 0.25/0.75 = 1/3.
    expect(b1PointwiseError(w, r)).toBeCloseTo(1 / 3, 14);
    expect(b1PointwiseError(fromRows('w', [[0.25, 0.75]]), fromRows('r', [[0.2, 0.8]]))).toBeCloseTo(0.0625, 14);
    // Negative differences count by absolute value, and a negative reference entry by its size.
    expect(b1PointwiseError(fromRows('w', [[0.5, 0]]), fromRows('r', [[0.75, -1]]))).toBeCloseTo(1, 14);
  });

  it('B1: equal rows give 0, even an all-zero reference row (no 0/0)', () => {
    expect(b1PointwiseError(fromRows('w', [[0, 0]]), fromRows('r', [[0, 0]]))).toBe(0);
    expect(b1PointwiseError(fromRows('w', [[0.3, 0.7]]), fromRows('r', [[0.3, 0.7]]))).toBe(0);
  });

  it('B1: NaN anywhere in w or in the reference gives NaN', () => {
    expect(b1PointwiseError(fromRows('w', [[0.5, 0.5]]), fromRows('r', [[0.5, 0.5]]))).toBe(0);
    const nanW = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0.5, Number.NaN, 0.5]) };
    const r = fromRows('r', [
      [0.4, 0.6],
      [0.5, 0.5],
    ]);
    expect(b1PointwiseError(nanW, r)).toBeNaN();
    const nanR = { rows: 2, cols: 2, data: Float64Array.from([0.4, 0.6, 0.5, Number.NaN]) };
    const w = fromRows('w', [
      [0.4, 0.6],
      [0.5, 0.5],
    ]);
    expect(b1PointwiseError(w, nanR)).toBeNaN();
  });

  it('B1: shapes must agree, and the message gives both', () => {
    const w = fromRows('w', [[0.5, 0.5]]);
    expect(() => b1PointwiseError(w, fromRows('r', [[1, 0, 0]]))).toThrow('b1PointwiseError: shapes 1×2 and 1×3 differ');
    expect(() =>
      b1PointwiseError(
        w,
        fromRows('r', [
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toThrow('b1PointwiseError: shapes 1×2 and 2×2 differ');
  });
});

describe('B1: first-order rounding bound 2((2d + 5)u + (d + 3)u_ref)·S + (k + 3)(u + u_ref)', () => {
  it('B1.2: known answers for every coefficient', () => {
    // d = 2, k = 3, S = 10, u = 2⁻¹⁰, u_ref = 2⁻²⁰: 2(9·2⁻¹⁰ + 5·2⁻²⁰)·10 + 6(2⁻¹⁰ + 2⁻²⁰)
    expect(b1RoundingBound(2, 3, 10, 2 ** -10, 2 ** -20)).toBeCloseTo(180 * 2 ** -10 + 100 * 2 ** -20 + 6 * (2 ** -10 + 2 ** -20), 15);
    expect(b1RoundingBound(1, 1, 1, 1, 0)).toBe(14 + 4);
    expect(b1RoundingBound(1, 1, 1, 0, 1)).toBe(8 + 4);
    expect(b1RoundingBound(3, 5, 0, 1, 1)).toBe(16);
  });

  it('B1.2: the reference roundoff defaults to float64’s', () => {
    expect(b1RoundingBound(2, 3, 10, 2 ** -24)).toBe(b1RoundingBound(2, 3, 10, 2 ** -24, FLOAT64_UNIT_ROUNDOFF));
    expect(b1RoundingBound(2, 3, 10, 0)).toBe((2 * 5 * 10 + 6) * 2 ** -53);
  });
});
