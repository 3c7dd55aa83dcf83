import * as tf from '@tensorflow/tfjs';
import type { LoopConfig } from '../model/training/loop-config';
import { trainLoop } from '../model/training/train-loop';
import type { TrainingProblem } from '../model/training/training-problem';

/**
 * A reusable property assertion: training `problem` with the shared loop keeps the live tensor
 * count constant from step to step, and disposing the problem returns it to where it started.
 */
export function expectNoTensorLeaksAcrossSteps<Batch extends tf.TensorContainer>(
  makeProblem: () => TrainingProblem<Batch> & { dispose(): void },
  loop: LoopConfig,
): void {
  const before = tf.memory().numTensors;
  const problem = makeProblem();
  const counts: number[] = [];
  trainLoop(problem, loop, () => counts.push(tf.memory().numTensors));
  expect(new Set(counts.slice(1)).size).toBe(1);
  problem.dispose();
  expect(tf.memory().numTensors).toBe(before);
}
