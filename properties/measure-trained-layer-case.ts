import type * as tf from '@tensorflow/tfjs';
import type { EStepExperiment } from '../model/training/estep-experiment';
import type { MStepExperiment } from '../model/training/mstep-experiment';
import type { TrainedLayerClaim, TrainedLayerScale } from '../reports/claims/kit/trained-layer-claim';
import { type HeadsOutcome, measureTrainedLayers, planTrainedLayers } from '../reports/claims/kit/trained-layer-experiment';
import { Rng } from '../theory/rng';
import type { TrainedLayerCase } from './arbitraries/trainedLayerCase';

/** A case's training budget and sample sizes: a trained-layer scale without its grid. */
export type TrainedLayerBudget = Omit<TrainedLayerScale, 'cells' | 'heads'>;

/** What a case measured: the chosen layer against ε_construct, and the construction's own test error. */
export interface TrainedLayerCaseOutcome extends HeadsOutcome {
  readonly constructionTestError: number;
}

/**
 * B3/C3 in miniature: the claim's own plan and measurement for one case (its seeds trained on
 * fresh instances, the best chosen on validation, then compared with ε_construct on disjoint test
 * instances, paired), with the case's test at failure probability `alpha` instead of the claim's
 * share over its grid. Checkpoints go to TVEM_CHECKPOINT_ROOT, which the caller points at a
 * temporary folder.
 */
export async function measureTrainedLayerCase<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  { heads, seed, ...cell }: TrainedLayerCase,
  budget: TrainedLayerBudget,
  alpha: number,
): Promise<TrainedLayerCaseOutcome> {
  const plan = planTrainedLayers(claim, { rng: new Rng(seed), scale: { ...budget, cells: [cell], heads: [heads] } });
  const run = await measureTrainedLayers(claim, { ...plan, alpha }, { tick: () => {} });
  const outcome = run.outcomes[0]!;
  return { ...outcome.heads[0]!, constructionTestError: outcome.constructionActual };
}
