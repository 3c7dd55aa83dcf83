import * as tf from '@tensorflow/tfjs';
import { Adam } from './adam';
import { learningRateAt } from './learning-rate';
import type { LoopConfig } from './loop-config';
import { optimizationStep } from './optimization-step';
import { restoreParameters, snapshotParameters } from './parameters';
import type { TrainingProblem } from './training-problem';

/** Reported after every step; `validationLoss` only on evaluation steps. */
export interface TrainingProgress {
  /** Steps done so far (1-based). */
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly learningRate: number;
  readonly validationLoss?: number;
}

export type ProgressCallback = (progress: TrainingProgress) => void;

/** What one training run did; stored in its checkpoint. */
export interface TrainingOutcome {
  readonly stepsRun: number;
  readonly stoppedEarly: boolean;
  /** The step (1-based) whose parameters were kept: the best validation loss. */
  readonly bestStep: number;
  readonly bestValidationLoss: number;
  readonly firstLoss: number;
  readonly finalLoss: number;
  /** The validation loss at each evaluation, as [step, loss]. */
  readonly validationHistory: readonly (readonly [number, number])[];
  /** Largest gradient norm seen before clipping. */
  readonly maxGradientNorm: number;
}

/**
 * The shared seeded training loop: Adam with a warm-up + cosine learning-rate schedule, gradient
 * clipping by global norm, a fresh batch per step, and early stopping on the problem's held-out
 * validation loss. The parameters with the best validation loss are restored at the end. Each
 * step's tensors are freed before the next, so the live tensor count is the same after every
 * step. A non-finite loss is an error naming the step.
 */
export function trainLoop<Batch extends tf.TensorContainer>(
  problem: TrainingProblem<Batch>,
  config: LoopConfig,
  onProgress?: ProgressCallback,
): TrainingOutcome {
  const variables = problem.parameters.map((p) => p.variable);
  const optimizer = new Adam(variables);
  let best = { step: 0, loss: problem.validationLoss() };
  let bestValues = snapshotParameters(problem.parameters);
  const validationHistory: [number, number][] = [[0, best.loss]];
  let evaluationsWithoutGain = 0;
  let firstLoss = NaN;
  let loss = NaN;
  let maxGradientNorm = 0;
  let step = 0;
  try {
    while (step < config.steps) {
      const learningRate = learningRateAt(step, config);
      const result = optimizationStep(problem, optimizer, step, learningRate, config.clipNorm);
      loss = result.loss;
      maxGradientNorm = Math.max(maxGradientNorm, result.gradientNorm);
      step++;
      if (!Number.isFinite(loss) || !Number.isFinite(maxGradientNorm)) {
        throw new Error(
          `training diverged at step ${step}: loss ${loss}, gradient norm ${maxGradientNorm} (lower training.learningRate or training.clipNorm)`,
        );
      }
      if (step === 1) firstLoss = loss;
      let validationLoss: number | undefined;
      if (step % config.evalEvery === 0 || step === config.steps) {
        validationLoss = problem.validationLoss();
        validationHistory.push([step, validationLoss]);
        if (validationLoss < best.loss - config.minImprovement) {
          best = { step, loss: validationLoss };
          tf.dispose(bestValues);
          bestValues = snapshotParameters(problem.parameters);
          evaluationsWithoutGain = 0;
        } else {
          evaluationsWithoutGain++;
        }
      }
      onProgress?.({ step, totalSteps: config.steps, loss, learningRate, ...(validationLoss === undefined ? {} : { validationLoss }) });
      if (evaluationsWithoutGain >= config.patience) break;
    }
    restoreParameters(problem.parameters, bestValues);
  } finally {
    tf.dispose(bestValues);
  }
  return {
    stepsRun: step,
    stoppedEarly: step < config.steps,
    bestStep: best.step,
    bestValidationLoss: best.loss,
    firstLoss,
    finalLoss: loss,
    validationHistory,
    maxGradientNorm,
  };
}
