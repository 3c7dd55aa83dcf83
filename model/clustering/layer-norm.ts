import * as tf from '@tensorflow/tfjs';
import { zeroVariable, type NamedParameter } from '../training/parameters';

const EPSILON = 1e-5;

/**
 * y = γ ⊙ x̂ + β with x̂ = (x − mean)/sqrt(var + ε) along the last axis (population variance, as
 * tf.moments), forward and backward in one plain-JavaScript pass each, with row statistics in
 * float64. Built from tfjs ops it took about twenty small kernel launches per layer and step on
 * wasm, more time than its arithmetic (issue 7). The backward is the standard
 *   ∂x = (g − mean(g) − x̂·mean(g ⊙ x̂)) / sqrt(var + ε) with g = γ ⊙ ∂y,  ∂γ = Σ_rows ∂y ⊙ x̂,  ∂β = Σ_rows ∂y.
 */
export const layerNorm = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, gain, bias, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const width = gain.size;
  const rows = x.size / width;
  const input = x.dataSync() as Float32Array;
  const gamma = gain.dataSync() as Float32Array;
  const beta = bias.dataSync() as Float32Array;
  const normalized = new Float32Array(x.size);
  const inverseStd = new Float32Array(rows);
  const output = new Float32Array(x.size);
  for (let r = 0; r < rows; r++) {
    const at = r * width;
    let mean = 0;
    for (let c = 0; c < width; c++) mean += input[at + c]!;
    mean /= width;
    let variance = 0;
    for (let c = 0; c < width; c++) variance += (input[at + c]! - mean) ** 2;
    const inverse = 1 / Math.sqrt(variance / width + EPSILON);
    inverseStd[r] = inverse;
    for (let c = 0; c < width; c++) {
      const xHat = (normalized[at + c] = (input[at + c]! - mean) * inverse);
      output[at + c] = gamma[c]! * xHat + beta[c]!;
    }
  }
  save([tf.tensor(normalized, x.shape), tf.tensor1d(inverseStd), gain]);
  return {
    value: tf.tensor(output, x.shape),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xHatTensor, inverseTensor, gainTensor] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
      const upstream = dy.dataSync() as Float32Array;
      const xHat = xHatTensor.dataSync() as Float32Array;
      const inverse = inverseTensor.dataSync() as Float32Array;
      const g = gainTensor.dataSync() as Float32Array;
      const dx = new Float32Array(upstream.length);
      const dGain = new Float64Array(width);
      const dBias = new Float64Array(width);
      for (let r = 0; r < rows; r++) {
        const at = r * width;
        let meanG = 0;
        let meanGX = 0;
        for (let c = 0; c < width; c++) {
          const dyc = upstream[at + c]!;
          const gc = g[c]! * dyc;
          meanG += gc;
          meanGX += gc * xHat[at + c]!;
          dGain[c]! += dyc * xHat[at + c]!;
          dBias[c]! += dyc;
        }
        meanG /= width;
        meanGX /= width;
        for (let c = 0; c < width; c++) dx[at + c] = (g[c]! * upstream[at + c]! - meanG - xHat[at + c]! * meanGX) * inverse[r]!;
      }
      return [tf.tensor(dx, dy.shape), tf.tensor1d(Float32Array.from(dGain)), tf.tensor1d(Float32Array.from(dBias))];
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
