import * as tf from '@tensorflow/tfjs';
import { type NamedParameter, zeroVariable } from '../training/parameters';
import { layerNormBackward, layerNormForward } from '../wasm/layer-norm-kernel';

const EPSILON = 1e-5;

/**
 * y = γ ⊙ x̂ + β with x̂ = (x − mean)/sqrt(var + ε) along the last axis (population variance, as
 * tf.moments), forward and backward in one wasm-SIMD pass each (wasm/layer-norm.as.ts, with the
 * backward's equations). Built from tfjs ops it took about twenty small kernel launches per layer
 * and step on wasm, more time than its arithmetic (issue 7).
 */
export const layerNorm = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, gain, bias, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const { y, stats } = layerNormForward(
    x.dataSync() as Float32Array,
    gain.dataSync() as Float32Array,
    bias.dataSync() as Float32Array,
    EPSILON,
  );
  save([x, gain, tf.tensor1d(stats)]);
  return {
    value: tf.tensor(y, x.shape),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [savedX, savedGain, savedStats] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
      const { dx, dGain, dBias } = layerNormBackward(
        savedX.dataSync() as Float32Array,
        savedGain.dataSync() as Float32Array,
        savedStats.dataSync() as Float32Array,
        dy.dataSync() as Float32Array,
      );
      return [tf.tensor(dx, dy.shape), tf.tensor1d(dGain), tf.tensor1d(dBias)];
    },
  };
}) as (x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor) => tf.Tensor;

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
    return layerNorm(tokens, this.gain, this.bias) as tf.Tensor3D;
  }
}
