import type { ClusteringExperiment } from '../../../model/clustering/config';

/** One line describing a clustering transformer's pre-training (claims F3, F4, G1 cite it in their notes). */
export function describeConfig(c: ClusteringExperiment): string {
  const a = c.architecture;
  return `d = ${c.d}, ${c.nRange ? `n uniform in [${c.nRange.join(', ')}] per batch` : `n = ${c.n}`}, ${c.layout} centers, Δ/σ uniform in [${c.deltaRange.join(', ')}], init ${c.init}${c.init === 'perturbed-truth' ? ` (Λ_0 = ${c.lambda0})` : ''}, N = ${c.pretrainingInstances ?? '∞ (fresh stream)'}; ${a.layers} blocks of width ${a.width}, ${a.heads} heads, MLP ${a.hidden}, ${a.normalization}-LN; Adam lr ${c.training.learningRate}, batch ${c.batchSize}, up to ${c.training.steps} steps, early stopping on ${c.validationInstances} validation instances`;
}
