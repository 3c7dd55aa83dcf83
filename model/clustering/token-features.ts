import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../../theory/matrix';
import { fail } from '../../theory/validate';

/**
 * The input tokens of the clustering transformer (claims F3, F4, G1). One sequence per instance
 * of T = n + m tokens, m the number of centroid tokens:
 * - tokens 0..n−1 are data tokens, one per point X_i;
 * - tokens n..n+m−1 are centroid tokens, one per initial center μ̂_a (a = 0..m−1), in the
 *   initialization's order; the read-out's label a refers to centroid token a.
 *
 * Each token is a feature vector of width F = 2d + 2 + s, in slots:
 * | slot       | features        | data token i | centroid token a                        |
 * |------------|-----------------|--------------|-----------------------------------------|
 * | point      | [0, d)          | X_i          | 0                                       |
 * | center     | [d, 2d)         | 0            | μ̂_a (0 when there is no initialization) |
 * | isData     | 2d              | 1            | 0                                       |
 * | isCentroid | 2d + 1          | 0            | 1                                       |
 * | slot       | [2d+2, 2d+2+s)  | 0            | e_a (only without initialization)       |
 * With an initialization s = 0 and the network is equivariant under reordering the centroid
 * tokens, so m may differ from the pre-training k (the wrong-k setting of claim G1). Without
 * one, s = k: the slot one-hots are the only thing telling the k centroid tokens apart.
 */
export interface TokenFeatures {
  readonly d: number;
  /** Slot one-hot width s: k without initialization, else 0. */
  readonly slots: number;
  /** Feature width F. */
  readonly width: number;
}

export function tokenFeatures(d: number, slots: number): TokenFeatures {
  return { d, slots, width: 2 * d + 2 + slots };
}

/** One instance's input: its points and, with an initialization, the initial centers. */
export interface TransformerInput {
  readonly points: Matrix;
  /** m×d initial centers; absent without an initialization (then m = the slot count). */
  readonly centers?: Matrix;
}

/** The number of centroid tokens m of an input. */
export function centroidTokens(features: TokenFeatures, input: TransformerInput): number {
  return input.centers ? input.centers.rows : features.slots;
}

/**
 * [B, n + m, F] float32 features of a batch of inputs with equal n and m, filled as in the
 * TokenFeatures table. Fails naming the first input that does not fit.
 */
export function embedInputs(features: TokenFeatures, inputs: readonly TransformerInput[]): tf.Tensor3D {
  const { d, slots, width } = features;
  const first = inputs[0];
  if (!first) fail('inputs length', 0, 'at least 1');
  const n = first.points.rows;
  const m = centroidTokens(features, first);
  const tokens = n + m;
  const data = new Float32Array(inputs.length * tokens * width);
  inputs.forEach((input, b) => {
    if (input.points.rows !== n || input.points.cols !== d)
      fail(`inputs[${b}].points shape`, `${input.points.rows}×${input.points.cols}`, `${n}×${d}`);
    if (slots > 0 && input.centers)
      fail(`inputs[${b}].centers`, 'present', 'absent: this transformer was trained without an initialization');
    if (slots === 0 && !input.centers)
      fail(`inputs[${b}].centers`, 'absent', 'present: this transformer was trained with an initialization');
    if (input.centers && (input.centers.rows !== m || input.centers.cols !== d))
      fail(`inputs[${b}].centers shape`, `${input.centers.rows}×${input.centers.cols}`, `${m}×${d}`);
    const base = b * tokens * width;
    for (let i = 0; i < n; i++) {
      const row = base + i * width;
      for (let c = 0; c < d; c++) data[row + c] = input.points.data[i * d + c]!;
      data[row + 2 * d] = 1;
    }
    for (let a = 0; a < m; a++) {
      const row = base + (n + a) * width;
      if (input.centers) for (let c = 0; c < d; c++) data[row + d + c] = input.centers.data[a * d + c]!;
      data[row + 2 * d + 1] = 1;
      if (slots > 0) data[row + 2 * d + 2 + a] = 1;
    }
  });
  return tf.tensor3d(data, [inputs.length, tokens, width], 'float32');
}
