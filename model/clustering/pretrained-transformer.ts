import { type CachedTrainingResult, trainWithCheckpoint } from '../training/cached-training';
import type { ProgressCallback } from '../training/train-loop';
import { measureTrainingThroughput } from './bench-training-step';
import { ClusteringTraining } from './clustering-training';
import { type ClusteringExperimentInput, parseClusteringExperiment } from './config';

/** Checkpoint kind of the clustering transformer; `tvem cluster --method transformer` accepts only this kind. */
export const CLUSTERING_CHECKPOINT_KIND = 'clustering-transformer';

export interface TrainedClusteringTransformer {
  /** The problem holding the trained model (dispose it when done). */
  readonly training: ClusteringTraining;
  readonly cached: CachedTrainingResult;
  /** Pre-training instances per second (fwd + bwd + Adam): measured on this run, or on a few timed steps when loaded from the cache. */
  readonly instancesPerSecond: number;
}

/** One checkpoint trained in this run by a pre-training worker (parallel-pretraining.ts). */
export interface PretrainedCheckpoint {
  readonly configHash: string;
  readonly checkpointDirectory: string;
  readonly stepsRun: number;
  /** Pre-training instances per second measured by the worker on its run. */
  readonly instancesPerSecond: number;
}

export interface ClusteringTrainOptions {
  /** Default: TVEM_CHECKPOINT_ROOT, else .cache/checkpoints (resolveCheckpointRoot). */
  readonly checkpointRoot?: string;
  readonly retrain?: boolean;
  readonly onProgress?: ProgressCallback;
  /**
   * Checkpoints trained in this run by pre-training workers, by config hash: when this config's
   * checkpoint loads from the cache and is among them, the result reports it as trained in this
   * run, with the worker's measured throughput (so a report reads the same with or without
   * workers, and no timing steps are spent re-measuring it).
   */
  readonly pretrained?: ReadonlyMap<string, PretrainedCheckpoint>;
}

/**
 * Trains a clustering transformer (claims F3, F4, G1) with the shared loop and checkpoint cache,
 * or loads it from <checkpointRoot>/<hash>/ (default TVEM_CHECKPOINT_ROOT, else .cache/checkpoints/); the returned
 * `cached.checkpointDirectory` is what `tvem cluster --method transformer --checkpoint` takes.
 */
export function trainClusteringTransformer(
  input: ClusteringExperimentInput,
  options: ClusteringTrainOptions = {},
): TrainedClusteringTransformer {
  const config = parseClusteringExperiment(input);
  const training = new ClusteringTraining(config);
  try {
    const started = Date.now();
    const cached = trainWithCheckpoint({
      kind: CLUSTERING_CHECKPOINT_KIND,
      config,
      seed: config.seed,
      problem: training,
      loop: config.training,
      ...(options.checkpointRoot ? { checkpointRoot: options.checkpointRoot } : {}),
      ...(options.retrain ? { retrain: true } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const seconds = (Date.now() - started) / 1000;
    const pretrained = cached.source === 'cache' && !options.retrain ? options.pretrained?.get(cached.configHash) : undefined;
    if (pretrained) return { training, cached: { ...cached, source: 'trained' }, instancesPerSecond: pretrained.instancesPerSecond };
    const instancesPerSecond =
      cached.source === 'trained' && seconds > 0
        ? (cached.outcome.stepsRun * config.batchSize) / seconds
        : measureTrainingThroughput(config);
    return { training, cached, instancesPerSecond };
  } catch (error) {
    training.dispose();
    throw error;
  }
}
