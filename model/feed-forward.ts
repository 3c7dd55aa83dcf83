import * as tf from '@tensorflow/tfjs';
import { fail } from '../theory/validate';
import { untransposedMatMul } from './untransposed-matmul';

/** Hidden-unit activations of the fully connected sublayer. */
export const ACTIVATIONS = ['relu', 'square'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/**
 * A group of hidden units sharing one activation: `in` is D×u, `out` is u×D (token width D).
 * There are no biases: every construction here maps the all-zero token to itself.
 */
export interface HiddenGroup {
  readonly activation: Activation;
  readonly in: tf.Tensor2D;
  readonly out: tf.Tensor2D;
}

export interface FeedForwardWeights {
  readonly groups: readonly HiddenGroup[];
}

function activate(activation: Activation, x: tf.Tensor2D): tf.Tensor2D {
  return activation === 'relu' ? tf.relu(x) : tf.square(x);
}

/**
 * The position-wise fully connected sublayer with a residual connection, in float32:
 *   out = tokens + Σ_g act_g(tokens·W_in,g)·W_out,g.
 * `tokens` is [B, T, D]. ReLU units copy and clear slots exactly (x = relu(x) − relu(−x));
 * square units compute squared norms exactly, which ReLU units could only approximate (the
 * approximation question is claim D1's).
 */
export function feedForwardLayer(tokens: tf.Tensor3D, weights: FeedForwardWeights): tf.Tensor3D {
  const [batch, length, width] = tokens.shape;
  weights.groups.forEach((g, i) => {
    if (!ACTIVATIONS.includes(g.activation)) fail(`groups[${i}].activation`, g.activation, `one of ${ACTIVATIONS.join(', ')}`);
    if (g.in.shape[0] !== width) fail(`groups[${i}].in rows`, g.in.shape[0], `equal to the token width ${width}`);
    if (g.out.shape[0] !== g.in.shape[1] || g.out.shape[1] !== width)
      fail(`groups[${i}].out shape`, g.out.shape, `[${g.in.shape[1]}, ${width}]`);
  });
  return tf.tidy(() => {
    const flat = tf.reshape(tokens, [batch * length, width]) as tf.Tensor2D;
    let update: tf.Tensor | undefined;
    for (const g of weights.groups) {
      const term = untransposedMatMul(activate(g.activation, untransposedMatMul(flat, g.in)) as tf.Tensor2D, g.out);
      update = update ? tf.add(update, term) : term;
    }
    return update ? tf.add(tokens, tf.reshape(update, [batch, length, width])) : tf.clone(tokens);
  });
}

/** Frees the tensors of a hand-set fully connected sublayer. */
export function disposeFeedForward(weights: FeedForwardWeights): void {
  for (const g of weights.groups) tf.dispose([g.in, g.out]);
}
