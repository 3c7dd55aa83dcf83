import type * as tf from '@tensorflow/tfjs';
import type { LoopConfig } from '../model/training/loop-config';
import { trainLoop } from '../model/training/train-loop';
import type { TrainingProblem } from '../model/training/training-problem';

/**
 * A reusable property assertion: two trainings of problems built the same way (same config,
 * hence same seed) on the same backend end with identical weights, bit for bit.
 */
export function expectDeterministicTraining<Batch extends tf.TensorContainer>(
  makeProblem: () => TrainingProblem<Batch> & { dispose(): void },
  loop: LoopConfig,
): void {
  const weights = [0, 1].map(() => {
    const problem = makeProblem();
    try {
      trainLoop(problem, loop);
      return problem.parameters.map((p) => Array.from(p.variable.dataSync()));
    } finally {
      problem.dispose();
    }
  });
  expect(weights[1]).toEqual(weights[0]);
}
