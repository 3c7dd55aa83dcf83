import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { b2MeanBoundOfInstance } from '../../bounds/b2-estep-temperature';
import { c2MeanBoundOfInstance } from '../../bounds/c2-mstep-temperature';
import { writeFileAtomic } from '../../model/atomic-file';
import { initBackend } from '../../model/backend';
import { TRANSFORMER_INITS } from '../../model/clustering/config';
import { clusteringPreset } from '../../model/clustering/presets';
import { trainClusteringTransformer } from '../../model/clustering/pretrained-transformer';
import { ApproximationTraining, parseApproximationExperiment } from '../../model/training/approximation-experiment';
import { APPROXIMATION_TARGETS } from '../../model/training/approximation-targets';
import { type CachedTrainingResult, trainWithCheckpoint } from '../../model/training/cached-training';
import { EStepTraining, parseEStepExperiment } from '../../model/training/estep-experiment';
import { sampleInstances } from '../../model/training/mixture-batches';
import { mixtureSpecOf } from '../../model/training/mixture-config';
import { MStepTraining, parseMStepExperiment } from '../../model/training/mstep-experiment';
import { parseConfig } from '../../model/training/parse-config';
import type { TrainingProblem } from '../../model/training/training-problem';
import { Rng } from '../../theory/rng';
import { mean } from '../../theory/sample-statistics';
import { InputError } from '../../theory/validate';
import { claimProgress } from '../run/progress';

/** Options of `tvem train`; unknown options are rejected. */
const trainOptionsSchema = z.strictObject({
  target: z.enum(['estep', 'mstep', 'approx', 'transformer']),
  /** Attention heads M (estep, mstep, approx; the transformer's architecture is the F3 preset). */
  heads: z.number().int().min(1).max(4096).optional(),
  seed: z.number().int().min(0).max(0xffffffff),
  retrain: z.boolean().default(false),
  /** Quick scale: fewer steps and held-out samples. */
  quick: z.boolean().default(false),
  /** Where to write the JSON summary (the checkpoint always goes to the cache). */
  out: z.string().min(1).optional(),
  /** The initialization the transformer is given (--target transformer). */
  init: z.enum(TRANSFORMER_INITS).optional(),
  /** The approximated function for --target approx. */
  function: z.enum(APPROXIMATION_TARGETS).optional(),
  /** Mixture size (estep, mstep) or input dimension (approx: d only). */
  k: z.number().int().optional(),
  d: z.number().int().optional(),
  n: z.number().int().optional(),
  /** Temperature cap β_cap (estep, mstep). */
  betaCap: z.number().optional(),
  /** Override of the training steps. */
  steps: z.number().int().optional(),
  /** Checkpoint cache folder; default .cache/checkpoints. */
  checkpointRoot: z.string().min(1).optional(),
  /** Show a progress bar (TTY) or progress lines on stderr. */
  progress: z.boolean().default(true),
});

export type TrainOptions = z.input<typeof trainOptionsSchema>;

/** The summary `tvem train` prints (and writes to --out). */
export interface TrainSummary {
  readonly target: 'estep' | 'mstep' | 'approx' | 'transformer';
  readonly config: unknown;
  readonly source: CachedTrainingResult['source'];
  readonly rejectedCheckpoint?: string;
  readonly checkpointDirectory: string;
  readonly configHash: string;
  readonly backend: string;
  readonly training: CachedTrainingResult['outcome'];
  /** Held-out evaluation on fresh draws from stream 3 of the seed. */
  readonly heldOut: Record<string, number>;
}

const HELD_OUT_STREAM = 3;

/**
 * `tvem train`: trains one model (the E-step layer of claim B3, the M-step layer of claim C3, or
 * an approximator of claim D2) with the shared loop, reusing a valid cached checkpoint unless
 * `retrain`; evaluates it on fresh held-out draws; returns (and writes to `out`) a JSON summary.
 */
export async function trainCommand(options: TrainOptions): Promise<TrainSummary> {
  const o = parseConfig(trainOptionsSchema, options, 'train options');
  const backend = await initBackend();
  const steps = o.steps ?? (o.quick ? 300 : o.target === 'approx' ? 2500 : 1500);
  const shared = { heads: o.heads, seed: o.seed, training: { steps, learningRate: o.target === 'approx' ? 0.02 : 0.05 } };
  const mixture = {
    ...(o.k === undefined ? {} : { k: o.k }),
    ...(o.d === undefined ? {} : { d: o.d }),
    ...(o.n === undefined ? {} : { n: o.n }),
    ...(o.betaCap === undefined ? {} : { betaCap: o.betaCap }),
  };
  if (o.target === 'approx' && (o.k !== undefined || o.n !== undefined || o.betaCap !== undefined)) {
    throw new InputError('train options: k, n and betaCap apply to --target estep|mstep only');
  }
  if (o.target !== 'approx' && o.function !== undefined) throw new InputError('train options: function applies to --target approx only');
  if (o.target === 'transformer' && (o.d !== undefined || o.n !== undefined || o.betaCap !== undefined)) {
    throw new InputError('train options: --target transformer trains the F3 preset (n = 32, d = 3); of the size options it takes k only');
  }
  if ((o.target === 'transformer') !== (o.heads === undefined)) {
    throw new InputError(
      o.target === 'transformer'
        ? 'train options: --heads does not apply to --target transformer (its architecture is the F3 preset)'
        : `train options: --heads is required for --target ${o.target}`,
    );
  }
  if (o.target !== 'transformer' && o.init !== undefined) throw new InputError('train options: init applies to --target transformer only');
  const heldOutRng = new Rng(o.seed).split(HELD_OUT_STREAM);
  const heldOutCount = o.quick ? 1000 : 5000;
  const bar = o.progress ? claimProgress(`train ${o.target}${o.heads === undefined ? '' : ` M=${o.heads}`}`) : undefined;
  const onProgress = bar ? (p: { step: number; totalSteps: number }) => bar.tick(p.step, p.totalSteps) : undefined;
  const cache = {
    ...(o.checkpointRoot ? { checkpointRoot: o.checkpointRoot } : {}),
    retrain: o.retrain,
    ...(onProgress ? { onProgress } : {}),
  };
  let result: CachedTrainingResult;
  let config: unknown;
  let heldOut: Record<string, number>;
  try {
    if (o.target === 'transformer') {
      const preset = clusteringPreset({ runSeed: o.seed, quick: o.quick, k: o.k ?? 3, ...(o.init ? { init: o.init } : {}) });
      const experiment = o.steps === undefined ? preset : { ...preset, training: { ...preset.training, steps: o.steps } };
      const trained = trainClusteringTransformer(experiment, cache);
      trained.training.dispose();
      result = trained.cached;
      heldOut = { validationLoss: trained.cached.outcome.bestValidationLoss, instancesPerSecond: trained.instancesPerSecond };
      config = experiment;
    } else if (o.target === 'approx') {
      const experiment = parseApproximationExperiment({
        ...shared,
        ...(o.function ? { target: o.function } : {}),
        ...(o.d === undefined ? {} : { d: o.d }),
      });
      const problem = new ApproximationTraining(experiment);
      try {
        result = trainWithCheckpoint({ kind: 'approx', config: experiment, seed: o.seed, problem, loop: experiment.training, ...cache });
        heldOut = { points: heldOutCount * 4, ...problem.heldOutErrors(heldOutCount * 4, heldOutRng) };
      } finally {
        problem.dispose();
      }
      config = experiment;
    } else {
      const experiment =
        o.target === 'estep' ? parseEStepExperiment({ ...shared, ...mixture }) : parseMStepExperiment({ ...shared, ...mixture });
      const problem = o.target === 'estep' ? new EStepTraining(experiment) : new MStepTraining(experiment);
      try {
        result = trainWithCheckpoint<tf.TensorContainer>({
          kind: o.target,
          config: experiment,
          seed: o.seed,
          problem: problem as TrainingProblem<tf.TensorContainer>,
          loop: experiment.training,
          ...cache,
        });
        const instances = sampleInstances(mixtureSpecOf(experiment), heldOutCount, heldOutRng);
        const bound = o.target === 'estep' ? b2MeanBoundOfInstance : c2MeanBoundOfInstance;
        heldOut = {
          instances: heldOutCount,
          error: mean(problem.heldOutErrors(instances)),
          epsConstruct: mean(instances.map((instance) => bound(instance, experiment.betaCap))),
        };
      } finally {
        problem.dispose();
      }
      config = experiment;
    }
  } finally {
    bar?.stop();
  }
  const summary: TrainSummary = {
    target: o.target,
    config,
    source: result.source,
    ...(result.rejectedCheckpoint ? { rejectedCheckpoint: result.rejectedCheckpoint } : {}),
    checkpointDirectory: result.checkpointDirectory,
    configHash: result.configHash,
    backend,
    training: result.outcome,
    heldOut,
  };
  if (o.out) writeFileAtomic(o.out, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
