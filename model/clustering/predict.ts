import * as tf from '@tensorflow/tfjs';
import { ATTENTION_SCORE_BUDGET } from '../training/mixture-config';
import { centroidTokens, embedInputs, type TransformerInput } from './token-features';
import type { ClusteringTransformer } from './transformer';

/** Instances per forward pass for inputs of n points and m centroid tokens, within ATTENTION_SCORE_BUDGET/4. */
export function predictionChunk(model: ClusteringTransformer, n: number, m: number): number {
  const tokens = n + m;
  return Math.max(1, Math.floor(ATTENTION_SCORE_BUDGET / 4 / (model.architecture.heads * tokens * tokens)));
}

/**
 * The transformer's labels ẑ_i = argmax_a logits[i, a] (a = centroid token) for inputs of equal
 * shape, in chunks; no tensor outlives the call.
 */
export function predictLabels(model: ClusteringTransformer, inputs: readonly TransformerInput[]): Int32Array[] {
  if (inputs.length === 0) return [];
  const n = inputs[0]!.points.rows;
  const chunk = predictionChunk(model, n, centroidTokens(model.features, inputs[0]!));
  const out: Int32Array[] = [];
  for (let start = 0; start < inputs.length; start += chunk) {
    const part = inputs.slice(start, start + chunk);
    const labels = tf.tidy(() => tf.argMax(model.logits(embedInputs(model.features, part), n), 2));
    const flat = labels.dataSync() as Int32Array;
    labels.dispose();
    part.forEach((_, b) => out.push(Int32Array.from(flat.subarray(b * n, (b + 1) * n))));
  }
  return out;
}
