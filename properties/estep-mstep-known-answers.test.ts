import { eStepMargins, hardEStep, oracleLabels, softEStep } from '../theory/estep';
import { fromRows, type Matrix } from '../theory/matrix';
import { centersFromSums, hardMStep, mStep } from '../theory/mstep';

/** Known answers for the E- and M-steps of CLAIMS.md §2 (theory/estep.ts, theory/mstep.ts), worked by hand. */

const m = (rows: number, cols: number, values: number[]): Matrix => ({ rows, cols, data: Float64Array.from(values) });

function close(actual: ArrayLike<number>, expected: readonly number[], relative = 1e-14): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, t) => expect(Math.abs(actual[t]! - x)).toBeLessThanOrEqual(relative * Math.abs(x) + 1e-300));
}

describe('E-step: known answers', () => {
  const points = m(2, 1, [0, 2]);
  const centers = m(2, 1, [0, 1]);

  test('softEStep: w_ia = softmax_a(−β D_ia / 2 + log π_a)', () => {
    // β = 2: scores −D_ia; row 0: (0, −1), row 1: (−4, −1)
    const w = softEStep(points, centers, 2);
    close(w.data, [
      1 / (1 + Math.exp(-1)),
      Math.exp(-1) / (1 + Math.exp(-1)),
      Math.exp(-4) / (Math.exp(-4) + Math.exp(-1)),
      Math.exp(-1) / (Math.exp(-4) + Math.exp(-1)),
    ]);
    expect(w.rows).toBe(2);
    expect(w.cols).toBe(2);
    // with log weights log(1/4), log(3/4): row 0 ∝ (1/4, 3/4·e^{-1})
    const weighted = softEStep(points, centers, 2, [Math.log(0.25), Math.log(0.75)]);
    const a = 0.25;
    const b = 0.75 * Math.exp(-1);
    close(weighted.data.subarray(0, 2), [a / (a + b), b / (a + b)], 1e-13);
  });

  test('softEStep at a huge β: the nearest center gets 1, with no NaN', () => {
    const w = softEStep(points, centers, 1e6);
    expect(Array.from(w.data)).toEqual([1, 0, 0, 1]);
  });

  test('softEStep rejects β ≤ 0, a width mismatch and log weights of the wrong length, naming them', () => {
    expect(() => softEStep(points, centers, 0)).toThrow('beta must be a finite number > 0, got 0');
    expect(() => softEStep(points, m(1, 2, [0, 0]), 1)).toThrow('centers width must be equal to the dimension of points (1), got 2');
    expect(() => softEStep(points, centers, 1, [0, 0, 0])).toThrow('logWeights length must be equal to k = 2, got 3');
  });

  test('hardEStep: the nearest center, ties to the smallest index', () => {
    const x = m(4, 1, [0.5, 0.6, -3, 7]);
    expect(Array.from(hardEStep(x, m(2, 1, [0, 1])))).toEqual([0, 1, 0, 1]);
    expect(Array.from(hardEStep(x, m(3, 1, [1, 0, 1])))).toEqual([0, 0, 1, 0]);
    expect(() => hardEStep(x, m(1, 2, [0, 0]))).toThrow('centers width must be equal to the dimension of points (1), got 2');
  });

  test('B2: eStepMargins is the second smallest minus the smallest squared distance', () => {
    // point 0 against centers 3, 0, 1: D = 9, 0, 1, margin 1 (the smallest found after the first)
    expect(Array.from(eStepMargins(m(1, 1, [0]), m(3, 1, [3, 0, 1])))).toEqual([1]);
    // against 0, 1, 3 (ascending), 1, 0, 3 and 3, 1, 0
    expect(Array.from(eStepMargins(m(1, 1, [0]), m(3, 1, [0, 1, 3])))).toEqual([1]);
    expect(Array.from(eStepMargins(m(1, 1, [0]), m(3, 1, [1, 3, 0])))).toEqual([1]);
    expect(Array.from(eStepMargins(m(1, 1, [0]), m(3, 1, [3, 2, 1])))).toEqual([3]);
    // a tie has margin 0; one center has margin +∞
    expect(Array.from(eStepMargins(m(2, 1, [0, 5]), m(2, 1, [1, -1])))).toEqual([0, 20]);
    expect(Array.from(eStepMargins(m(1, 1, [0]), m(1, 1, [4])))).toEqual([Number.POSITIVE_INFINITY]);
    expect(() => eStepMargins(m(1, 1, [0]), m(1, 2, [0, 0]))).toThrow('centers width must be equal to the dimension of points (1), got 2');
  });

  test('oracleLabels: the hard E-step at the true centers, rejecting non-finite points', () => {
    expect(Array.from(oracleLabels(m(2, 1, [0.2, 0.9]), m(2, 1, [0, 1])))).toEqual([0, 1]);
    expect(() => oracleLabels(m(2, 1, [0, Number.NaN]), m(2, 1, [0, 1]))).toThrow('points[1][0] must be a finite number, got NaN');
  });
});

describe('M-step: known answers', () => {
  const points = fromRows('points', [
    [0, 0],
    [2, 4],
    [10, 10],
  ]);
  const previous = fromRows('previous', [
    [1, 1],
    [5, 5],
    [-7, -7],
  ]);

  test('mStep: μ_a = Σ_i w_ia X_i / Σ_i w_ia, the masses Σ_i w_ia, an empty cluster keeps its center', () => {
    const w = m(3, 3, [0.5, 0.5, 0, 0.5, 0, 0, 0, 1, 0]);
    const result = mStep(points, w, previous);
    // cluster 0: (0.5·(0,0) + 0.5·(2,4)) / 1 = (1, 2); cluster 1: (0.5·(0,0) + 1·(10,10)) / 1.5
    close(result.centers.data, [1, 2, 10 / 1.5, 10 / 1.5, -7, -7]);
    expect(Array.from(result.mass)).toEqual([1, 1.5, 0]);
    expect(result.emptyClusters).toEqual([2]);
    expect(Array.from(previous.data)).toEqual([1, 1, 5, 5, -7, -7]);
  });

  test('mStep: a point with weight 0 is left out, even an infinite one', () => {
    const far = fromRows('far', [[0], [2]]);
    far.data[1] = Number.POSITIVE_INFINITY;
    const result = mStep(far, m(2, 2, [1, 0, 0, 1]), m(2, 1, [0, 0]));
    expect(result.centers.data[0]).toBe(0);
    expect(result.centers.data[1]).toBe(Number.POSITIVE_INFINITY);
  });

  test('mStep rejects responsibilities of the wrong shape, naming both shapes', () => {
    expect(() => mStep(points, m(2, 3, [0, 0, 0, 0, 0, 0]), previous)).toThrow('responsibilities shape must be 3×3, got "2×3"');
    expect(() => mStep(points, m(3, 2, [0, 0, 0, 0, 0, 0]), previous)).toThrow('responsibilities shape must be 3×3, got "3×2"');
    expect(() => mStep(points, m(3, 1, [0, 0, 0]), m(1, 3, [0, 0, 0]))).toThrow(
      'previousCenters width must be equal to the dimension of points (2), got 3',
    );
  });

  test('hardMStep: each center the mean of its points; an empty cluster keeps its center', () => {
    const result = hardMStep(points, Int32Array.from([1, 1, 0]), previous);
    close(result.centers.data, [10, 10, 1, 2, -7, -7]);
    expect(Array.from(result.mass)).toEqual([1, 2, 0]);
    expect(result.emptyClusters).toEqual([2]);
  });

  test('hardMStep rejects labels of the wrong length or outside [0, k), naming the first', () => {
    expect(() => hardMStep(points, Int32Array.from([0, 1]), previous)).toThrow(
      'labels length must be equal to the number of points (3), got 2',
    );
    expect(() => hardMStep(points, Int32Array.from([0, 3, 0]), previous)).toThrow('labels[1] must be an integer in [0, 2], got 3');
    expect(() => hardMStep(points, Int32Array.from([0, 1, -1]), previous)).toThrow('labels[2] must be an integer in [0, 2], got -1');
    expect(hardMStep(points, Int32Array.from([2, 2, 2]), previous).emptyClusters).toEqual([0, 1]);
    expect(() => hardMStep(points, Int32Array.from([0]), m(1, 3, [0, 0, 0]))).toThrow(
      'previousCenters width must be equal to the dimension of points (2), got 3',
    );
  });

  test('centersFromSums divides by the mass and keeps the mass array it was given', () => {
    const mass = Float64Array.from([2, 0]);
    const result = centersFromSums(m(2, 2, [4, 6, 1, 1]), mass, m(2, 2, [0, 0, 9, 9]));
    expect(Array.from(result.centers.data)).toEqual([2, 3, 9, 9]);
    expect(result.mass).toBe(mass);
    expect(result.emptyClusters).toEqual([1]);
  });
});
