import { b2MeanBoundOfInstance } from '../../bounds/b2-estep-temperature';
import { claimEntry } from '../../bounds/registry';
import { type EStepBatch, type EStepExperiment, EStepTraining, parseEStepExperiment } from '../../model/training/estep-experiment';
import { trainedLayerCheck } from './kit/trained-layer-check';
import type { LayerCell, TrainedLayerClaim } from './kit/trained-layer-claim';

/** B3's grid (k, d, n, Δ/σ, β_cap); the quick scale runs the first cell at M ∈ {1, 4} only. */
const CELLS: readonly [LayerCell, ...LayerCell[]] = [
  { k: 3, d: 2, n: 32, delta: 4, betaCap: 2 },
  { k: 4, d: 3, n: 48, delta: 5, betaCap: 1.5 },
];

/**
 * B3: trained E-step layers with M heads, their class capped on each head's ‖W_Q W_Kᵀ‖₂ at the
 * hand-set head's (β_cap); the best of `seeds` trainings, chosen on validation, against
 * ε_construct, B2's bound for the hand-set head at the cap, on disjoint test instances (paired
 * per instance).
 */
export const claim: TrainedLayerClaim<EStepExperiment, EStepBatch> = {
  id: 'B3',
  kind: 'estep',
  parseExperiment: parseEStepExperiment,
  seeds: claimEntry('B3').constants.seeds,
  Training: EStepTraining,
  scales: {
    quick: { cells: [CELLS[0]], heads: [1, 4], steps: 300, patience: 8, selectionInstances: 1000, heldOutInstances: 8000 },
    default: { cells: CELLS, heads: [1, 2, 4, 8], steps: 1500, patience: 16, selectionInstances: 2000, heldOutInstances: 20_000 },
  },
  /** The E-step error ‖w_i − e_ẑ_i‖₁ lies in [0, 2]. */
  errorWidth: 2,
  constructionBound: b2MeanBoundOfInstance,
  text: {
    boundClaim: 'B2',
    plotError: 'E-step error',
    summaryError: 'E-step error',
    yLabel: 'mean ‖w_i − e_ẑ_i‖₁',
    errorNote:
      "Error (both sides): per instance, (1/n)·Σ_i ‖w_i − e_ẑ_i‖₁ with ẑ the hard E-step at the true centers; w_i is the layer's resp slot (a probability vector, so the error is in [0, 2]).",
    boundNote:
      'ε_construct: per instance, (1/n)·Σ_i min(2, 2(k−1)·exp(−β_cap·g_i/2)) (claim B2 at the cap), averaged over the same held-out instances; the hand-set head at β_cap lies in the trained class (its ‖W_Q W_Kᵀ‖₂ is the cap).',
    inputs: 'input centers are the true centers',
    loss: 'the error itself',
  },
};

export const check = trainedLayerCheck(claim);
