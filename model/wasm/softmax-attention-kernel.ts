import { join } from 'node:path';
import { type KernelExports, layOut, loadKernel } from '../../theory/wasm/wasm-kernel';

/** The exports of softmax-attention.wasm (built from softmax-attention.as.ts by `npm run build:wasm`). */
interface SoftmaxAttentionExports extends KernelExports {
  forward(B: number, T: number, H: number, dh: number, qkv: number, out: number, p: number): void;
  backward(B: number, T: number, H: number, dh: number, qkv: number, p: number, dout: number, dqkv: number, scratch: number): void;
}

/** Shape of one call: B instances of T tokens, H heads of width dh (W = H·dh). */
export interface AttentionShape {
  readonly batch: number;
  readonly tokens: number;
  readonly heads: number;
  readonly headWidth: number;
}

let kernel: SoftmaxAttentionExports | undefined;

function instance(): SoftmaxAttentionExports {
  kernel ??= loadKernel<SoftmaxAttentionExports>(join(__dirname, 'softmax-attention.wasm'));
  return kernel;
}

/** Byte offsets of float32 arrays of the given lengths in the kernel's memory. */
function layout(exports: SoftmaxAttentionExports, lengths: readonly number[], shape: AttentionShape): number[] {
  const { batch, tokens, heads, headWidth } = shape;
  return layOut(
    exports,
    lengths.map((length) => 4 * length),
    `softmax attention of B = ${batch}, T = ${tokens}, H = ${heads}, dh = ${headWidth} (use a smaller batch)`,
  );
}

function view(exports: SoftmaxAttentionExports, offset: number, length: number): Float32Array {
  return new Float32Array(exports.memory.buffer, offset, length);
}

/**
 * out [B, T, W] and the attention weights [B, H, T, T] of multi-head softmax self-attention over
 * packed queries, keys and values qkv [B, T, 3W] (layout in softmax-attention.as.ts).
 */
export function softmaxAttentionForward(qkv: Float32Array, shape: AttentionShape): { out: Float32Array; weights: Float32Array } {
  const { batch: B, tokens: T, heads: H, headWidth: dh } = shape;
  const W = H * dh;
  const exports = instance();
  const [qkvAt, outAt, pAt] = layout(exports, [B * T * 3 * W, B * T * W, B * H * T * T], shape) as [number, number, number];
  view(exports, qkvAt, qkv.length).set(qkv);
  exports.forward(B, T, H, dh, qkvAt, outAt, pAt);
  return { out: view(exports, outAt, B * T * W).slice(), weights: view(exports, pAt, B * H * T * T).slice() };
}

/** dqkv [B, T, 3W] from the forward's qkv and weights and the output gradient dout [B, T, W]. */
export function softmaxAttentionBackward(
  qkv: Float32Array,
  weights: Float32Array,
  dout: Float32Array,
  shape: AttentionShape,
): Float32Array {
  const { batch: B, tokens: T, heads: H, headWidth: dh } = shape;
  const W = H * dh;
  const exports = instance();
  const [qkvAt, pAt, doutAt, dqkvAt, scratchAt] = layout(
    exports,
    [B * T * 3 * W, B * H * T * T, B * T * W, B * T * 3 * W, T * T],
    shape,
  ) as [number, number, number, number, number];
  view(exports, qkvAt, qkv.length).set(qkv);
  view(exports, pAt, weights.length).set(weights);
  view(exports, doutAt, dout.length).set(dout);
  exports.backward(B, T, H, dh, qkvAt, pAt, doutAt, dqkvAt, scratchAt);
  return view(exports, dqkvAt, B * T * 3 * W).slice();
}
