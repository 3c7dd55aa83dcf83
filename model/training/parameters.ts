import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../theory/rng';

/** A trainable tensor with a stable name: checkpoints store parameters by name, in order. */
export interface NamedParameter {
  readonly name: string;
  readonly variable: tf.Variable;
}

/** A trainable variable with entries N(0, scale²) drawn from the seeded `rng` (never tf.random, so runs replay). */
export function normalVariable(rng: Rng, shape: number[], scale: number): tf.Variable {
  const size = shape.reduce((p, s) => p * s, 1);
  const data = new Float32Array(size);
  for (let t = 0; t < size; t++) data[t] = scale * rng.normal();
  return tf.tidy(() => tf.variable(tf.tensor(data, shape, 'float32')));
}

/** A trainable variable of zeros. */
export function zeroVariable(shape: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zeros(shape)));
}

/** Copies of the parameters' current values (kept by the caller; dispose them when done). */
export function snapshotParameters(parameters: readonly NamedParameter[]): tf.Tensor[] {
  return parameters.map((p) => tf.clone(p.variable));
}

export function restoreParameters(parameters: readonly NamedParameter[], values: readonly tf.Tensor[]): void {
  parameters.forEach((p, j) => p.variable.assign(values[j]!));
}
