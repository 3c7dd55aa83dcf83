import * as tf from '@tensorflow/tfjs';
import { fail } from '../theory/validate';
import type { AttentionHead } from './attention';
import { untransposedMatMul } from './untransposed-matmul';
import { type AttentionShape, softmaxAttentionBackward, softmaxAttentionForward } from './wasm/softmax-attention-kernel';

const fusedByHeads = new Map<number, (qkv: tf.Tensor3D) => tf.Tensor3D>();

/**
 * Multi-head softmax self-attention, the heads side by side: O = [softmax(Q_h K_hᵀ) V_h]_h over packed qkv
 * [B, T, 3W] → [B, T, W], forward and backward in one wasm SIMD kernel each
 * (wasm/softmax-attention.as.ts) instead of the per-head batched matMuls, softmax and transposes
 * of tfjs, whose batched matMuls run at 1–2 GFLOP/s on wasm (issue 7). Runs on any backend: the
 * kernel reads and writes plain Float32Arrays. The attention weights are kept for the backward.
 */
export function fusedSelfAttention(qkv: tf.Tensor3D, heads: number): tf.Tensor3D {
  let op = fusedByHeads.get(heads);
  if (!op) {
    op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [input, save] = args as [tf.Tensor3D, tf.GradSaveFunc];
      const [batch, tokens, packed] = input.shape;
      const shape: AttentionShape = { batch, tokens, heads, headWidth: packed / 3 / heads };
      const { out, weights } = softmaxAttentionForward(input.dataSync() as Float32Array, shape);
      save([input, tf.tensor4d(weights, [batch, heads, tokens, tokens])]);
      return {
        value: tf.tensor3d(out, [batch, tokens, packed / 3]),
        gradFunc: (dy: tf.Tensor, [saved, savedWeights]: tf.Tensor[]) =>
          tf.tensor3d(
            softmaxAttentionBackward(
              saved!.dataSync() as Float32Array,
              savedWeights!.dataSync() as Float32Array,
              dy.dataSync() as Float32Array,
              shape,
            ),
            [batch, tokens, packed],
          ),
      };
    }) as (qkv: tf.Tensor3D) => tf.Tensor3D;
    fusedByHeads.set(heads, op);
  }
  return op(qkv);
}

/**
 * The attention sublayer of the clustering transformer without its residual:
 *   Σ_h softmax(u W_Q,h (u W_K,h)ᵀ) u W_V,h W_O,h  for u [B, T, D],
 * as one projection u·[W_Q | W_K | W_V] (heads side by side), the fused kernel, and one output
 * projection by [W_O,1; …; W_O,H]. Equal, up to float32 rounding, to attentionLayer(u) − u with
 * the same heads (model/attention.ts), which remains the layer of the masked hand-set constructions.
 */
export function multiHeadSelfAttention(tokens: tf.Tensor3D, heads: readonly AttentionHead[]): tf.Tensor3D {
  const [batch, length, width] = tokens.shape;
  if (heads.length === 0) fail('heads', 0, 'a non-empty list of heads');
  const headWidth = heads[0]!.query.shape[1];
  heads.forEach((head, h) => {
    for (const [name, w, shape] of [
      ['query', head.query, [width, headWidth]],
      ['key', head.key, [width, headWidth]],
      ['value', head.value, [width, headWidth]],
      ['output', head.output, [headWidth, width]],
    ] as const) {
      if (w.shape[0] !== shape[0] || w.shape[1] !== shape[1])
        fail(`heads[${h}].${name} shape`, w.shape, `[${shape.join(', ')}] (every head ${headWidth} wide, token width ${width})`);
    }
  });
  return tf.tidy(() => {
    const packedWeights = tf.concat(
      [...heads.map((h) => h.query), ...heads.map((h) => h.key), ...heads.map((h) => h.value)],
      1,
    ) as tf.Tensor2D;
    const outputWeights = tf.concat(
      heads.map((h) => h.output),
      0,
    ) as tf.Tensor2D;
    const flat = tf.reshape(tokens, [batch * length, width]) as tf.Tensor2D;
    const qkv = tf.reshape(untransposedMatMul(flat, packedWeights), [batch, length, 3 * heads.length * headWidth]) as tf.Tensor3D;
    const attended = tf.reshape(fusedSelfAttention(qkv, heads.length), [batch * length, heads.length * headWidth]) as tf.Tensor2D;
    return tf.reshape(untransposedMatMul(attended, outputWeights), [batch, length, width]) as tf.Tensor3D;
  });
}
