import { c2MeanBoundOfInstance } from '../../bounds/c2-mstep-temperature';
import { claimEntry } from '../../bounds/registry';
import { type MStepBatch, type MStepExperiment, MStepTraining, parseMStepExperiment } from '../../model/training/mstep-experiment';
import { trainedLayerCheck } from './kit/trained-layer-check';
import type { LayerCell, TrainedLayerClaim } from './kit/trained-layer-claim';

/** C3's grid (k, d, n, Δ/σ, β_cap); the quick scale runs the first cell at M ∈ {1, 4} only. */
const CELLS: readonly [LayerCell, ...LayerCell[]] = [
  { k: 3, d: 2, n: 32, delta: 4, betaCap: 3 },
  { k: 4, d: 3, n: 48, delta: 5, betaCap: 2 },
];

/**
 * C3: trained M-step layers with M heads, their class capped on each head's ‖W_Q W_Kᵀ‖₂ at the
 * hand-set head's (β_cap); the best of `seeds` trainings, chosen on validation, against
 * ε_construct, C2's bound for the hand-set hard M-step head at the cap, on disjoint test
 * instances (paired per instance).
 */
export const claim: TrainedLayerClaim<MStepExperiment, MStepBatch> = {
  id: 'C3',
  kind: 'mstep',
  parseExperiment: parseMStepExperiment,
  seeds: claimEntry('C3').constants.seeds,
  Training: MStepTraining,
  scales: {
    quick: { cells: [CELLS[0]], heads: [1, 4], steps: 250, patience: 8, selectionInstances: 1000, heldOutInstances: 8000 },
    default: { cells: CELLS, heads: [1, 2, 4, 8], steps: 1500, patience: 16, selectionInstances: 2000, heldOutInstances: 20_000 },
  },
  /** The relative M-step error ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖ lies in [0, 1]. */
  errorWidth: 1,
  constructionBound: c2MeanBoundOfInstance,
  text: {
    boundClaim: 'C2',
    plotError: 'M-step error',
    summaryError: 'relative M-step error',
    yLabel: 'mean ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖',
    errorNote:
      "Error (both sides): per instance, (1/k)·Σ_a ‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖, with mean_a the mean of the points labelled a (true labels, one-hot in the resp slot) and out_a the layer's `next` slot (a convex combination of the points, so the error is in [0, 1]).",
    boundNote:
      'ε_construct: per instance, (1/k)·Σ_a (n − n_a)/(n_a·e^β_cap + n − n_a) (claim C2 at the cap, relative to max_i ‖X_i − mean_a‖), averaged over the same held-out instances; the hand-set head at β_cap lies in the trained class (its ‖W_Q W_Kᵀ‖₂ is the cap).',
    inputs: 'labels are the true labels',
    loss: 'the mean squared relative error',
  },
};

export const check = trainedLayerCheck(claim);
