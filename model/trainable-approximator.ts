import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../theory/rng';
import { assertInteger } from '../theory/validate';
import type { NamedParameter } from './training/parameters';

/**
 * A trainable M-head softmax approximator of a scalar function on a box (claim D2), the trained
 * counterpart of claim D1's surrogate:
 *   f̃(x) = Σ_m softmax_m(−β_m‖x − x_m‖²)·v_m,
 * with trainable anchors x_m, values v_m and per-anchor inverse temperatures β_m = exp(ρ_m).
 * It is one softmax attention head of a query x over M key tokens (score
 * 2β⟨x, x_m⟩ − β‖x_m‖² up to a term constant in m); D1's surrogate is the case of grid anchors,
 * v_m = f(x_m) and equal β_m. Anchors start uniform in the box (seeded), values at 0, and
 * β_m at 1/h² with h = (box width)/M^{1/d}, the spacing of a grid of M anchors.
 */
export class TrainableSoftmaxApproximator {
  readonly parameters: readonly NamedParameter[];
  private readonly anchors: tf.Variable;
  private readonly values: tf.Variable;
  private readonly logBetas: tf.Variable;

  constructor(
    readonly heads: number,
    readonly dimension: number,
    readonly lower: number,
    readonly upper: number,
    rng: Rng,
  ) {
    assertInteger('heads', heads, 1);
    assertInteger('dimension', dimension, 1);
    if (!(upper > lower)) throw new RangeError(`upper (${upper}) must exceed lower (${lower})`);
    const anchorData = new Float32Array(heads * dimension);
    for (let t = 0; t < anchorData.length; t++) anchorData[t] = lower + (upper - lower) * rng.uniform();
    const spacing = (upper - lower) / heads ** (1 / dimension);
    this.anchors = tf.tidy(() => tf.variable(tf.tensor2d(anchorData, [heads, dimension])));
    this.values = tf.tidy(() => tf.variable(tf.zeros([heads, 1])));
    this.logBetas = tf.tidy(() => tf.variable(tf.fill([heads], -2 * Math.log(spacing))));
    this.parameters = [
      { name: 'anchors', variable: this.anchors },
      { name: 'values', variable: this.values },
      { name: 'logBetas', variable: this.logBetas },
    ];
  }

  /** [B, d] points → [B] approximations f̃(x). */
  predict(points: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      // ‖x − x_m‖² = ‖x‖² − 2⟨x, x_m⟩ + ‖x_m‖², as [B, M]
      const squared = tf.add(
        tf.sub(tf.sum(tf.square(points), 1, true), tf.mul(2, tf.matMul(points, this.anchors, false, true))),
        tf.sum(tf.square(this.anchors), 1),
      );
      const weights = tf.softmax(tf.mul(tf.neg(tf.exp(this.logBetas)), tf.relu(squared)));
      return tf.reshape(tf.matMul(weights, this.values), [-1]);
    });
  }

  dispose(): void {
    tf.dispose(this.parameters.map((p) => p.variable));
  }
}
