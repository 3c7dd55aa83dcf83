import * as tf from '@tensorflow/tfjs';
import { permutations } from './permutations';

/**
 * Cross-entropy of the transformer's label logits [B, n, k] against one-hot targets [B, n, k],
 * averaged over points and instances. With an initialization the targets are the aligned labels
 * of alignment.ts, so label a is compared with centroid token a.
 */
export function crossEntropy(logits: tf.Tensor3D, targets: tf.Tensor3D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 2))) as tf.Scalar);
}

/**
 * Without an initialization the labels are defined up to a permutation, so each instance's loss
 * is min over permutations π of [k] of (1/n)·Σ_i −log p_{i, π(z_i)} (all k! ≤ 24 for k ≤ 4),
 * averaged over instances. With S[b, c, a] = Σ_i y_ic·log p_ia (one matMul), the loss of π is
 * −(1/n)·Σ_c S[b, c, π(c)]: a product of S, flattened to [B, k²], with a fixed k²×k! indicator
 * matrix. No gather, so it differentiates on the wasm backend.
 */
export function permutationMinCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor3D): tf.Scalar {
  const [batch, n, k] = logits.shape;
  const all = permutations(k);
  const indicator = new Float32Array(k * k * all.length);
  all.forEach((pi, p) => pi.forEach((a, c) => (indicator[(c * k + a) * all.length + p] = 1)));
  return tf.tidy(() => {
    const scores = tf.matMul(targets, tf.logSoftmax(logits), true, false);
    const perPermutation = tf.matMul(tf.reshape(scores, [batch, k * k]), tf.tensor2d(indicator, [k * k, all.length]));
    return tf.mean(tf.min(tf.div(tf.neg(perPermutation), n), 1)) as tf.Scalar;
  });
}
