import * as tf from '@tensorflow/tfjs';
import { type Matrix, zeros } from '../theory/matrix';
import { assertInRange, assertInteger, fail } from '../theory/validate';
import { type AttentionLayerWeights, attentionLayer, attentionMask, disposeAttention } from './attention';
import { embedTokens, readSlot, type TokenLayout, tokenKind, tokenLayout } from './token-layout';
import { identityEntries, type WeightEntry, weightMatrix } from './weight-matrix';

/**
 * The M-step head (claims C1, C2, E1), on the slots of TokenLayout. Centroid token a attends to
 * the data tokens with score β·⟨e_a, r_i⟩, where r_i is data token i's resp slot, and value X_i;
 * its output, the new center, goes to the `next` slot.
 * - C2 (hard): r_i = e_{ẑ_i}, so the score is β·1{ẑ_i = a}.
 * - C1 (soft): β = 1 and r_i = log w_i, so the score is log w_ia and the output is exactly
 *   Σ_i w_ia X_i / Σ_i w_ia.
 * With `keepEmpty` (the Lloyd construction, E1) centroid token a also attends to itself with
 * score β/2 and value μ_a: a non-empty cluster's members outscore it by β/2, so for β/2 ≥ 104
 * its weight underflows to exactly 0 in float32; an empty cluster has only score-0 competitors,
 * so it keeps its previous center exactly, as CLAIMS.md §2's M-step does.
 */
export interface MStepHeadOptions {
  readonly beta: number;
  readonly keepEmpty: boolean;
}

export function mStepHeadWeights(layout: TokenLayout, { beta, keepEmpty }: MStepHeadOptions): AttentionLayerWeights {
  assertInRange('beta', beta, 0, Number.MAX_VALUE);
  const { d, k, width } = layout;
  const scoreWidth = keepEmpty ? 2 * k : k;
  const query: WeightEntry[] = [...identityEntries(layout.id, 0, k, beta)];
  const key: WeightEntry[] = [...identityEntries(layout.resp, 0, k)];
  if (keepEmpty) {
    query.push(...identityEntries(layout.id, k, k, beta / 2));
    key.push(...identityEntries(layout.id, k, k));
  }
  return {
    heads: [
      {
        query: weightMatrix(width, scoreWidth, query),
        key: weightMatrix(width, scoreWidth, key),
        value: weightMatrix(width, d, [...identityEntries(layout.point, 0, d), ...identityEntries(layout.center, 0, d)]),
        output: weightMatrix(d, width, identityEntries(0, layout.next, d)),
      },
    ],
  };
}

/**
 * M-step attention pattern: centroid rows see the data tokens (and, with keepEmpty, the centroid
 * tokens); all other rows see the null token and get 0.
 */
export function mStepMask(layout: TokenLayout, keepEmpty: boolean): tf.Tensor2D {
  return attentionMask(layout.tokens, (row, column) => {
    if (tokenKind(layout, row) !== 'centroid') return column === layout.nullToken;
    const kind = tokenKind(layout, column);
    return kind === 'data' || (keepEmpty && kind === 'centroid');
  });
}

/** A log-responsibility that stands for w = 0: finite (0·floor is 0, not NaN), and exp(floor) is 0. */
export const LOG_ZERO_FLOOR = -1e4;

async function runMStepHead(points: Matrix, resp: Matrix, beta: number): Promise<Matrix> {
  const layout = tokenLayout(points.rows, points.cols, resp.cols);
  const head = mStepHeadWeights(layout, { beta, keepEmpty: false });
  const mask = mStepMask(layout, false);
  const out = tf.tidy(() => attentionLayer(embedTokens(layout, { points, resp }), head, mask));
  try {
    return await readSlot(out, layout.firstCentroid, layout.k, layout.next, layout.d);
  } finally {
    tf.dispose([out, mask]);
    disposeAttention(head);
  }
}

/**
 * Claim C2 in float32: the hard M-step head with score β·1{ẑ_i = a}; returns the k×d outputs.
 * `labels` are in [0, k).
 */
export async function hardMStepAttention(points: Matrix, labels: Int32Array, k: number, beta: number): Promise<Matrix> {
  assertInteger('k', k, 1);
  if (labels.length !== points.rows) fail('labels length', labels.length, `equal to the number of points (${points.rows})`);
  const oneHot = zeros(points.rows, k);
  labels.forEach((a, i) => {
    if (a < 0 || a >= k) fail(`labels[${i}]`, a, `an integer in [0, ${k - 1}]`);
    oneHot.data[i * k + a] = 1;
  });
  return runMStepHead(points, oneHot, beta);
}

/**
 * Claim C1 in float32: the soft M-step head with score log w_ia; returns the k×d outputs
 * Σ_i w_ia X_i / Σ_i w_ia. Every column of `responsibilities` needs positive mass (the quotient
 * is undefined otherwise); zeros enter as LOG_ZERO_FLOOR.
 */
export async function softMStepAttention(points: Matrix, responsibilities: Matrix): Promise<Matrix> {
  const { rows: n, cols: k } = responsibilities;
  if (n !== points.rows) fail('responsibilities rows', n, `equal to the number of points (${points.rows})`);
  const logs = zeros(n, k);
  const mass = new Float64Array(k);
  for (let t = 0; t < n * k; t++) {
    const w = responsibilities.data[t]!;
    if (!(w >= 0) || !Number.isFinite(w)) fail(`responsibilities[${Math.floor(t / k)}][${t % k}]`, w, 'a finite number >= 0');
    mass[t % k] = mass[t % k]! + w;
    logs.data[t] = w > 0 ? Math.max(Math.log(w), LOG_ZERO_FLOOR) : LOG_ZERO_FLOOR;
  }
  mass.forEach((m, a) => {
    if (!(m > 0)) fail(`responsibilities column ${a} mass`, m, 'positive (an empty cluster has no weighted mean)');
  });
  return runMStepHead(points, logs, 1);
}
