import * as tf from '@tensorflow/tfjs';

/**
 * The weight-norm cap of the trainable layers (claims B3, C3): the effective weight is the raw
 * variable projected radially onto the Frobenius ball of radius `cap`,
 *   W = V · min(1, cap/‖V‖_F),
 * a differentiable reparameterisation, so every W with ‖W‖_F ≤ cap (the hand-set construction
 * at the temperature cap included) is reachable and no W outside the ball is.
 */
export function cappedWeight(raw: tf.Tensor2D, cap: number): tf.Tensor2D {
  return tf.tidy(() => {
    const norm = tf.norm(raw);
    return tf.mul(raw, tf.minimum(1, tf.div(cap, tf.maximum(norm, 1e-12)))) as tf.Tensor2D;
  });
}

/** The Frobenius norm of a hand-set weight, read back as a number. */
export function frobeniusNorm(weight: tf.Tensor2D): number {
  return tf.tidy(() => tf.norm(weight).dataSync()[0]!);
}
