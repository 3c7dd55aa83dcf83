import { assertSameWidth, type Matrix } from '../theory/matrix';
import { assertPositive } from '../theory/validate';

/**
 * Claim B1's error scale: the largest E-step head score term before cancellation,
 * S = β·max_{i,a} (|⟨X_i, μ_a⟩| + ‖μ_a‖²/2). Scores carry a rounding error of about u·S in a
 * format with unit roundoff u, and the softmax moves each output by at most that much, so B1's
 * tolerances ("float64 ≤ 1e-12, float32 ≤ 1e-5 relative") are read as relative to max(1, S):
 * |w_attention − w_reference| ≤ tol·max(1, S). The absolute error is reported beside it.
 */
export function b1LogitScale(points: Matrix, centers: Matrix, beta: number): number {
  assertPositive('beta', beta);
  assertSameWidth('points', points, 'centers', centers);
  const { cols: d } = points;
  let worst = 0;
  for (let a = 0; a < centers.rows; a++) {
    let norm = 0;
    for (let c = 0; c < d; c++) norm += centers.data[a * d + c]! ** 2;
    for (let i = 0; i < points.rows; i++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += points.data[i * d + c]! * centers.data[a * d + c]!;
      worst = Math.max(worst, Math.abs(dot) + norm / 2);
    }
  }
  return beta * worst;
}

/** The B1 tolerance for a relative tolerance `relative` at error scale `scale`. */
export function b1Tolerance(relative: number, scale: number): number {
  return relative * Math.max(1, scale);
}
