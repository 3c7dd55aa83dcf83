import * as tf from '@tensorflow/tfjs';
import { zeroVariable, type NamedParameter } from '../training/parameters';

const EPSILON = 1e-5;

/** Layer normalisation over the token width with a trainable gain (init 1) and bias (init 0). */
export class LayerNorm {
  readonly parameters: readonly NamedParameter[];
  private readonly gain: tf.Variable;
  private readonly bias: tf.Variable;

  constructor(name: string, width: number) {
    this.gain = tf.tidy(() => tf.variable(tf.ones([width])));
    this.bias = zeroVariable([width]);
    this.parameters = [
      { name: `${name}.gain`, variable: this.gain },
      { name: `${name}.bias`, variable: this.bias },
    ];
  }

  /** γ ⊙ (x − mean(x))/sqrt(var(x) + 1e-5) + β along the last axis. */
  apply(tokens: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(tokens, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(tokens, mean), tf.sqrt(tf.add(variance, EPSILON))), this.gain), this.bias) as tf.Tensor3D;
    });
  }
}
