import type * as tf from '@tensorflow/tfjs';

/** The variables' gradients concatenated in order into one Float32Array (read back one by one: tf.concat of many tensors is slower on wasm). */
export function flatGradient(gradients: readonly tf.Tensor[]): Float32Array {
  const flat = new Float32Array(gradients.reduce((sum, g) => sum + g.size, 0));
  let offset = 0;
  for (const g of gradients) {
    flat.set(g.dataSync() as Float32Array, offset);
    offset += g.size;
  }
  return flat;
}

/**
 * Rescales a flat gradient so that its L2 norm is at most `maxNorm` (global-norm clipping,
 * Pascanu et al. 2013); returns it and the norm before clipping, summed in float64.
 */
export function clipByGlobalNorm(gradient: Float32Array, maxNorm: number): { clipped: Float32Array; norm: number } {
  let squares = 0;
  for (let i = 0; i < gradient.length; i++) squares += gradient[i]! * gradient[i]!;
  const norm = Math.sqrt(squares);
  if (!Number.isFinite(norm) || norm <= maxNorm) return { clipped: gradient, norm };
  const scale = maxNorm / norm;
  const clipped = new Float32Array(gradient.length);
  for (let i = 0; i < gradient.length; i++) clipped[i] = gradient[i]! * scale;
  return { clipped, norm };
}
