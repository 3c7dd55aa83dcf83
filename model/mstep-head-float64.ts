import type { Matrix } from '../theory/matrix';

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
