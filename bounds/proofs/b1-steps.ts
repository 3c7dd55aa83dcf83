import { softEStep } from '../../theory/estep';
import { type Matrix, squaredDistance } from '../../theory/matrix';
import { b1LogitScale, b1StatedScale, FLOAT32_UNIT_ROUNDOFF } from '../b1-logit-scale';
import { claimEntry } from '../registry';
import type { CaseScopes } from './check-steps';
import type { Scope } from './formula';

/**
 * One case of claim B1's rounding chain: the instance and β, and what the head measured (its
 * scores ⟨q_i, k_a⟩ before the softmax, any per-row shift allowed, and its responsibilities),
 * passed in by the caller since the tensor head lives in model/.
 */
export interface B1ProofCase {
  readonly points: Matrix;
  readonly centers: Matrix;
  readonly beta: number;
  /** n×k head scores. */
  readonly headScores: Matrix;
  /** n×k head responsibilities. */
  readonly headWeights: Matrix;
  /** The head's unit roundoff: 2⁻²⁴ in float32, 2⁻⁵³ in float64. */
  readonly headUnitRoundoff: number;
}

const { float64Tau, float32Tau } = claimEntry('B1').constants;

/** The smallest positive number of the head's precision (its underflow unit): 2⁻¹⁴⁹ in float32, 2⁻¹⁰⁷⁴ in float64. */
export function headUnderflowUnit(headUnitRoundoff: number): number {
  return headUnitRoundoff === 2 ** -24 ? 2 ** -149 : Number.MIN_VALUE;
}

function largestMagnitude(m: Matrix, from = 0, to = m.data.length): number {
  let largest = 0;
  for (let j = from; j < to; j++) largest = Math.max(largest, Math.abs(m.data[j]!));
  return largest;
}

function rowOf(m: Matrix, i: number): number[] {
  return Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
}

/**
 * The scopes of B1.1, B1.2 and B1's end statement, one per point: the reference scores
 * −β‖X_i − μ_a‖²/2 and responsibilities (theory softEStep) in float64, the point's score scale S
 * (bounds b1LogitScale on the point alone), and τ of the head's precision (float32Tau for a
 * float32 head, else float64Tau). Pure.
 */
export function b1ProofScopes({ points, centers, beta, headScores, headWeights, headUnitRoundoff }: B1ProofCase): CaseScopes {
  const { rows: n, cols: d } = points;
  const k = centers.rows;
  const reference = softEStep(points, centers, beta);
  const mumax = largestMagnitude(centers);
  const eta_head = headUnderflowUnit(headUnitRoundoff);
  const tau = headUnitRoundoff === FLOAT32_UNIT_ROUNDOFF ? float32Tau : float64Tau;
  const scopes: Scope[] = [];
  for (let i = 0; i < n; i++) {
    const point: Matrix = { rows: 1, cols: d, data: points.data.slice(i * d, (i + 1) * d) };
    scopes.push({
      s_head: rowOf(headScores, i),
      s_ref: Array.from({ length: k }, (_, a) => (-beta * squaredDistance(points, i, centers, a)) / 2),
      w_head: rowOf(headWeights, i),
      w_ref: rowOf(reference, i),
      S: b1LogitScale(point, centers, beta),
      S_stated: b1StatedScale(point, centers, beta),
      d,
      k,
      u_head: headUnitRoundoff,
      beta,
      xmax: largestMagnitude(points, i * d, (i + 1) * d),
      mumax,
      eta_head,
      tau,
    });
  }
  return { steps: { 'B1.1': scopes, 'B1.2': scopes }, bound: scopes };
}
