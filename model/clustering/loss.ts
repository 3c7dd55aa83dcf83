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
 * The distinct matchings of k true labels to m centroid tokens, each as its (true label c, token a)
 * pairs: the permutations π of max(k, m) labels restricted to c < k and π(c) < m, deduplicated, in
 * the order of permutations(max(k, m)). For m = k, the k! permutations themselves.
 */
export function labelMatchings(k: number, m: number): [number, number][][] {
  const seen = new Map<string, [number, number][]>();
  for (const pi of permutations(Math.max(k, m))) {
    const pairs = pi.flatMap((a, c): [number, number][] => (c < k && a < m ? [[c, a]] : []));
    const key = pairs.map(([c, a]) => `${c}:${a}`).join(',');
    if (!seen.has(key)) seen.set(key, pairs);
  }
  return [...seen.values()];
}

/**
 * Without an initialization the labels are defined up to a relabelling, so each instance's loss
 * is the minimum over matchings π of the k true labels to the m centroid tokens (labelMatchings)
 * of (1/n)·Σ_{i : z_i matched} −log p_{i, π(z_i)}, averaged over instances: the mislabel rate's
 * minimum over relabellings of max(k, m) labels (theory/mislabel.ts), with cross-entropy per point.
 * Claim G1 (wrong k): with m < k the points of the k − m true clusters left without a token count
 * as mislabelled whatever the model says, so they add nothing (and get no gradient); with m > k,
 * m − k tokens stay unused. For m = k (no initialization, claims F3, G1) it is the minimum over
 * the k! permutations. Logits [B, n, m], targets one-hot [B, n, k]; with S[b, c, a] = Σ_i y_ic·log p_ia
 * (one matMul), the loss of π is −(1/n)·Σ_{(c, a) ∈ π} S[b, c, a]: a product of S, flattened to
 * [B, k·m], with a fixed (k·m)×(matchings) indicator matrix. No gather, so it differentiates on
 * the wasm backend.
 */
export function permutationMinCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor3D): tf.Scalar {
  const [batch, n, m] = logits.shape;
  const k = targets.shape[2];
  const matchings = labelMatchings(k, m);
  const indicator = new Float32Array(k * m * matchings.length);
  matchings.forEach((pairs, p) => {
    for (const [c, a] of pairs) indicator[(c * m + a) * matchings.length + p] = 1;
  });
  return tf.tidy(() => {
    const scores = tf.matMul(targets, tf.logSoftmax(logits), true, false);
    const perMatching = tf.matMul(tf.reshape(scores, [batch, k * m]), tf.tensor2d(indicator, [k * m, matchings.length]));
    return tf.mean(tf.min(tf.div(tf.neg(perMatching), n), 1)) as tf.Scalar;
  });
}
