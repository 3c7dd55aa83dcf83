import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba) with the learning rate passed at every step, so that the loop's schedule
 * applies (tf.train.adam fixes its rate at construction). Its moment estimates are tf.Variables
 * created once and updated in place, so a step allocates no lasting tensor.
 */
export class Adam {
  private readonly first: tf.Variable[];
  private readonly second: tf.Variable[];
  private steps = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.first = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
    this.second = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
  }

  /** One update with `gradients[j]` for `variables[j]`. */
  apply(gradients: readonly tf.Tensor[], learningRate: number): void {
    this.steps++;
    const correction = Math.sqrt(1 - this.beta2 ** this.steps) / (1 - this.beta1 ** this.steps);
    tf.tidy(() => {
      this.variables.forEach((variable, j) => {
        const g = gradients[j]!;
        const m = this.first[j]!;
        const v = this.second[j]!;
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        variable.assign(tf.sub(variable, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon)), learningRate * correction)));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.first, ...this.second]);
  }
}
