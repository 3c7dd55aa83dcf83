import { c2MeanBoundOfInstance } from '../../bounds/c2-mstep-temperature';
import { MStepTraining, parseMStepExperiment } from '../../model/training/mstep-experiment';
import { trainedLayerCheck } from './kit/trained-layer-check';

/**
 * C3: trained M-step layers with M heads against ε_construct, C2's bound for the hand-set hard
 * M-step head at the same temperature cap, on fresh held-out instances (paired per instance).
 */
export const check = trainedLayerCheck({
  id: 'C3',
  kind: 'mstep',
  parseExperiment: parseMStepExperiment,
  Training: MStepTraining,
  cells: [
    { k: 3, d: 2, n: 32, delta: 4, betaCap: 3 },
    { k: 4, d: 3, n: 48, delta: 5, betaCap: 2 },
  ],
  steps: { quick: 400, full: 1500 },
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
      'ε_construct: per instance, (1/k)·Σ_a (n − n_a)/(n_a·e^β_cap + n − n_a) (claim C2 at the cap, relative to max_i ‖X_i − mean_a‖), averaged over the same held-out instances; the hand-set head at β_cap lies in the trained class (weight-norm caps = its norms).',
    inputs: 'labels are the true labels',
    loss: 'the mean squared relative error',
  },
});
