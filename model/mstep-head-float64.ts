import { type Matrix, zeros } from '../theory/matrix';
import { fail } from '../theory/validate';
import { LOG_ZERO_FLOOR } from './mstep-head';

/**
 * Claim C2's hard-label M-step head for centroid token a, in float64: weights ∝ exp(β·1{ẑ_i = a})
 * over the data tokens, values X_i. The reference the float32 head and the C2 bound are held to.
 */
export function hardLabelMStepHeadFloat64(points: Matrix, labels: Int32Array, a: number, beta: number): Float64Array {
  const d = points.cols;
  const out = new Float64Array(d);
  let total = 0;
  labels.forEach((z, i) => {
    const p = z === a ? 1 : Math.exp(-beta);
    total += p;
    for (let c = 0; c < d; c++) out[c] = out[c]! + p * points.data[i * d + c]!;
  });
  return out.map((v) => v / total);
}

/**
 * Claim C1's soft M-step head in float64, computed the way the attention head computes it:
 * centroid token a scores data token i by log w_ia (a zero weight enters as LOG_ZERO_FLOOR, as in
 * softMStepAttention), takes the softmax over i with the maximum subtracted, and averages the
 * values X_i. Returns the k×d outputs; exactly Σ_i w_ia X_i / Σ_i w_ia up to rounding. Every
 * column of `responsibilities` needs positive mass.
 */
export function softMStepHeadFloat64(points: Matrix, responsibilities: Matrix): Matrix {
  const { rows: n, cols: k } = responsibilities;
  const d = points.cols;
  if (n !== points.rows) fail('responsibilities rows', n, `equal to the number of points (${points.rows})`);
  const out = zeros(k, d);
  const scores = new Float64Array(n);
  for (let a = 0; a < k; a++) {
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const w = responsibilities.data[i * k + a]!;
      if (!(w >= 0) || !Number.isFinite(w)) fail(`responsibilities[${i}][${a}]`, w, 'a finite number >= 0');
      scores[i] = w > 0 ? Math.max(Math.log(w), LOG_ZERO_FLOOR) : LOG_ZERO_FLOOR;
      max = Math.max(max, scores[i]!);
    }
    if (!(max > LOG_ZERO_FLOOR)) fail(`responsibilities column ${a} mass`, 0, 'positive (an empty cluster has no weighted mean)');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const p = Math.exp(scores[i]! - max);
      total += p;
      for (let c = 0; c < d; c++) out.data[a * d + c] = out.data[a * d + c]! + p * points.data[i * d + c]!;
    }
    for (let c = 0; c < d; c++) out.data[a * d + c] = out.data[a * d + c]! / total;
  }
  return out;
}
