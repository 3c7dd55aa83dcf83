import type * as tf from '@tensorflow/tfjs';
import { bonferroni } from '../../../bounds/repetitions';
import { type ConstructionComparison, compareWithConstruction, meanSlack } from '../../../bounds/training-slack';
import { initBackend } from '../../../model/backend';
import { trainWithCheckpoint } from '../../../model/training/cached-training';
import type { EStepExperiment } from '../../../model/training/estep-experiment';
import { sampleInstances } from '../../../model/training/mixture-batches';
import { mixtureSpecOf } from '../../../model/training/mixture-config';
import type { MStepExperiment } from '../../../model/training/mstep-experiment';
import { mean } from '../../../theory/sample-statistics';
import type { CheckContext } from './claim-check';
import type { LayerCell, TrainedLayerClaim } from './trained-layer-claim';

/** CLAIMS.md §4: probability that a trained-layer check reports `violated` although the claim holds (split over the tests). */
export const FAILURE_PROBABILITY = 1e-3;
/** Pointwise miscoverage of the plotted bands (two-sided). */
const BAND_ALPHA = 0.05;
const HEADS = [1, 2, 4, 8] as const;

export interface HeadsOutcome {
  readonly heads: number;
  readonly comparison: ConstructionComparison;
  readonly band: number;
  readonly source: string;
  readonly stepsRun: number;
  readonly configHash: string;
  readonly seed: number;
  readonly rejectedCheckpoint?: string;
}

export interface CellOutcome {
  readonly cell: LayerCell;
  readonly heldOut: number;
  readonly constructionActual: number;
  readonly heads: HeadsOutcome[];
}

/** The measurements of a trained-layer check: per cell, the hand-set head and the trained layers. */
export interface TrainedLayerRun {
  readonly backend: string;
  /** The failure probability of each (cell, M) test. */
  readonly alpha: number;
  readonly heldOut: number;
  readonly outcomes: CellOutcome[];
  /** The training configs actually used, per cell and M (for the report's text). */
  readonly configs: readonly (EStepExperiment | MStepExperiment)[];
}

/**
 * Trains (or loads from the checkpoint cache) one layer per cell and head count M, and compares
 * each with ε_construct on the cell's held-out instances. Streams of `rng`: split(16c + M) seeds
 * cell c's layer with M heads, split(1000 + c) draws cell c's held-out instances.
 */
export async function runTrainedLayers<Config extends EStepExperiment | MStepExperiment, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  { rng, quick, progress }: CheckContext,
): Promise<TrainedLayerRun> {
  const backend = await initBackend();
  const grid = quick ? [claim.cells[0]] : claim.cells;
  const heldOut = quick ? 8000 : 20_000;
  const alpha = bonferroni(FAILURE_PROBABILITY, grid.length * HEADS.length);
  const experiment = (cell: LayerCell, heads: number, seed: number): Config =>
    claim.parseExperiment({
      ...cell,
      sigma: 1,
      layout: 'random',
      heads,
      seed,
      training: {
        steps: quick ? claim.steps.quick : claim.steps.full,
        learningRate: 0.05,
        warmupSteps: 20,
        evalEvery: 25,
        patience: quick ? 8 : 16,
      },
    });
  const configs = grid.map((cell, c) => HEADS.map((heads) => experiment(cell, heads, rng.split(16 * c + heads).seed)));
  const totalSteps = configs.flat().reduce((s, e) => s + e.training.steps, 0);
  let stepsBefore = 0;
  const outcomes: CellOutcome[] = [];
  for (const [c, cell] of grid.entries()) {
    const first = configs[c]![0]!;
    const instances = sampleInstances(mixtureSpecOf(first), heldOut, rng.split(1000 + c));
    const bounds = instances.map((instance) => claim.constructionBound(instance, cell.betaCap));
    const construction = new claim.Training({ ...first, heads: 1 });
    construction.layer.setToConstruction();
    const constructionActual = mean(construction.heldOutErrors(instances));
    construction.dispose();
    const heads: HeadsOutcome[] = [];
    for (const config of configs[c]!) {
      const problem = new claim.Training(config);
      try {
        const trained = trainWithCheckpoint({
          kind: claim.kind,
          config,
          seed: config.seed,
          problem,
          loop: config.training,
          onProgress: (p) => progress.tick(stepsBefore + p.step, totalSteps),
        });
        stepsBefore += config.training.steps;
        progress.tick(stepsBefore, totalSteps);
        const errors = Array.from(problem.heldOutErrors(instances));
        heads.push({
          heads: config.heads,
          comparison: compareWithConstruction(errors, bounds, claim.errorWidth, alpha),
          band: meanSlack(errors, BAND_ALPHA / 2, claim.errorWidth).slack,
          source: trained.source,
          stepsRun: trained.outcome.stepsRun,
          configHash: trained.configHash.slice(0, 24),
          seed: config.seed,
          ...(trained.rejectedCheckpoint ? { rejectedCheckpoint: trained.rejectedCheckpoint } : {}),
        });
      } finally {
        problem.dispose();
      }
    }
    outcomes.push({ cell, heldOut, constructionActual, heads });
  }
  return { backend, alpha, heldOut, outcomes, configs: configs.flat() };
}
