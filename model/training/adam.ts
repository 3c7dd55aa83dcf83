import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba) with the learning rate passed at every step, so that the loop's schedule
 * applies (tf.train.adam fixes its rate at construction). It takes the gradient as one flat
 * Float32Array (the variables' gradients concatenated in order by flatGradient, clip-gradients.ts) and updates
 * every parameter in plain JavaScript, in float64, with moment estimates kept in float64 arrays:
 * one pass instead of a dozen tfjs kernel launches per variable, which cost more than the
 * arithmetic at these sizes (issue 7). Each variable gets one new tensor per step; the old one
 * is freed by assign.
 */
export class Adam {
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private steps = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    const size = variables.reduce((sum, v) => sum + v.size, 0);
    this.first = new Float64Array(size);
    this.second = new Float64Array(size);
  }

  /** One update with `gradient`, the variables' gradients concatenated in their order. */
  apply(gradient: Float32Array, learningRate: number): void {
    if (gradient.length !== this.first.length)
      throw new Error(`Adam: gradient of length ${gradient.length}, expected ${this.first.length}`);
    this.steps++;
    const { beta1, beta2, epsilon, first, second } = this;
    const stepSize = (learningRate * Math.sqrt(1 - beta2 ** this.steps)) / (1 - beta1 ** this.steps);
    let offset = 0;
    for (const variable of this.variables) {
      const values = variable.dataSync();
      const next = new Float32Array(values.length);
      for (let i = 0; i < values.length; i++, offset++) {
        const g = gradient[offset]!;
        const m = beta1 * first[offset]! + (1 - beta1) * g;
        const v = beta2 * second[offset]! + (1 - beta2) * g * g;
        first[offset] = m;
        second[offset] = v;
        next[i] = values[i]! - (stepSize * m) / (Math.sqrt(v) + epsilon);
      }
      variable.assign(tf.tensor(next, variable.shape, 'float32'));
    }
  }
}
