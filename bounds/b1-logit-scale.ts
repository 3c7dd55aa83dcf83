import { assertSameWidth, type Matrix } from '../theory/matrix';
import { assertPositive } from '../theory/validate';

/** Unit roundoff of float32 (the tfjs implementation). */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
/** Unit roundoff of float64 (the plain TypeScript head and the theory reference). */
export const FLOAT64_UNIT_ROUNDOFF = 2 ** -53;

/**
 * Claim B1's score scale, the S of its bound τ + c·S·u (per point: call it on one point):
 *   S = β·max_{i,a} max(Σ_c |X_ic μ_ac| + ‖μ_a‖²/2, ‖X_i − μ_a‖²/2).
 * The first term is the sum of the absolute summands of the head's score ⟨q_i, k_a⟩ with
 * q_i = β[X_i; 1], k_a = [μ_a; −‖μ_a‖²/2] (what the rounding of a dot product is proportional to);
 * the second the magnitude of theory softEStep's score −β‖X_i − μ_a‖²/2. S is NOT a tolerance
 * scale by itself: B1's error is on the responsibilities (b1PointwiseError), its allowance τ + c·S·u.
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
      let absDot = 0;
      let distance = 0;
      for (let c = 0; c < d; c++) {
        const x = points.data[i * d + c]!;
        const mu = centers.data[a * d + c]!;
        absDot += Math.abs(x * mu);
        distance += (x - mu) ** 2;
      }
      worst = Math.max(worst, absDot + norm / 2, distance / 2);
    }
  }
  return beta * worst;
}

/**
 * Claim B1's score scale as its statement defines it, the S of τ + c·S·u:
 *   S = β·max_{i,a} (|⟨X_i, μ_a⟩| + ‖μ_a‖²/2).
 * It can be smaller than b1LogitScale (points nearly orthogonal to the centers, or far from them),
 * which is what the proof steps B1.1 and B1.2 can bound; the end statement is checked as stated.
 */
export function b1StatedScale(points: Matrix, centers: Matrix, beta: number): number {
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

/**
 * Claim B1's error measure: max over points i of max_a |w_ia − r_ia| / max_a |r_ia|, with r the
 * reference responsibilities. Since max_a r_ia ≥ 1/k this is claim B1's "relative" error read
 * per point, within a factor k of the absolute error max |w − r|.
 */
export function b1PointwiseError(w: Matrix, reference: Matrix): number {
  if (w.rows !== reference.rows || w.cols !== reference.cols)
    throw new RangeError(`b1PointwiseError: shapes ${w.rows}×${w.cols} and ${reference.rows}×${reference.cols} differ`);
  let worst = 0;
  for (let i = 0; i < w.rows; i++) {
    let diff = 0;
    let top = 0;
    for (let a = 0; a < w.cols; a++) {
      const t = i * w.cols + a;
      diff = Math.max(diff, Math.abs(w.data[t]! - reference.data[t]!));
      top = Math.max(top, Math.abs(reference.data[t]!));
    }
    // NaN (a broken implementation) must not vanish in Math.max
    if (Number.isNaN(diff) || Number.isNaN(top)) return NaN;
    if (diff > 0) worst = Math.max(worst, diff / top);
  }
  return worst;
}

/**
 * A first-order bound on B1's error measure (b1PointwiseError) from rounding alone, for width d,
 * k centers and score scale S, with u the unit roundoff of the head and uRef that of the
 * reference (theory softEStep, float64):
 * - head scores: X, β, μ rounded on input, βX_c formed, ‖μ‖² by d squares and a d-term sum, then
 *   a (d+1)-term dot: |Δs| ≤ (2d + 5)·u·S;
 * - reference scores −β‖X − μ‖²/2 (d differences, squares, a d-term sum, the factor β/2):
 *   |Δs| ≤ (d + 3)·uRef·S;
 * - softmax: Δw_a = w_a·Σ_b w_b(Δs_a − Δs_b), so |Δw_a| ≤ 2·w_a(1 − w_a)·E with E = max |Δs|, and
 *   |Δw_a| / max_b w_b ≤ 2E;
 * - exp, the k-term sum and the division: (k + 3) roundings relative to w_a on each side.
 * So the measure is ≤ 2((2d + 5)·u + (d + 3)·uRef)·S + (k + 3)·(u + uRef). Worst case (every
 * rounding aligned); measured errors sit far below it. Claim B1's bound τ + c·S·u
 * (bounds/b1-rounding-constant.ts) is ≥ it for k ≤ the registry's maxK.
 */
export function b1RoundingBound(
  d: number,
  k: number,
  scale: number,
  unitRoundoff: number,
  referenceUnitRoundoff = FLOAT64_UNIT_ROUNDOFF,
): number {
  return 2 * ((2 * d + 5) * unitRoundoff + (d + 3) * referenceUnitRoundoff) * scale + (k + 3) * (unitRoundoff + referenceUnitRoundoff);
}
