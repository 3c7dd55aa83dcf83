import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { Rng } from '../../theory/rng';
import { TrainableSoftmaxApproximator } from '../trainable-approximator';
import { APPROXIMATION_TARGETS, TARGET_FUNCTIONS } from './approximation-targets';
import { loopConfigSchema } from './loop-config';
import { parseConfig } from './parse-config';
import type { TrainingProblem } from './training-problem';
import { TRAINING_STREAMS } from './training-streams';

/** The approximation experiment of claim D2: target, dimension, heads and training. */
export const approximationExperimentSchema = z
  .strictObject({
    target: z.enum(APPROXIMATION_TARGETS).default('square-norm'),
    /** Input dimension; must equal the target's own for 'reciprocal' (1) and 'log-sum-exp' (3). */
    d: z.number().int().min(1).max(8).default(1),
    /** Softmax heads (anchors) M. */
    heads: z.number().int().min(1).max(4096).default(8),
    /** Points per training batch, uniform in the box. */
    batchSize: z.number().int().min(1).max(65_536).default(256),
    /** Held-out points for early stopping and evaluation. */
    validationPoints: z.number().int().min(1).max(1_000_000).default(2048),
    seed: z.number().int().min(0).max(0xffffffff).default(0),
    training: loopConfigSchema.prefault({}),
  })
  .superRefine((config, context) => {
    const fixed = TARGET_FUNCTIONS[config.target].fixedDimension;
    if (fixed !== undefined && config.d !== fixed)
      context.addIssue({ code: 'custom', path: ['d'], message: `must be ${fixed} for the target '${config.target}'` });
  });

export type ApproximationExperiment = z.output<typeof approximationExperimentSchema>;

export function parseApproximationExperiment(input: unknown): ApproximationExperiment {
  return parseConfig(approximationExperimentSchema, input, 'approximation experiment config');
}

type PointBatch = { points: tf.Tensor2D; targets: tf.Tensor1D };

/** `count` points uniform in the target's box with their target values, drawn from `rng`. */
function uniformPoints(config: ApproximationExperiment, count: number, rng: Rng): { points: Float32Array; targets: Float32Array } {
  const target = TARGET_FUNCTIONS[config.target];
  const points = new Float32Array(count * config.d);
  const targets = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const x = points.subarray(i * config.d, (i + 1) * config.d);
    for (let c = 0; c < config.d; c++) x[c] = target.lower + (target.upper - target.lower) * rng.uniform();
    targets[i] = target.evaluate(x);
  }
  return { points, targets };
}

/** Held-out errors of the approximator: root-mean-square and largest absolute error. */
export interface ApproximationErrors {
  readonly rmse: number;
  readonly maxAbs: number;
}

/**
 * Training of the M-head softmax approximator (claim D2) by mean squared error on fresh uniform
 * points; the validation loss is the held-out root-mean-square error. Streams, from the config's
 * seed: split(0) initialises the anchors, split(1).split(step) draws step's batch, split(2) the
 * validation points.
 */
export class ApproximationTraining implements TrainingProblem<PointBatch> {
  readonly approximator: TrainableSoftmaxApproximator;
  private readonly batchRng: Rng;
  private readonly validation: PointBatch;

  constructor(readonly config: ApproximationExperiment) {
    const root = new Rng(config.seed);
    const target = TARGET_FUNCTIONS[config.target];
    this.approximator = new TrainableSoftmaxApproximator(
      config.heads,
      config.d,
      target.lower,
      target.upper,
      root.split(TRAINING_STREAMS.weights),
    );
    this.batchRng = root.split(TRAINING_STREAMS.batches);
    this.validation = this.batch(config.validationPoints, root.split(TRAINING_STREAMS.validation));
  }

  get parameters() {
    return this.approximator.parameters;
  }

  private batch(count: number, rng: Rng): PointBatch {
    const { points, targets } = uniformPoints(this.config, count, rng);
    return { points: tf.tensor2d(points, [count, this.config.d]), targets: tf.tensor1d(targets) };
  }

  trainingBatch(step: number): PointBatch {
    return this.batch(this.config.batchSize, this.batchRng.split(step));
  }

  loss({ points, targets }: PointBatch): tf.Scalar {
    return tf.tidy(() => tf.mean(tf.square(tf.sub(this.approximator.predict(points), targets))) as tf.Scalar);
  }

  validationLoss(): number {
    return this.errors(this.validation).rmse;
  }

  /** RMSE and max |f̃ − f| on `count` fresh points drawn from `rng`. */
  heldOutErrors(count: number, rng: Rng): ApproximationErrors {
    const batch = this.batch(count, rng);
    try {
      return this.errors(batch);
    } finally {
      tf.dispose(batch);
    }
  }

  private errors({ points, targets }: PointBatch): ApproximationErrors {
    const [rmse, maxAbs] = tf
      .tidy(() => {
        const diff = tf.sub(this.approximator.predict(points), targets);
        return [tf.sqrt(tf.mean(tf.square(diff))), tf.max(tf.abs(diff))];
      })
      .map((t) => {
        const value = t.dataSync()[0]!;
        t.dispose();
        return value;
      }) as [number, number];
    return { rmse, maxAbs };
  }

  dispose(): void {
    this.approximator.dispose();
    tf.dispose(this.validation);
  }
}
