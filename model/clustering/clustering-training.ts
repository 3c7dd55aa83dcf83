import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../theory/rng';
import type { TrainingProblem } from '../training/training-problem';
import { TRAINING_STREAMS } from '../training/training-streams';
import { type ClusteringTask, inputOf, samplePretrainingN, samplePretrainingTask } from './clustering-task';
import { type ClusteringExperiment, toldClusters } from './config';
import { crossEntropy, permutationMinCrossEntropy } from './loss';
import { predictionChunk } from './predict';
import { PretrainingData } from './pretraining-data';
import { embedInputs, tokenFeatures } from './token-features';
import { ClusteringTransformer } from './transformer';

/** The transformer of `config` with weights initialised from `rng` (m slot one-hots only without an initialization, claim G1). */
export function createClusteringTransformer(config: ClusteringExperiment, rng: Rng): ClusteringTransformer {
  return new ClusteringTransformer(tokenFeatures(config.d, config.init === 'none' ? toldClusters(config) : 0), config.architecture, rng);
}

export type ClusteringBatch = { tokens: tf.Tensor3D; targets: tf.Tensor3D };

/** The batch tensors of tasks with equal shapes: token features and one-hot targets [B, n, k] over the k true (or aligned) labels. */
export function clusteringBatch(model: ClusteringTransformer, k: number, tasks: readonly ClusteringTask[]): ClusteringBatch {
  const n = tasks[0]!.instance.spec.n;
  const targets = new Float32Array(tasks.length * n * k);
  tasks.forEach((task, b) => task.targets.forEach((a, i) => (targets[(b * n + i) * k + a] = 1)));
  return { tokens: embedInputs(model.features, tasks.map(inputOf)), targets: tf.tensor3d(targets, [tasks.length, n, k]) };
}

/**
 * Pre-training of the clustering transformer (claims F3, F4, G1) with the shared loop. The loss
 * is the cross-entropy against the aligned labels (alignment.ts), or without an initialization
 * the permutation-minimising cross-entropy over max(k, m) labels (loss.ts; m the clusters told,
 * claim G1). Validation (early stopping) is the same
 * loss on a fixed held-out set, whose tasks draw their n as the batches do (config.nRange). Streams
 * from the config's seed: split(0) initialises the transformer, split(1) drives the pre-training
 * data (pretraining-data.ts), split(2).split(j) draws validation task j (its n first).
 */
export class ClusteringTraining implements TrainingProblem<ClusteringBatch> {
  readonly model: ClusteringTransformer;
  private readonly data: PretrainingData;
  /** The validation tasks, grouped by n (a forward pass needs equal shapes). */
  private readonly validation: ClusteringTask[][];
  private readonly validationCount: number;

  constructor(readonly config: ClusteringExperiment) {
    const root = new Rng(config.seed);
    this.model = createClusteringTransformer(config, root.split(TRAINING_STREAMS.weights));
    this.data = new PretrainingData(config, root.split(TRAINING_STREAMS.batches));
    const validationRng = root.split(TRAINING_STREAMS.validation);
    const tasks = Array.from({ length: config.validationInstances }, (_, j) => {
      const rng = validationRng.split(j);
      return samplePretrainingTask(config, rng, samplePretrainingN(config, rng));
    });
    const byN = new Map<number, ClusteringTask[]>();
    for (const task of tasks) byN.set(task.instance.spec.n, [...(byN.get(task.instance.spec.n) ?? []), task]);
    this.validation = [...byN.keys()].sort((a, b) => a - b).map((n) => byN.get(n)!);
    this.validationCount = tasks.length;
  }

  get parameters() {
    return this.model.parameters;
  }

  trainingBatch(step: number): ClusteringBatch {
    return clusteringBatch(this.model, this.config.k, this.data.batch(step));
  }

  loss({ tokens, targets }: ClusteringBatch): tf.Scalar {
    return tf.tidy(() => {
      const logits = this.model.logits(tokens, targets.shape[1]);
      return this.config.init === 'none' ? permutationMinCrossEntropy(logits, targets) : crossEntropy(logits, targets);
    });
  }

  validationLoss(): number {
    let total = 0;
    for (const group of this.validation) {
      const chunk = predictionChunk(this.model, group[0]!.instance.spec.n, toldClusters(this.config));
      for (let start = 0; start < group.length; start += chunk) {
        const part = group.slice(start, start + chunk);
        const batch = clusteringBatch(this.model, this.config.k, part);
        const loss = tf.tidy(() => this.loss(batch));
        total += loss.dataSync()[0]! * part.length;
        tf.dispose([loss, batch]);
      }
    }
    return total / this.validationCount;
  }

  dispose(): void {
    this.model.dispose();
  }
}
