import { b2MeanBoundOfInstance } from '../../bounds/b2-estep-temperature';
import { EStepTraining, parseEStepExperiment } from '../../model/training/estep-experiment';
import { trainedLayerCheck } from './kit/trained-layer-check';

/**
 * B3: trained E-step layers with M heads against ε_construct, B2's bound for the hand-set head at
 * the same temperature cap, on fresh held-out instances (paired per instance).
 */
export const check = trainedLayerCheck({
  id: 'B3',
  kind: 'estep',
  parseExperiment: parseEStepExperiment,
  Training: EStepTraining,
  cells: [
    { k: 3, d: 2, n: 32, delta: 4, betaCap: 2 },
    { k: 4, d: 3, n: 48, delta: 5, betaCap: 1.5 },
  ],
  steps: { quick: 500, full: 1500 },
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
      'ε_construct: per instance, (1/n)·Σ_i min(2, 2(k−1)·exp(−β_cap·g_i/2)) (claim B2 at the cap), averaged over the same held-out instances; the hand-set head at β_cap lies in the trained class (weight-norm caps = its norms).',
    inputs: 'input centers are the true centers',
    loss: 'the error itself',
  },
});
