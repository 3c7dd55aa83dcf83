import { test } from '@fast-check/jest';
import type * as tf from '@tensorflow/tfjs';
import { bonferroni } from '../bounds/repetitions';
import { initBackend } from '../model/backend';
import type { EStepExperiment } from '../model/training/estep-experiment';
import type { MStepExperiment } from '../model/training/mstep-experiment';
import type { TrainedLayerClaim, TrainedLayerScale } from '../reports/claims/kit/trained-layer-claim';
import { type HeadsOutcome, measureTrainedLayers, planTrainedLayers } from '../reports/claims/kit/trained-layer-experiment';
import { Rng } from '../theory/rng';
import { type TrainedLayerCase, type TrainedLayerRanges, trainedLayerCaseArbitrary } from './arbitraries/trainedLayerCase';
import { useTemporaryCheckpointCache } from './temporary-checkpoint-cache';

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

/** A B3/C3 property: its claim, the drawn ranges, the budget, the cases and their failure probability. */
export interface TrainedLayerProperty<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer> {
  readonly claim: TrainedLayerClaim<Config, Batch>;
  /** The test's title: the claim id first and the failure probability in it. */
  readonly title: string;
  readonly ranges: TrainedLayerRanges;
  readonly budget: TrainedLayerBudget;
  readonly cases: number;
  /** Over all cases; each case's test gets its Bonferroni share, as the claim splits it over its grid. */
  readonly failureProbability: number;
}

/**
 * Declares, inside the caller's describe, the property over drawn cases: held-out error within
 * ε_construct plus slack, resolved. A case fails only on evidence; fast-check stops at the first
 * failing case (shrinking would retrain every candidate) and prints its seed and path.
 */
export function trainedLayerProperty<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer>(
  property: TrainedLayerProperty<Config, Batch>,
): void {
  useTemporaryCheckpointCache(`tvem-trained-${property.claim.id}-`);
  beforeAll(async () => {
    await initBackend();
  });
  const alpha = bonferroni(property.failureProbability, property.cases);
  test.prop([trainedLayerCaseArbitrary(property.ranges)], { numRuns: property.cases, endOnFailure: true })(
    property.title,
    async (c) => {
      const { comparison, seeds, constructionTestError } = await measureTrainedLayerCase(property.claim, c, property.budget, alpha);
      // On failure jest prints the whole object: the means, the slack and every seed's test error.
      expect({ ...comparison, constructionTestError, seedTestErrors: seeds.map((s) => s.testError) }).toEqual(
        expect.objectContaining({ exceeds: false, resolved: true }),
      );
    },
    240_000,
  );
}
