import * as tf from '@tensorflow/tfjs';

/**
 * Rescales `gradients` so that their global L2 norm is at most `maxNorm` (Pascanu et al. 2013).
 * Call inside tf.tidy; returns the clipped gradients and the norm before clipping.
 */
export function clipByGlobalNorm(gradients: readonly tf.Tensor[], maxNorm: number): { clipped: tf.Tensor[]; norm: number } {
  const norm = Math.sqrt(tf.addN(gradients.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!);
  if (!Number.isFinite(norm)) return { clipped: [...gradients], norm };
  const scale = norm > maxNorm ? maxNorm / norm : 1;
  return { clipped: scale === 1 ? [...gradients] : gradients.map((g) => tf.mul(g, scale)), norm };
}
