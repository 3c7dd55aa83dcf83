import { assertSameWidth, type Matrix, zeros } from '../theory/matrix';
import { assertPositive } from '../theory/validate';

/**
 * Claim B1's head evaluated in float64, exactly as the attention layer computes it: score
 * ⟨q_i, k_a⟩ with q_i = β[X_i; 1] and k_a = [μ_a; −‖μ_a‖²/2], softmax over the centroid tokens
 * (maximum subtracted), values e_a. Compared with theory softEStep, which scores −β‖X_i − μ_a‖²/2.
 */
export function softEStepByHeadFloat64(points: Matrix, centers: Matrix, beta: number): Matrix {
  assertPositive('beta', beta);
  assertSameWidth('points', points, 'centers', centers);
  const { rows: n, cols: d } = points;
  const k = centers.rows;
  const keyBias = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let norm = 0;
    for (let c = 0; c < d; c++) norm += centers.data[a * d + c]! ** 2;
    keyBias[a] = -norm / 2;
  }
  const out = zeros(n, k);
  const scores = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let a = 0; a < k; a++) {
      let s = keyBias[a]!;
      for (let c = 0; c < d; c++) s += points.data[i * d + c]! * centers.data[a * d + c]!;
      scores[a] = beta * s;
      max = Math.max(max, scores[a]!);
    }
    let total = 0;
    for (let a = 0; a < k; a++) {
      scores[a] = Math.exp(scores[a]! - max);
      total += scores[a]!;
    }
    for (let a = 0; a < k; a++) out.data[i * k + a] = scores[a]! / total;
  }
  return out;
}
