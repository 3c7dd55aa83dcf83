import { assertSameWidth, type Matrix } from '../theory/matrix';
import { assertPositive } from '../theory/validate';

/** Unit roundoff of float32 (the tfjs implementation). */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;
/** Unit roundoff of float64 (the plain TypeScript head and the theory reference). */
export const FLOAT64_UNIT_ROUNDOFF = 2 ** -53;

/**
 * The score scale of claim B1's proof steps B1.1 and B1.2, the S they bound the rounding by
 * (per point: call it on one point):
 *   S = β·max_{i,a} max(Σ_c |X_ic μ_ac| + ‖μ_a‖²/2, ‖X_i − μ_a‖²/2).
 * The first term is the sum of the absolute summands of the head's score ⟨q_i, k_a⟩ with
 * q_i = β[X_i; 1], k_a = [μ_a; −‖μ_a‖²/2] (what the rounding of a dot product is proportional to);
 * the second the magnitude of theory softEStep's score −β‖X_i − μ_a‖²/2. S is NOT a tolerance
 * scale by itself: B1's error is on the responsibilities (b1PointwiseError), its allowance τ + c·S·u.
 */
export function b1LogitScale(points: Matrix, centers: Matrix, beta: number): number {
  assertPositive('beta', beta);
  return beta * largestPairTerm(points, centers, (pair) => Math.max(pair.absoluteDot + pair.squaredNorm / 2, pair.squaredDistance / 2));
}

/**
 * Claim B1's score scale as its statement defines it, the S of τ + c·S·u:
 *   S = β·max_{i,a} (|⟨X_i, μ_a⟩| + ‖μ_a‖²/2).
 * It can be smaller than b1LogitScale (points nearly orthogonal to the centers, or far from them),
 * which is what the proof steps B1.1 and B1.2 can bound; the end statement is checked as stated.
 */
export function b1StatedScale(points: Matrix, centers: Matrix, beta: number): number {
  assertPositive('beta', beta);
  return beta * largestPairTerm(points, centers, (pair) => Math.abs(pair.dot) + pair.squaredNorm / 2);
}

/** The sums a score scale is made of, for one point X_i and one center μ_a. */
interface PairSums {
  /** Σ_c |X_ic μ_ac| */
  readonly absoluteDot: number;
  /** ⟨X_i, μ_a⟩ */
  readonly dot: number;
  /** ‖X_i − μ_a‖² */
  readonly squaredDistance: number;
  /** ‖μ_a‖² */
  readonly squaredNorm: number;
}

/** max over points i and centers a of term(the pair's sums), after checking the widths. */
function largestPairTerm(points: Matrix, centers: Matrix, term: (pair: PairSums) => number): number {
  assertSameWidth('points', points, 'centers', centers);
  const { cols: d } = points;
  let worst = 0;
  for (let a = 0; a < centers.rows; a++) {
    let squaredNorm = 0;
    for (let c = 0; c < d; c++) squaredNorm += centers.data[a * d + c]! ** 2;
    for (let i = 0; i < points.rows; i++) {
      let absoluteDot = 0;
      let dot = 0;
      let squaredDistance = 0;
      for (let c = 0; c < d; c++) {
        const x = points.data[i * d + c]!;
        const mu = centers.data[a * d + c]!;
        absoluteDot += Math.abs(x * mu);
        dot += x * mu;
        squaredDistance += (x - mu) ** 2;
      }
      worst = Math.max(worst, term({ absoluteDot, dot, squaredDistance, squaredNorm }));
    }
  }
  return worst;
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
