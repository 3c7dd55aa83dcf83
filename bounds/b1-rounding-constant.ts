import type { Matrix } from '../theory/matrix';
import { b1StatedScale, FLOAT32_UNIT_ROUNDOFF, FLOAT64_UNIT_ROUNDOFF } from './b1-logit-scale';
import { claimEntry } from './registry';

const { float64Tau, float32Tau, maxK } = claimEntry('B1').constants;

/** The two precisions claim B1 bounds: the float64 head formula and the float32 tensor head. */
export const B1_PRECISIONS = ['float64', 'float32'] as const;
export type B1Precision = (typeof B1_PRECISIONS)[number];

/** The unit roundoff u of each precision (2⁻⁵³, 2⁻²⁴). */
export const B1_UNIT_ROUNDOFF: Readonly<Record<B1Precision, number>> = {
  float64: FLOAT64_UNIT_ROUNDOFF,
  float32: FLOAT32_UNIT_ROUNDOFF,
};

/** Claim B1's τ per precision (the registry's float64Tau, float32Tau). */
export const B1_TAU: Readonly<Record<B1Precision, number>> = { float64: float64Tau, float32: float32Tau };

/**
 * Claim B1's constant c(d, precision) = 2(2d + 5) + 2(d + 3)·u₆₄/u, u the head's unit roundoff.
 * From the chain B1.1, B1.2 (registry): the score error E ≤ ((2d + 5)·u + (d + 3)·u₆₄)·S (the
 * head's length-(d+1) product with its inputs and ‖μ‖², and the float64 reference −β‖X − μ‖²/2),
 * and the softmax error ≤ e^{2E} − 1 + (k + 3)(u + u₆₄), whose first-order part is 2E: so
 * 2E ≤ c·S·u. In float64 c = 6d + 16; in float32 c = 4d + 10 + 2(d + 3)·2⁻²⁹.
 */
export function b1RoundingConstant(d: number, precision: B1Precision): number {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`b1RoundingConstant: d must be an integer ≥ 1, got ${d}`);
  return 2 * (2 * d + 5) + (2 * (d + 3) * FLOAT64_UNIT_ROUNDOFF) / B1_UNIT_ROUNDOFF[precision];
}

/**
 * The largest k for which τ covers the softmax's (k + 3)(u + u₆₄) roundings (exp, the k-term sum
 * and the division, head and reference): ⌊τ/(u + u₆₄)⌋ − 3. 13 in float32, 4500 in float64.
 */
export function b1MaxK(precision: B1Precision): number {
  return Math.floor(B1_TAU[precision] / (B1_UNIT_ROUNDOFF[precision] + FLOAT64_UNIT_ROUNDOFF)) - 3;
}

/**
 * Claim B1's allowed error per point, τ + c(d)·S·u, for k ≤ the registry's maxK (beyond it τ no
 * longer covers the softmax's (k + 3) roundings, and the bound is refused).
 */
export function b1Allowed(d: number, k: number, scoreScale: number, precision: B1Precision): number {
  if (!(Number.isInteger(k) && k >= 1 && k <= maxK))
    throw new RangeError(`b1Allowed: claim B1's bound is derived for k ≤ ${maxK} (τ covers (k + 3)(u + u₆₄)), got k = ${k}`);
  if (!(scoreScale >= 0)) throw new RangeError(`b1Allowed: the score scale must be ≥ 0, got ${scoreScale}`);
  return B1_TAU[precision] + b1RoundingConstant(d, precision) * scoreScale * B1_UNIT_ROUNDOFF[precision];
}

/**
 * The second-order term B1's first-order bound drops: e^{2E} − 1 − 2E ≤ (2E)² for 2E ≤ 1 (the
 * series Σ_{j≥2} x^j/j! ≤ x²(e − 2) for x ≤ 1), so the full chain gives error ≤ c·S·u + (c·S·u)²
 * + (k + 3)(u + u₆₄) while c·S·u ≤ 1. Returns (c·S·u)², or Infinity past 2E ≤ 1.
 */
export function b1SecondOrderTerm(d: number, scoreScale: number, precision: B1Precision): number {
  const twoE = b1RoundingConstant(d, precision) * scoreScale * B1_UNIT_ROUNDOFF[precision];
  return twoE <= 1 ? twoE * twoE : Infinity;
}

/** One instance judged per point: the point with the largest error / (τ + c·S·u). */
export interface B1WorstPoint {
  /** error / (τ + c·S_i·u) at the worst point (> 1 is a violation); NaN errors give Infinity. */
  readonly ratio: number;
  readonly point: number;
  /** max_a |w_head − w_ref| / max_a w_ref at that point. */
  readonly error: number;
  /** The point's score scale S_i (b1StatedScale on the point alone). */
  readonly scoreScale: number;
  readonly allowed: number;
}

/**
 * Claim B1's end statement on every point of one instance: the error per point against
 * τ + c·S_i·u, with S_i the point's own score scale. Returns the worst point.
 */
export function b1WorstPoint(
  w: Matrix,
  reference: Matrix,
  points: Matrix,
  centers: Matrix,
  beta: number,
  precision: B1Precision,
): B1WorstPoint {
  const { rows: n, cols: d } = points;
  const k = centers.rows;
  if (w.rows !== n || w.cols !== k || reference.rows !== n || reference.cols !== k)
    throw new RangeError(`b1WorstPoint: responsibilities must be ${n}×${k}`);
  let worst: B1WorstPoint = { ratio: -Infinity, point: -1, error: 0, scoreScale: 0, allowed: 0 };
  for (let i = 0; i < n; i++) {
    let diff = 0;
    let top = 0;
    for (let a = 0; a < k; a++) {
      const t = i * k + a;
      const delta = Math.abs(w.data[t]! - reference.data[t]!);
      diff = Number.isNaN(delta) ? NaN : Math.max(diff, delta);
      top = Math.max(top, Math.abs(reference.data[t]!));
    }
    const error = Number.isNaN(diff) ? NaN : diff / top;
    const scoreScale = b1StatedScale({ rows: 1, cols: d, data: points.data.subarray(i * d, (i + 1) * d) }, centers, beta);
    const allowed = b1Allowed(d, k, scoreScale, precision);
    const ratio = Number.isNaN(error) ? Infinity : error / allowed;
    if (ratio > worst.ratio) worst = { ratio, point: i, error, scoreScale, allowed };
  }
  return worst;
}
