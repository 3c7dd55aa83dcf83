import type * as tf from '@tensorflow/tfjs';
import { bonferroni } from '../../../bounds/repetitions';
import { type ConstructionComparison, compareWithConstruction, meanSlack } from '../../../bounds/training-slack';
import { initBackend } from '../../../model/backend';
import { trainWithCheckpoint } from '../../../model/training/cached-training';
import type { EStepExperiment } from '../../../model/training/estep-experiment';
import { sampleInstances } from '../../../model/training/mixture-batches';
import { mixtureSpecOf } from '../../../model/training/mixture-config';
import type { MStepExperiment } from '../../../model/training/mstep-experiment';
import type { Instance } from '../../../theory/mixture';
import type { Rng } from '../../../theory/rng';
import { mean } from '../../../theory/sample-statistics';
import { BAND_ALPHA } from './bands';
import { withCheckpointLabel } from './checkpoint-label';
import type { CheckContext } from './claim-check';
import type { LayerCell, TrainedLayerClaim, TrainedLayerProblem, TrainedLayerScale } from './trained-layer-claim';
import { TrainingStepProgress } from './trained-step-progress';
import { timeTraining } from './training-time';

/** CLAIMS.md §4: probability that a trained-layer check reports `violated` although the claim holds (split over the tests). */
export const FAILURE_PROBABILITY = 1e-3;
/** Random streams (B3, C3): stream LAYER_STREAMS_PER_CELL·c + M, split r, seeds seed r of the layer of cell c with M heads. */
const LAYER_STREAMS_PER_CELL = 100;
/** Random streams (B3, C3): stream HELD_OUT_STREAM + c draws the test instances of cell c. */
const HELD_OUT_STREAM = 1000;
/** Random streams (B3, C3): stream SELECTION_STREAM + c draws the validation instances of cell c (the seed choice). */
const SELECTION_STREAM = 2000;

type LayerConfig = EStepExperiment | MStepExperiment;

/** The plan of a trained-layer check, fixed before any data: configs per cell, M and seed, and the test level. */
export interface TrainedLayerPlan<Config extends LayerConfig> {
  /** The failure probability of each (cell, M) test: FAILURE_PROBABILITY over cells × head counts. */
  readonly alpha: number;
  readonly cells: readonly LayerCell[];
  /** configs[c][m][r]: cell c, head count scale.heads[m], seed r. */
  readonly configs: readonly (readonly (readonly Config[])[])[];
  readonly selectionRng: (c: number) => Rng;
  readonly testRng: (c: number) => Rng;
  readonly scale: TrainedLayerScale;
}

/** One seeded training of one (cell, M). */
export interface SeedOutcome {
  readonly seed: number;
  readonly source: string;
  readonly stepsRun: number;
  readonly configHash: string;
  readonly rejectedCheckpoint?: string;
  /** Mean error on the validation (selection) set. */
  readonly validationError: number;
  /** Mean error on the test set (reported; never used for the choice). */
  readonly testError: number;
  /** The largest effective ‖W_Q W_Kᵀ‖₂ over the layer's heads. */
  readonly maxNorm: number;
}

export interface HeadsOutcome {
  readonly heads: number;
  readonly seeds: readonly SeedOutcome[];
  /** Index of the seed chosen on validation. */
  readonly chosen: number;
  /** The chosen layer against ε_construct on the test set (paired per instance). */
  readonly comparison: ConstructionComparison;
  /** 95% band of the chosen layer's mean test error. */
  readonly band: number;
  /** Mean paired test difference chosen − construction (measured), and its 95% band. */
  readonly gap: number;
  readonly gapBand: number;
}

export interface CellOutcome {
  readonly cell: LayerCell;
  readonly heldOut: number;
  readonly selection: number;
  /** The cap on ‖W_Q W_Kᵀ‖₂ (the construction's, = β_cap). */
  readonly cap: number;
  /** The construction's own measured mean test error. */
  readonly constructionActual: number;
  readonly heads: HeadsOutcome[];
}

/** The measurements of a trained-layer check: per cell, the hand-set head and the chosen trained layers. */
export interface TrainedLayerRun {
  readonly backend: string;
  readonly alpha: number;
  readonly seeds: number;
  readonly outcomes: CellOutcome[];
  /** The training configs actually used, per cell, M and seed (for the report's text). */
  readonly configs: readonly LayerConfig[];
}

/** Plans the trainings (cells × M × seeds) and the validation and test streams, from the claim's stream only. */
export function planTrainedLayers<Config extends LayerConfig, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  { rng, scale }: Pick<CheckContext<TrainedLayerScale>, 'rng' | 'scale'>,
): TrainedLayerPlan<Config> {
  const configs = scale.cells.map((cell, c) =>
    scale.heads.map((heads) =>
      Array.from({ length: claim.seeds }, (_, r) =>
        experiment(claim, scale, cell, heads, rng.split(LAYER_STREAMS_PER_CELL * c + heads).split(r).seed),
      ),
    ),
  );
  return {
    alpha: bonferroni(FAILURE_PROBABILITY, scale.cells.length * scale.heads.length),
    cells: scale.cells,
    configs,
    selectionRng: (c) => rng.split(SELECTION_STREAM + c),
    testRng: (c) => rng.split(HELD_OUT_STREAM + c),
    scale,
  };
}

/**
 * Trains (or loads from the checkpoint cache) every planned layer, chooses per (cell, M) the seed
 * with the least validation error, and measures every seed and the construction on the test set.
 */
export async function measureTrainedLayers<Config extends LayerConfig, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  plan: TrainedLayerPlan<Config>,
  progress: CheckContext['progress'],
): Promise<TrainedLayerRun> {
  const backend = await initBackend();
  const all = plan.configs.flat(2);
  const steps = new TrainingStepProgress(
    progress,
    all.reduce((s, e) => s + e.training.steps, 0),
  );
  const outcomes = plan.cells.map((cell, c) => {
    const spec = mixtureSpecOf(plan.configs[c]![0]![0]!);
    const selection = sampleInstances(spec, plan.scale.selectionInstances, plan.selectionRng(c));
    const test = sampleInstances(spec, plan.scale.heldOutInstances, plan.testRng(c));
    return measureCell(claim, cell, plan.configs[c]!, { selection, test }, plan.alpha, steps);
  });
  return { backend, alpha: plan.alpha, seeds: claim.seeds, outcomes, configs: all };
}

function experiment<Config extends LayerConfig, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  scale: TrainedLayerScale,
  cell: LayerCell,
  heads: number,
  seed: number,
): Config {
  return claim.parseExperiment({
    ...cell,
    sigma: 1,
    layout: 'random',
    heads,
    seed,
    training: { steps: scale.steps, learningRate: 0.05, warmupSteps: 20, evalEvery: 25, patience: scale.patience },
  });
}

interface CellInstances {
  readonly selection: readonly Instance[];
  readonly test: readonly Instance[];
}

/** One cell: the construction's measured test errors, then per M the seeds, the choice and its test. */
function measureCell<Config extends LayerConfig, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  cell: LayerCell,
  configs: readonly (readonly Config[])[],
  instances: CellInstances,
  alpha: number,
  steps: TrainingStepProgress,
): CellOutcome {
  const bounds = instances.test.map((instance) => claim.constructionBound(instance, cell.betaCap));
  const construction = new claim.Training({ ...configs[0]![0]!, heads: 1 });
  construction.layer.setToConstruction();
  const constructionErrors = Array.from(construction.heldOutErrors(instances.test));
  const cap = construction.layer.cap;
  construction.dispose();
  const heads = configs.map((seeds) => {
    const trained = seeds.map((config) => measureSeed(claim, config, instances, steps));
    const chosen = trained.reduce((best, t, r) => (t.outcome.validationError < trained[best]!.outcome.validationError ? r : best), 0);
    const errors = trained[chosen]!.testErrors;
    const gap = meanSlack(
      errors.map((e, j) => e - constructionErrors[j]!),
      BAND_ALPHA / 2,
      2 * claim.errorWidth,
    );
    return {
      heads: seeds[0]!.heads,
      seeds: trained.map((t) => t.outcome),
      chosen,
      comparison: compareWithConstruction(errors, bounds, claim.errorWidth, alpha),
      band: meanSlack(errors, BAND_ALPHA / 2, claim.errorWidth).slack,
      gap: gap.mean,
      gapBand: gap.slack,
    };
  });
  return {
    cell,
    heldOut: instances.test.length,
    selection: instances.selection.length,
    cap,
    constructionActual: mean(constructionErrors),
    heads,
  };
}

/**
 * Trains (or loads) one seeded layer; its validation error (for the choice) and its test errors
 * (reported). Setting up the training problem and training or loading count as training time.
 */
function measureSeed<Config extends LayerConfig, Batch extends tf.TensorContainer>(
  claim: TrainedLayerClaim<Config, Batch>,
  config: Config,
  instances: CellInstances,
  steps: TrainingStepProgress,
): { outcome: SeedOutcome; testErrors: number[] } {
  const problem: TrainedLayerProblem<Batch> = timeTraining(() =>
    claim.makeTrained ? claim.makeTrained(config) : new claim.Training(config),
  );
  try {
    const trained = timeTraining(() =>
      trainWithCheckpoint({
        kind: claim.kind,
        config,
        seed: config.seed,
        problem,
        loop: config.training,
        onProgress: (p) => steps.at(p.step),
      }),
    );
    steps.finished(config.training.steps);
    const testErrors = Array.from(problem.heldOutErrors(instances.test));
    const outcome: SeedOutcome = {
      seed: config.seed,
      source: trained.source,
      stepsRun: trained.outcome.stepsRun,
      configHash: trained.configHash.slice(0, 24),
      ...(trained.rejectedCheckpoint
        ? { rejectedCheckpoint: withCheckpointLabel(trained.rejectedCheckpoint, trained.checkpointDirectory) }
        : {}),
      validationError: mean(problem.heldOutErrors(instances.selection)),
      testError: mean(testErrors),
      maxNorm: Math.max(...problem.layer.effectiveNorms()),
    };
    return { outcome, testErrors };
  } finally {
    problem.dispose();
  }
}
