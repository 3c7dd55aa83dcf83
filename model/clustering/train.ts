import { trainWithCheckpoint, type CachedTrainingResult } from '../training/cached-training';
import type { ProgressCallback } from '../training/train-loop';
import { parseClusteringExperiment, type ClusteringExperimentInput } from './config';
import { measureTrainingThroughput } from './training-step';
import { ClusteringTraining } from './training';

/** Checkpoint kind of the clustering transformer; `tvem cluster --method transformer` accepts only this kind. */
export const CLUSTERING_CHECKPOINT_KIND = 'clustering-transformer';

export interface TrainedClusteringTransformer {
  /** The problem holding the trained model (dispose it when done). */
  readonly training: ClusteringTraining;
  readonly cached: CachedTrainingResult;
  /** Pre-training instances per second (fwd + bwd + Adam): measured on this run, or on a few timed steps when loaded from the cache. */
  readonly instancesPerSecond: number;
}

export interface ClusteringTrainOptions {
  readonly checkpointRoot?: string;
  readonly retrain?: boolean;
  readonly onProgress?: ProgressCallback;
}

/**
 * Trains a clustering transformer (claims F3, F4, G1) with the shared loop and checkpoint cache,
 * or loads it from <checkpointRoot>/<hash>/ (default .cache/checkpoints/); the returned
 * `cached.checkpointDirectory` is what `tvem cluster --method transformer --checkpoint` takes.
 */
export function trainClusteringTransformer(input: ClusteringExperimentInput, options: ClusteringTrainOptions = {}): TrainedClusteringTransformer {
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
    const instancesPerSecond = cached.source === 'trained' && seconds > 0 ? (cached.outcome.stepsRun * config.batchSize) / seconds : measureTrainingThroughput(config);
    return { training, cached, instancesPerSecond };
  } catch (error) {
    training.dispose();
    throw error;
  }
}
