import * as tf from '@tensorflow/tfjs';
import type { Adam } from './adam';
import { clipByGlobalNorm, flatGradient } from './clip-gradients';
import type { TrainingProblem } from './training-problem';

/**
 * One optimisation step of the shared loop: draw the step's batch, forward, backward, clip by
 * global norm, and an Adam update at `learningRate` (skipped when the gradient norm is not
 * finite). Returns the loss and the gradient norm before clipping; no tensor outlives the call.
 */
export function optimizationStep<Batch extends tf.TensorContainer>(
  problem: TrainingProblem<Batch>,
  optimizer: Adam,
  step: number,
  learningRate: number,
  clipNorm: number,
): { loss: number; gradientNorm: number } {
  const variables = problem.parameters.map((p) => p.variable);
  const batch = problem.trainingBatch(step);
  let gradientNorm = NaN;
  const value = tf.tidy(() => {
    const { value: lossValue, grads } = tf.variableGrads(() => problem.loss(batch), variables);
    const { clipped, norm } = clipByGlobalNorm(flatGradient(variables.map((v) => grads[v.name] ?? tf.zerosLike(v))), clipNorm);
    gradientNorm = norm;
    if (Number.isFinite(norm)) optimizer.apply(clipped, learningRate);
    return lossValue;
  });
  tf.dispose(batch);
  const loss = value.dataSync()[0]!;
  value.dispose();
  return { loss, gradientNorm };
}
