import { initBackend } from '../../../model/backend';
import type { ClusteringExperiment } from '../../../model/clustering/config';
import { pretrainClusteringTransformers } from '../../../model/clustering/parallel-pretraining';
import { type TrainedClusteringTransformer, trainClusteringTransformer } from '../../../model/clustering/pretrained-transformer';
import { checkpointLabel, withCheckpointLabel } from './checkpoint-label';
import type { Progress } from './claim-check';
import { timeTraining, timeTrainingAsync } from './training-time';

/** What a claim measured with its pre-trained transformers. */
export interface PretrainedMeasurement<T> {
  readonly backend: string;
  /** One per config, in order; their weights are freed, their configs and checkpoint records stay readable. */
  readonly models: readonly TrainedClusteringTransformer[];
  readonly measured: T;
}

/**
 * Claims F3, F4, G1: pre-trains the configs in parallel worker processes into the checkpoint cache
 * (TVEM_WORKERS; 1 = in-process; each config carries its own seed), loads each in order, runs
 * `measure` on the loaded models and frees their weights. Progress counts training steps plus
 * `evaluationWork`, of which `measure` reports what it has done through `evaluated`. Pre-training
 * and loading count as training time (training-time.ts), `measure` as evaluation.
 */
export async function withPretrainedTransformers<T>(
  configs: readonly ClusteringExperiment[],
  progress: Progress,
  evaluationWork: number,
  measure: (models: readonly TrainedClusteringTransformer[], evaluated: (work: number) => void) => T,
): Promise<PretrainedMeasurement<T>> {
  const backend = await initBackend();
  const total = configs.reduce((s, c) => s + c.training.steps, 0) + evaluationWork;
  let pretrainedSteps = 0;
  const pretrained = await timeTrainingAsync(() =>
    pretrainClusteringTransformers(configs, {
      onProgress: (done) => {
        pretrainedSteps = done;
        progress.tick(done, total);
      },
    }),
  );
  const models: TrainedClusteringTransformer[] = [];
  let done = 0;
  try {
    for (const config of configs) {
      const before = done;
      models.push(
        timeTraining(() =>
          trainClusteringTransformer(config, {
            pretrained,
            onProgress: (p) => progress.tick(Math.max(pretrainedSteps, before + p.step), total),
          }),
        ),
      );
      done = before + config.training.steps;
    }
    progress.tick(done, total);
    const measured = measure(models, (work) => {
      done += work;
      progress.tick(done, total);
    });
    return { backend, models, measured };
  } finally {
    progress.tick(total, total);
    for (const m of models) m.training.dispose();
  }
}

/** Which optional details a checkpoint note shows. */
export interface CheckpointDetails {
  readonly bestStep?: boolean;
  readonly seed?: boolean;
}

/** A note on where a model came from: trained in this run or loaded from the cache, its checkpoint (checkpointLabel), steps and throughput. */
export function checkpointNote(
  label: string,
  model: TrainedClusteringTransformer,
  backend: string,
  details: CheckpointDetails = {},
): string {
  const { cached } = model;
  const shown = [
    `checkpoint ${checkpointLabel(cached.checkpointDirectory)}`,
    `${cached.outcome.stepsRun} steps`,
    ...(details.bestStep ? [`best step ${cached.outcome.bestStep}`] : []),
    ...(details.seed ? [`seed ${model.training.config.seed}`] : []),
    `${model.instancesPerSecond.toFixed(0)} instances/s on ${backend}`,
  ];
  const rejected = cached.rejectedCheckpoint
    ? `; cached checkpoint rejected: ${withCheckpointLabel(cached.rejectedCheckpoint, cached.checkpointDirectory)}`
    : '';
  return `${label}: ${cached.source} (${shown.join(', ')})${rejected}`;
}
