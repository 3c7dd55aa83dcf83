import * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Instance } from '../../theory/mixture';
import { TrainableEStepLayer } from '../trainable-estep';
import { layerExperimentSchema } from './layer-experiment-schema';
import { type LayerFactory, LayerTraining } from './layer-training';
import { eStepInputTokens, hardEStepTargets } from './mixture-batches';
import { evaluationChunk } from './mixture-config';
import { parseConfig } from './parse-config';

/** The E-step experiment of claim B3: instance distribution, layer size and cap, and training. */
export const eStepExperimentSchema = layerExperimentSchema(2);

export type EStepExperiment = z.output<typeof eStepExperimentSchema>;

export function parseEStepExperiment(input: unknown): EStepExperiment {
  return parseConfig(eStepExperimentSchema, input, 'E-step experiment config');
}

export type EStepBatch = { tokens: tf.Tensor3D; targets: tf.Tensor3D };

/**
 * Training of the trainable E-step layer (claim B3). Batches are fresh instances; the input
 * centers are the true centers; the target is the hard E-step ẑ. Training, validation and
 * evaluation all use the claim's error ‖w_i − e_ẑ_i‖₁ = 2(1 − w_{i,ẑ_i}) (w_i is a probability
 * vector) averaged over the points (it trained better than the cross-entropy −log w_{i,ẑ_i},
 * which chases the cap instead of the error). Streams, from the config's seed:
 * split(0) initialises the layer, split(1).split(step) draws step's batch, split(2) the
 * validation set.
 */
export class EStepTraining extends LayerTraining<TrainableEStepLayer, EStepBatch> {
  /** `makeLayer` replaces the layer (negative controls inject a broken one); default the TrainableEStepLayer. */
  constructor(
    config: EStepExperiment,
    makeLayer: LayerFactory<TrainableEStepLayer> = (layout, heads, betaCap, rng) => new TrainableEStepLayer(layout, heads, betaCap, rng),
  ) {
    super(config, makeLayer);
  }

  protected batchOf(instances: readonly Instance[]): EStepBatch {
    return { tokens: eStepInputTokens(this.layer.layout, instances), targets: hardEStepTargets(instances) };
  }

  /** Mean over points of 2(1 − w_{i,ẑ_i}), the batch's E-step error. */
  loss({ tokens, targets }: EStepBatch): tf.Scalar {
    return tf.tidy(() => tf.mul(2, tf.sub(1, tf.mean(tf.sum(tf.mul(this.layer.responsibilities(tokens), targets), 2))))) as tf.Scalar;
  }

  /** Per instance, the E-step error (1/n)·Σ_i ‖w_i − e_ẑ_i‖₁ of the layer (claim B3), in [0, 2]. */
  heldOutErrors(instances: readonly Instance[]): Float64Array {
    const out = new Float64Array(instances.length);
    const chunk = evaluationChunk(this.config);
    for (let start = 0; start < instances.length; start += chunk) {
      const part = instances.slice(start, start + chunk);
      const errors = tf.tidy(() => {
        const diff = tf.sub(this.layer.responsibilities(eStepInputTokens(this.layer.layout, part)), hardEStepTargets(part));
        return tf.mean(tf.sum(tf.abs(diff), 2), 1);
      });
      out.set(errors.dataSync(), start);
      errors.dispose();
    }
    return out;
  }
}
