import * as tf from '@tensorflow/tfjs';
import { fail } from '../theory/validate';
import { untransposedMatMul } from './untransposed-matmul';

/**
 * One softmax attention head. Weights are plain tensors or tf.Variables (a tf.Variable is a
 * tf.Tensor), so the same layer runs hand-set constructions and trained weights, and gradients
 * flow to every weight. Shapes, for a token width D:
 * - query, key: D×h (scores are ⟨W_Qᵀ t_i, W_Kᵀ t_j⟩ with no 1/√h factor: scale W_Q instead);
 * - value: D×v;
 * - output: v×D, the head's share of the output projection (concatenating the heads and
 *   applying one projection equals summing the heads' projected outputs).
 */
export interface AttentionHead {
  readonly query: tf.Tensor2D;
  readonly key: tf.Tensor2D;
  readonly value: tf.Tensor2D;
  readonly output: tf.Tensor2D;
}

export interface AttentionLayerWeights {
  readonly heads: readonly AttentionHead[];
}

/**
 * The additive score of a masked (token, key) pair. Finite, so a fully masked row gives a uniform
 * row instead of NaN; exp(−1e30 − max) is exactly 0 in float32, so a masked key gets weight 0.
 */
export const MASKED_SCORE = -1e30;

/**
 * An additive T×T mask: 0 where `allowed(row, column)` (token `row` may attend to token
 * `column`), MASKED_SCORE elsewhere. Built once and shared by the layers that use the pattern.
 */
export function attentionMask(tokens: number, allowed: (row: number, column: number) => boolean): tf.Tensor2D {
  const bias = new Float32Array(tokens * tokens);
  for (let r = 0; r < tokens; r++) {
    for (let c = 0; c < tokens; c++) bias[r * tokens + c] = allowed(r, c) ? 0 : MASKED_SCORE;
  }
  return tf.tensor2d(bias, [tokens, tokens], 'float32');
}

/** x·W for a batch of token sequences: [B, T, D]·[D, h] → [B, T, h], by one 2-D untransposedMatMul. */
function project(tokens: tf.Tensor3D, weight: tf.Tensor2D): tf.Tensor3D {
  const [batch, length, width] = tokens.shape;
  return tf.reshape(untransposedMatMul(tf.reshape(tokens, [batch * length, width]), weight), [batch, length, weight.shape[1]]);
}

/**
 * A multi-head softmax attention sublayer with a residual connection, in float32:
 *   out = tokens + Σ_h softmax(Q_h K_hᵀ + mask) V_h W_O,h,
 * with Q_h = tokens·W_Q,h, K_h = tokens·W_K,h, V_h = tokens·W_V,h. `tokens` is [B, T, D];
 * `mask` (optional) is an additive T×T or B×T×T score bias from `attentionMask`. tf.softmax
 * subtracts the row maximum before exponentiating, so large scores (β up to 1e3 and beyond)
 * give no overflow. Uses only matMul (projections by untransposedMatMul), transpose, add, softmax
 * and reshape, all differentiable on every backend (no tf.gather). Batching the heads into one
 * [B·H, T, ·] matMul with one fused QKV projection was measured no faster on wasm (issue #7).
 */
export function attentionLayer(tokens: tf.Tensor3D, weights: AttentionLayerWeights, mask?: tf.Tensor): tf.Tensor3D {
  const width = tokens.shape[2];
  if (weights.heads.length === 0) fail('weights.heads', 0, 'a non-empty list of heads');
  weights.heads.forEach((head, h) => {
    for (const [name, w, rows] of [
      ['query', head.query, width],
      ['key', head.key, width],
      ['value', head.value, width],
    ] as const) {
      if (w.shape[0] !== rows) fail(`heads[${h}].${name} rows`, w.shape[0], `equal to the token width ${rows}`);
    }
    if (head.query.shape[1] !== head.key.shape[1])
      fail(`heads[${h}].key columns`, head.key.shape[1], `equal to the query columns ${head.query.shape[1]}`);
    if (head.output.shape[0] !== head.value.shape[1] || head.output.shape[1] !== width) {
      fail(`heads[${h}].output shape`, head.output.shape, `[${head.value.shape[1]}, ${width}]`);
    }
  });
  return tf.tidy(() => {
    let out: tf.Tensor3D = tokens;
    for (const head of weights.heads) {
      const scores = tf.matMul(project(tokens, head.query), project(tokens, head.key), false, true);
      const attention = tf.softmax(mask ? tf.add(scores, mask) : scores);
      out = tf.add(out, project(tf.matMul(attention, project(tokens, head.value)), head.output));
    }
    return out;
  });
}

/** Frees the tensors of a hand-set attention layer (not for weights owned by a trainer). */
export function disposeAttention(weights: AttentionLayerWeights): void {
  for (const h of weights.heads) tf.dispose([h.query, h.key, h.value, h.output]);
}
