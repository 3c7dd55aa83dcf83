import { assertFiniteMatrix, assertSameWidth, type Matrix, squaredDistance, zeros } from './matrix';
import { assertPositive, fail } from './validate';

/**
 * Soft E-step (CLAIMS.md §2): w_ia = softmax_a(−β‖X_i − μ_a‖²/2 + log π_a), computed in log space
 * (the row maximum is subtracted before exponentiating) so that β up to 1e3 and beyond gives no
 * NaN or Infinity. Returns the n×k responsibilities.
 */
export function softEStep(points: Matrix, centers: Matrix, beta: number, logWeights?: readonly number[]): Matrix {
  assertPositive('beta', beta);
  assertSameWidth('points', points, 'centers', centers);
  const { rows: n } = points;
  const k = centers.rows;
  if (logWeights && logWeights.length !== k) fail('logWeights length', logWeights.length, `equal to k = ${k}`);
  const out = zeros(n, k);
  const scores = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let a = 0; a < k; a++) {
      const s = (-beta * squaredDistance(points, i, centers, a)) / 2 + (logWeights ? logWeights[a]! : 0);
      scores[a] = s;
      if (s > max) max = s;
    }
    let total = 0;
    for (let a = 0; a < k; a++) {
      const e = Math.exp(scores[a]! - max);
      scores[a] = e;
      total += e;
    }
    for (let a = 0; a < k; a++) out.data[i * k + a] = scores[a]! / total;
  }
  return out;
}

/** Hard E-step (CLAIMS.md §2): ẑ_i = argmin_a ‖X_i − μ_a‖², ties to the smallest index. */
export function hardEStep(points: Matrix, centers: Matrix): Int32Array {
  assertSameWidth('points', points, 'centers', centers);
  const labels = new Int32Array(points.rows);
  for (let i = 0; i < points.rows; i++) {
    let best = Infinity;
    let arg = 0;
    for (let a = 0; a < centers.rows; a++) {
      const s = squaredDistance(points, i, centers, a);
      if (s < best) {
        best = s;
        arg = a;
      }
    }
    labels[i] = arg;
  }
  return labels;
}

/**
 * The E-step margin of each point (claim B2): g_i = (second smallest) − (smallest) of
 * ‖X_i − μ_a‖² over a; +∞ when k = 1.
 */
export function eStepMargins(points: Matrix, centers: Matrix): Float64Array {
  assertSameWidth('points', points, 'centers', centers);
  const out = new Float64Array(points.rows);
  for (let i = 0; i < points.rows; i++) {
    let first = Infinity;
    let second = Infinity;
    for (let a = 0; a < centers.rows; a++) {
      const s = squaredDistance(points, i, centers, a);
      if (s < first) {
        second = first;
        first = s;
      } else if (s < second) second = s;
    }
    out[i] = second - first;
  }
  return out;
}

/** Oracle (CLAIMS.md §2): the hard E-step with the true centers. */
export function oracleLabels(points: Matrix, trueCenters: Matrix): Int32Array {
  assertFiniteMatrix('points', points);
  return hardEStep(points, trueCenters);
}
