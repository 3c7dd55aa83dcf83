import type * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Instance } from '../../theory/mixture';
import { Rng } from '../../theory/rng';
import { mean } from '../../theory/sample-statistics';
import { type TokenLayout, tokenLayout } from '../token-layout';
import type { layerExperimentSchema } from './layer-experiment-schema';
import { sampleInstances } from './mixture-batches';
import { mixtureSpecOf } from './mixture-config';
import type { NamedParameter } from './parameters';
import type { TrainingProblem } from './training-problem';
import { TRAINING_STREAMS } from './training-streams';

/** The resolved config of a trained-layer experiment (claims B3, C3). */
export type LayerExperiment = z.output<ReturnType<typeof layerExperimentSchema>>;

/** What a trained-layer experiment needs of its layer. */
export interface TrainableLayer {
  readonly parameters: readonly NamedParameter[];
  dispose(): void;
}

/** Builds a trained-layer experiment's layer from its token layout, heads M, cap β_cap and weight stream. */
export type LayerFactory<Layer> = (layout: TokenLayout, heads: number, betaCap: number, rng: Rng) => Layer;

/**
 * The training problem shared by the E- and M-step layers (claims B3, C3). Streams, from the
 * config's seed: split(0) initialises the layer, split(1).split(step) draws step's batch of
 * fresh instances, split(2) the validation set. Validation (early stopping) is the mean of the
 * claim's per-instance held-out error.
 */
export abstract class LayerTraining<Layer extends TrainableLayer, Batch extends tf.TensorContainer> implements TrainingProblem<Batch> {
  readonly layer: Layer;
  private readonly batchRng: Rng;
  private readonly validation: Instance[];

  constructor(
    readonly config: LayerExperiment,
    makeLayer: LayerFactory<Layer>,
  ) {
    const root = new Rng(config.seed);
    this.layer = makeLayer(tokenLayout(config.n, config.d, config.k), config.heads, config.betaCap, root.split(TRAINING_STREAMS.weights));
    this.batchRng = root.split(TRAINING_STREAMS.batches);
    this.validation = sampleInstances(mixtureSpecOf(config), config.validationInstances, root.split(TRAINING_STREAMS.validation));
  }

  get parameters(): readonly NamedParameter[] {
    return this.layer.parameters;
  }

  trainingBatch(step: number): Batch {
    return this.batchOf(sampleInstances(mixtureSpecOf(this.config), this.config.batchSize, this.batchRng.split(step)));
  }

  validationLoss(): number {
    return mean(this.heldOutErrors(this.validation));
  }

  dispose(): void {
    this.layer.dispose();
  }

  /** The tensors of one batch of instances. */
  protected abstract batchOf(instances: readonly Instance[]): Batch;

  abstract loss(batch: Batch): tf.Scalar;

  /** Per instance, the claim's held-out error of the layer. */
  abstract heldOutErrors(instances: readonly Instance[]): Float64Array;
}
