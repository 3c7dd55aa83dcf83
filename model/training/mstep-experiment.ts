import * as tf from '@tensorflow/tfjs';
import type { z } from 'zod';
import type { Instance } from '../../theory/mixture';
import { TrainableMStepLayer } from '../trainable-mstep';
import { layerExperimentSchema } from './layer-experiment-schema';
import { type LayerFactory, LayerTraining } from './layer-training';
import { clusterMeansAndScales, mStepInputTokens } from './mixture-batches';
import { evaluationChunk } from './mixture-config';
import { parseConfig } from './parse-config';

/** The M-step experiment of claim C3: instance distribution, layer size and cap, and training. */
export const mStepExperimentSchema = layerExperimentSchema(3);

export type MStepExperiment = z.output<typeof mStepExperimentSchema>;

export function parseMStepExperiment(input: unknown): MStepExperiment {
  return parseConfig(mStepExperimentSchema, input, 'M-step experiment config');
}

export type MStepBatch = { tokens: tf.Tensor3D; means: tf.Tensor3D; scales: tf.Tensor2D };

function mStepBatch(layer: TrainableMStepLayer, instances: readonly Instance[]): MStepBatch {
  const { k, d } = layer.layout;
  const { means, scales } = clusterMeansAndScales(instances);
  return {
    tokens: mStepInputTokens(layer.layout, instances),
    means: tf.tensor3d(Float32Array.from(means), [instances.length, k, d]),
    scales: tf.tensor2d(Float32Array.from(scales), [instances.length, k]),
  };
}

/** ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖ for each instance and cluster: [B, k]. */
function relativeErrors(layer: TrainableMStepLayer, batch: MStepBatch): tf.Tensor2D {
  return tf.tidy(() => tf.div(tf.norm(tf.sub(layer.centers(batch.tokens), batch.means), 'euclidean', 2), batch.scales) as tf.Tensor2D);
}

/**
 * C3's training loss, the mean of (‖out_a − mean_a‖ / scale_a)², as a sum of squares: the
 * gradient of tf.norm is NaN where an output equals its mean exactly (seen in float32 at d = 1).
 */
export function meanSquaredRelativeError(centers: tf.Tensor3D, means: tf.Tensor3D, scales: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.div(tf.sum(tf.square(tf.sub(centers, means)), 2), tf.square(scales))));
}

/**
 * Training of the trainable M-step layer (claim C3). Batches are fresh instances with their true
 * labels one-hot in the resp slot; the target is each cluster's label mean. Training minimises
 * the squared relative error; validation and evaluation use the claim's error, the relative error
 * ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖ averaged over the k clusters of an instance. Streams
 * as in EStepTraining.
 */
export class MStepTraining extends LayerTraining<TrainableMStepLayer, MStepBatch> {
  /** `makeLayer` replaces the layer (negative controls inject a broken one); default the TrainableMStepLayer. */
  constructor(
    config: MStepExperiment,
    makeLayer: LayerFactory<TrainableMStepLayer> = (layout, heads, betaCap, rng) => new TrainableMStepLayer(layout, heads, betaCap, rng),
  ) {
    super(config, makeLayer);
  }

  protected batchOf(instances: readonly Instance[]): MStepBatch {
    return mStepBatch(this.layer, instances);
  }

  loss(batch: MStepBatch): tf.Scalar {
    return tf.tidy(() => meanSquaredRelativeError(this.layer.centers(batch.tokens), batch.means, batch.scales));
  }

  /** Per instance, the M-step error (1/k)·Σ_a ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖ (claim C3), in [0, 1]. */
  heldOutErrors(instances: readonly Instance[]): Float64Array {
    const out = new Float64Array(instances.length);
    const chunk = evaluationChunk(this.config);
    for (let start = 0; start < instances.length; start += chunk) {
      const batch = mStepBatch(this.layer, instances.slice(start, start + chunk));
      const errors = tf.tidy(() => tf.mean(relativeErrors(this.layer, batch), 1));
      out.set(errors.dataSync(), start);
      tf.dispose([errors, batch]);
    }
    return out;
  }
}
