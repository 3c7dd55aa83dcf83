import type * as tf from '@tensorflow/tfjs';
import type { NamedParameter } from './parameters';

/**
 * What the shared training loop needs from an experiment, so the same loop, checkpoint cache and
 * progress serve the E-step and M-step layers (B3, C3), the approximators (D2) and, later, the
 * end-to-end clustering transformer (F3/F4).
 */
export interface TrainingProblem<Batch extends tf.TensorContainer> {
  /** The trainable parameters, in the fixed order the checkpoint stores them. */
  readonly parameters: readonly NamedParameter[];
  /** A fresh training batch for `step`, deterministic in (seed, step); the loop disposes it. */
  trainingBatch(step: number): Batch;
  /** The scalar training loss on `batch`; runs inside the gradient tape. */
  loss(batch: Batch): tf.Scalar;
  /** The loss on the problem's fixed held-out validation set (lower is better); drives early stopping. */
  validationLoss(): number;
}
