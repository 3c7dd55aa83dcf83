import type * as tf from '@tensorflow/tfjs';
import { b2MeanBoundOfInstance } from '../../bounds/b2-estep-temperature';
import { c2MeanBoundOfInstance } from '../../bounds/c2-mstep-temperature';
import { claimEntry } from '../../bounds/registry';
import { writeFileAtomic } from '../../model/atomic-file';
import { initBackend } from '../../model/backend';
import { clusteringPreset } from '../../model/clustering/presets';
import { trainClusteringTransformer } from '../../model/clustering/pretrained-transformer';
import { ApproximationTraining, parseApproximationExperiment } from '../../model/training/approximation-experiment';
import { type CachedTrainingResult, trainWithCheckpoint } from '../../model/training/cached-training';
import { EStepTraining, parseEStepExperiment } from '../../model/training/estep-experiment';
import { sampleInstances } from '../../model/training/mixture-batches';
import { mixtureSpecOf } from '../../model/training/mixture-config';
import { MStepTraining, parseMStepExperiment } from '../../model/training/mstep-experiment';
import type { TrainingProblem } from '../../model/training/training-problem';
import { Rng } from '../../theory/rng';
import { mean } from '../../theory/sample-statistics';
import { claimProgress } from '../run/progress';
import type { TrainConfig, TrainTarget } from './train';

/** The summary `tvem train` prints (and writes to --out). */
export interface TrainSummary {
  readonly target: TrainTarget;
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

/** The stream of the seed that draws the held-out evaluation instances. */
const HELD_OUT_STREAM = 3;

type TargetConfig<T extends TrainTarget> = Extract<TrainConfig, { target: T }>;

/** What each target's training returns; the summary adds the cache's bookkeeping. */
interface Trained {
  readonly result: CachedTrainingResult;
  readonly config: unknown;
  readonly heldOut: Record<string, number>;
}

/** The cache options of trainWithCheckpoint / trainClusteringTransformer. */
interface CacheOptions {
  readonly checkpointRoot?: string;
  readonly retrain: boolean;
  readonly onProgress?: (p: { step: number; totalSteps: number }) => void;
}

/**
 * `tvem train`: trains one model (the E-step layer of claim B3, the M-step layer of claim C3, an
 * approximator of claim D2, or the clustering transformer of claim F3) with the shared loop,
 * reusing a valid cached checkpoint unless `retrain`; evaluates it on fresh held-out draws;
 * returns (and writes to `out`) a JSON summary. `config` comes from parseTrainOptions.
 */
export async function train(config: TrainConfig): Promise<TrainSummary> {
  const backend = await initBackend();
  const heads = config.target === 'transformer' ? undefined : config.heads;
  const bar = config.progress ? claimProgress(`train ${config.target}${heads === undefined ? '' : ` M=${heads}`}`) : undefined;
  const cache: CacheOptions = {
    ...(config.checkpointRoot ? { checkpointRoot: config.checkpointRoot } : {}),
    retrain: config.retrain,
    ...(bar ? { onProgress: (p: { step: number; totalSteps: number }) => bar.tick(p.step, p.totalSteps) } : {}),
  };
  let trained: Trained;
  try {
    trained =
      config.target === 'transformer'
        ? trainTransformer(config, cache)
        : config.target === 'approx'
          ? trainApproximator(config, cache)
          : trainMixtureLayer(config, cache);
  } finally {
    bar?.stop();
  }
  const { result } = trained;
  const summary: TrainSummary = {
    target: config.target,
    config: trained.config,
    source: result.source,
    ...(result.rejectedCheckpoint ? { rejectedCheckpoint: result.rejectedCheckpoint } : {}),
    checkpointDirectory: result.checkpointDirectory,
    configHash: result.configHash,
    backend,
    training: result.outcome,
    heldOut: trained.heldOut,
  };
  if (config.out) writeFileAtomic(config.out, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** Training steps unless --steps: 300 quick, else 2500 (approx) or 1500. */
function defaultSteps(config: TargetConfig<'estep' | 'mstep' | 'approx'>): number {
  return config.steps ?? (config.quick ? 300 : config.target === 'approx' ? 2500 : 1500);
}

function heldOutCount(config: TrainConfig): number {
  return config.quick ? 1000 : 5000;
}

/**
 * F3: the clustering-transformer preset at (seed, quick, k, init), pre-trained as claim F3 does (n
 * per batch in [minN, maxN]), so that with F3's seed and init it is F3's checkpoint; held out: its
 * best validation loss.
 */
function trainTransformer(config: TargetConfig<'transformer'>, cache: CacheOptions): Trained {
  const { minN, maxN } = claimEntry('F3').constants;
  const preset = clusteringPreset({
    runSeed: config.seed,
    quick: config.quick,
    k: config.k ?? 3,
    nRange: [minN, maxN],
    ...(config.init ? { init: config.init } : {}),
  });
  const experiment = config.steps === undefined ? preset : { ...preset, training: { ...preset.training, steps: config.steps } };
  const trained = trainClusteringTransformer(experiment, cache);
  trained.training.dispose();
  return {
    result: trained.cached,
    config: experiment,
    heldOut: { validationLoss: trained.cached.outcome.bestValidationLoss, instancesPerSecond: trained.instancesPerSecond },
  };
}

/** D2: an approximator of one nonlinear piece of the EM maps; held out: its errors on fresh points. */
function trainApproximator(config: TargetConfig<'approx'>, cache: CacheOptions): Trained {
  const experiment = parseApproximationExperiment({
    heads: config.heads,
    seed: config.seed,
    training: { steps: defaultSteps(config), learningRate: 0.02 },
    ...(config.function ? { target: config.function } : {}),
    ...(config.d === undefined ? {} : { d: config.d }),
  });
  const problem = new ApproximationTraining(experiment);
  try {
    const result = trainWithCheckpoint({
      kind: 'approx',
      config: experiment,
      seed: config.seed,
      problem,
      loop: experiment.training,
      ...cache,
    });
    const points = heldOutCount(config) * 4;
    const heldOut = { points, ...problem.heldOutErrors(points, new Rng(config.seed).split(HELD_OUT_STREAM)) };
    return { result, config: experiment, heldOut };
  } finally {
    problem.dispose();
  }
}

/** B3, C3: the E-step or M-step layer; held out: its mean error beside the construction's ε on fresh instances. */
function trainMixtureLayer(config: TargetConfig<'estep' | 'mstep'>, cache: CacheOptions): Trained {
  const input = {
    heads: config.heads,
    seed: config.seed,
    training: { steps: defaultSteps(config), learningRate: 0.05 },
    ...(config.k === undefined ? {} : { k: config.k }),
    ...(config.d === undefined ? {} : { d: config.d }),
    ...(config.n === undefined ? {} : { n: config.n }),
    ...(config.betaCap === undefined ? {} : { betaCap: config.betaCap }),
  };
  const experiment = config.target === 'estep' ? parseEStepExperiment(input) : parseMStepExperiment(input);
  const problem = config.target === 'estep' ? new EStepTraining(experiment) : new MStepTraining(experiment);
  try {
    const result = trainWithCheckpoint<tf.TensorContainer>({
      kind: config.target,
      config: experiment,
      seed: config.seed,
      problem: problem as TrainingProblem<tf.TensorContainer>,
      loop: experiment.training,
      ...cache,
    });
    const count = heldOutCount(config);
    const instances = sampleInstances(mixtureSpecOf(experiment), count, new Rng(config.seed).split(HELD_OUT_STREAM));
    const bound = config.target === 'estep' ? b2MeanBoundOfInstance : c2MeanBoundOfInstance;
    return {
      result,
      config: experiment,
      heldOut: {
        instances: count,
        error: mean(problem.heldOutErrors(instances)),
        epsConstruct: mean(instances.map((instance) => bound(instance, experiment.betaCap))),
      },
    };
  } finally {
    problem.dispose();
  }
}
