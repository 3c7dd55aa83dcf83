import { bonferroni } from '../../bounds/repetitions';
import { transformerInitCenters } from '../../model/clustering/clustering-task';
import type { ClusteringExperiment } from '../../model/clustering/config';
import { compareMethods, type EvaluationCase, type MethodErrors } from '../../model/clustering/method-comparison';
import { clusteringPreset } from '../../model/clustering/presets';
import type { TrainedClusteringTransformer } from '../../model/clustering/pretrained-transformer';
import { kmeansPlusPlus } from '../../theory/init';
import { type MixtureSpec, sampleInstance, type Variant } from '../../theory/mixture';
import type { Rng } from '../../theory/rng';
import { mean } from '../../theory/sample-statistics';
import { BAND_PERCENT, bandPoint } from './kit/bands';
import type { CheckContext, ClaimCheck, ClaimResult, ClaimScales, Plot } from './kit/claim-check';
import { describeConfig } from './kit/describe-config';
import { methodSeries } from './kit/method-series';
import { type PairedDifference, pairedDifference } from './kit/paired-difference';
import { checkpointNote, withPretrainedTransformers } from './kit/pretrained-transformers';
import { verdictOf } from './kit/verdict';

/** Family-wise failure probability of the trend verdict's paired comparisons (split over settings). */
const TREND_FAILURE_PROBABILITY = 0.05;
const K = 3;
const DELTA = 4;

interface G1Scale {
  readonly instancesPerSetting: number;
}

const SCALES: ClaimScales<G1Scale> = {
  quick: { instancesPerSetting: 300 },
  default: { instancesPerSetting: 1500 },
};

/** The two pre-trained transformers: with an initialization (F3's k = K model) or without one. */
type ModelKind = 'init' | 'none';

interface Setting {
  readonly name: string;
  /** The plot's axis label. */
  readonly short: string;
  readonly variant: Variant;
  /** Centroid tokens given to the transformer and centers to Lloyd/EM (k-means++); the true k is K. */
  readonly m: number;
  readonly model: ModelKind;
}

/** G1's beyond-assumption settings at k = K, Δ/σ = DELTA and the pre-training n. */
const SETTINGS: readonly Setting[] = [
  { name: 'isotropic (reference)', short: 'isotropic', variant: { kind: 'isotropic' }, m: K, model: 'init' },
  {
    name: 'anisotropic (λ ∈ [0.25, 2.25])',
    short: 'anisotropic',
    variant: { kind: 'anisotropic', lambdaMin: 0.25, lambdaMax: 2.25 },
    m: K,
    model: 'init',
  },
  { name: 'imbalanced (α = 0.1)', short: 'α = 0.1', variant: { kind: 'imbalanced', alpha: 0.1 }, m: K, model: 'init' },
  { name: 'heavy-tailed (t, ν = 3)', short: 't(ν = 3)', variant: { kind: 'heavy-tailed', nu: 3 }, m: K, model: 'init' },
  { name: 'no init', short: 'no init', variant: { kind: 'isotropic' }, m: K, model: 'none' },
  { name: 'wrong k (m = 2)', short: 'm = 2', variant: { kind: 'isotropic' }, m: 2, model: 'init' },
  { name: 'wrong k (m = 4)', short: 'm = 4', variant: { kind: 'isotropic' }, m: 4, model: 'init' },
];

interface G1Plan {
  readonly configs: { readonly [kind in ModelKind]: ClusteringExperiment };
  /** Failure probability of each setting's paired comparison. */
  readonly alpha: number;
}

interface SettingOutcome {
  readonly setting: Setting;
  readonly seed: number;
  /** Transformer given the k-means++ init Lloyd and EM start from (or no init for the no-init model). */
  readonly errors: MethodErrors;
  /** Transformer given perturbed truth (its pre-training init); only where m = k and the model takes an init. */
  readonly perturbedTruth?: number[];
}

interface G1Measurement {
  readonly backend: string;
  readonly models: { readonly [kind in ModelKind]: TrainedClusteringTransformer };
  readonly outcomes: readonly SettingOutcome[];
}

/** Per setting: transformer − Lloyd on the same instances and init. */
interface Comparison {
  readonly outcome: SettingOutcome;
  readonly gap: PairedDifference;
}

/** G1: the pre-trained transformers beyond their pre-training distribution, beside Lloyd (k-means++), EM and the oracle. */
export const check: ClaimCheck<G1Scale> = {
  id: 'G1',
  scales: SCALES,
  async run(context) {
    const started = Date.now();
    const planned = plan(context);
    const measured = await measure(planned, context);
    return present(planned, measured, judge(planned, measured), context, (Date.now() - started) / 1000);
  },
};

function plan({ seed, quick }: CheckContext<G1Scale>): G1Plan {
  return {
    configs: {
      init: clusteringPreset({ runSeed: seed, quick, k: K }),
      none: clusteringPreset({ runSeed: seed, quick, k: K, init: 'none' }),
    },
    alpha: bonferroni(TREND_FAILURE_PROBABILITY, SETTINGS.length),
  };
}

function specOf(config: ClusteringExperiment, setting: Setting): MixtureSpec {
  return {
    k: K,
    d: config.d,
    n: config.n,
    delta: DELTA * config.sigma,
    sigma: config.sigma,
    layout: config.layout,
    variant: setting.variant,
  };
}

/** `count` instances of the setting, each with a k-means++ init of m centers for every method; and perturbed truth where the model takes it. */
function settingCases(model: TrainedClusteringTransformer, setting: Setting, count: number, rng: Rng) {
  const config = model.training.config;
  const cases: EvaluationCase[] = [];
  const truthCases: EvaluationCase[] = [];
  for (let j = 0; j < count; j++) {
    const r = rng.split(j);
    const instance = sampleInstance(specOf(config, setting), r);
    const baselineInit = kmeansPlusPlus(instance.points, setting.m, r);
    cases.push(setting.model === 'none' ? { instance, baselineInit } : { instance, transformerInit: baselineInit, baselineInit });
    if (setting.model === 'init' && setting.m === K) {
      const truth = transformerInitCenters('perturbed-truth', instance, config.lambda0, r)!;
      truthCases.push({ instance, transformerInit: truth, baselineInit });
    }
  }
  return { cases, truthCases };
}

async function measure(planned: G1Plan, { rng, scale, progress }: CheckContext<G1Scale>): Promise<G1Measurement> {
  const count = scale.instancesPerSetting;
  const { backend, models, measured } = await withPretrainedTransformers(
    [planned.configs.init, planned.configs.none],
    progress,
    SETTINGS.length * count,
    ([init, none], evaluated) =>
      SETTINGS.map((setting, s): SettingOutcome => {
        const model = setting.model === 'init' ? init! : none!;
        const settingRng = rng.split(s);
        const { cases, truthCases } = settingCases(model, setting, count, settingRng);
        const errors = compareMethods(model.training.model, cases);
        const perturbedTruth = truthCases.length > 0 ? compareMethods(model.training.model, truthCases).transformer : undefined;
        evaluated(count);
        return { setting, seed: settingRng.seed, errors, ...(perturbedTruth ? { perturbedTruth } : {}) };
      }),
  );
  return { backend, models: { init: models[0]!, none: models[1]! }, outcomes: measured };
}

/** Per setting, the transformer against Lloyd from the same k-means++ init, paired per instance. */
function judge(planned: G1Plan, measured: G1Measurement): Comparison[] {
  return measured.outcomes.map((outcome) => ({
    outcome,
    gap: pairedDifference(outcome.errors.transformer, outcome.errors.lloyd, planned.alpha),
  }));
}

/** The numbers' name of a setting, e.g. 'wrong-k-m2'. */
function tagOf(setting: Setting): string {
  return setting.name.split(' (')[0]!.replace(/\s+/g, '-') + (setting.m !== K ? `-m${setting.m}` : '');
}

/** Trend verdict: violated when in some setting the transformer (same k-means++ init as Lloyd) is significantly worse than Lloyd. */
function present(
  planned: G1Plan,
  measured: G1Measurement,
  comparisons: readonly Comparison[],
  context: CheckContext<G1Scale>,
  seconds: number,
): ClaimResult {
  const worse = comparisons.filter((c) => c.gap.above);
  const n = planned.configs.init.n;
  const rates = (o: SettingOutcome) => [o.errors.transformer, o.errors.lloyd, o.errors.em, o.errors.oracle].map((e) => mean(e).toFixed(3));
  return {
    id: 'G1',
    verdict: verdictOf({ violations: worse.length, unresolved: 0 }),
    summary: `mean mislabel rate transformer / Lloyd (k-means++) / EM / oracle: ${comparisons.map((c) => `${c.outcome.setting.name} ${rates(c.outcome).join('/')}`).join('; ')}`,
    numbers: g1Numbers(planned, measured, comparisons, context.scale, seconds),
    samples: SETTINGS.length * context.scale.instancesPerSetting,
    failureProbability: TREND_FAILURE_PROBABILITY,
    ...(worse.length > 0
      ? {
          counterexample: {
            setting: worse[0]!.outcome.setting.name,
            variant: worse[0]!.outcome.setting.variant,
            m: worse[0]!.outcome.setting.m,
            k: K,
            delta: DELTA,
            n,
            evaluationSeed: worse[0]!.outcome.seed,
            transformerMinusLloyd: worse[0]!.gap.mean,
            slack: worse[0]!.gap.slack,
          },
        }
      : {}),
    plots: [settingsPlot(measured.outcomes, n)],
    notes: g1Notes(planned, measured, comparisons, context),
  };
}

function g1Numbers(
  planned: G1Plan,
  measured: G1Measurement,
  comparisons: readonly Comparison[],
  scale: G1Scale,
  seconds: number,
): Record<string, number | string> {
  const numbers: Record<string, number | string> = {
    backend: measured.backend,
    instancesPerSetting: scale.instancesPerSetting,
    k: K,
    deltaOverSigma: DELTA,
    n: planned.configs.init.n,
    seconds,
  };
  for (const [kind, m] of Object.entries(measured.models)) {
    numbers[`${kind}Model_trainingInstancesPerSecond`] = m.instancesPerSecond;
    numbers[`${kind}Model_stepsRun`] = m.cached.outcome.stepsRun;
  }
  for (const { outcome: o, gap } of comparisons) {
    const tag = tagOf(o.setting);
    numbers[`${tag}_transformer`] = mean(o.errors.transformer);
    if (o.perturbedTruth) numbers[`${tag}_transformerPerturbedTruth`] = mean(o.perturbedTruth);
    numbers[`${tag}_lloyd`] = mean(o.errors.lloyd);
    numbers[`${tag}_em`] = mean(o.errors.em);
    numbers[`${tag}_oracle`] = mean(o.errors.oracle);
    numbers[`${tag}_transformerMinusLloyd`] = gap.mean;
  }
  return numbers;
}

function g1Notes(
  planned: G1Plan,
  measured: G1Measurement,
  comparisons: readonly Comparison[],
  { seed, quick, scale }: CheckContext<G1Scale>,
): string[] {
  const { init, none } = planned.configs;
  const names = (which: 'above' | 'below') =>
    comparisons
      .filter((c) => c.gap[which])
      .map((c) => c.outcome.setting.name)
      .join(', ') || 'none';
  const defaultSteps = clusteringPreset({ runSeed: seed, quick: false, k: K }).training.steps;
  return [
    `Trend verdict: violated when, in some setting, the transformer given the same k-means++ init as Lloyd is worse than Lloyd by more than the paired slack (min(Hoeffding, empirical Bernstein) on per-instance differences at ${planned.alpha.toExponential(2)} per setting, a Bonferroni share of ${TREND_FAILURE_PROBABILITY}); a trend, not a hard test. Settings where it is worse: ${names('above')}; significantly better: ${names('below')}.`,
    `Instances: k = ${K}, Δ/σ = ${DELTA}, n = ${init.n}, d = ${init.d}, simplex centers, ${scale.instancesPerSetting} per setting; Lloyd (to its fixed point) and EM (shared σ²) start from k-means++ with m centers; the oracle uses the true k and centers; mislabel rates over max(k, m) labels.`,
    `Same trained models: every setting with an init uses F3's k = ${K} transformer (pre-trained on isotropic, balanced Gaussian mixtures with a perturbed-truth init, Λ_0 = ${init.lambda0}); it is shown with the k-means++ init (the comparison with Lloyd) and, where m = k, with its pre-training init (perturbed truth). Its read-out points at centroid tokens, so m ≠ k needs no new model. Not the same model: 'no init' uses a transformer pre-trained without an initialization (k slot tokens, permutation-minimising loss): ${describeConfig(none)}.`,
    checkpointNote('with-init model', measured.models.init, measured.backend, { seed: true }),
    checkpointNote('no-init model', measured.models.none, measured.backend, { seed: true }),
    ...(quick
      ? [
          `Quick scale: ${scale.instancesPerSetting} instances per setting instead of ${SCALES.default.instancesPerSetting}; pre-training ${init.training.steps} steps instead of ${defaultSteps}.`,
        ]
      : []),
  ];
}

const K_MEANS_PLUS_PLUS_NAMES = {
  transformer: 'transformer (k-means++ init; no init in the no-init setting)',
  lloyd: 'Lloyd (k-means++)',
  em: 'EM (k-means++)',
  oracle: 'oracle',
} as const;

/** Settings 1, 2, … on the x axis; rates over max(k, m) labels lie in [0, 1]. */
function settingsPlot(outcomes: readonly SettingOutcome[], n: number): Plot {
  const [transformer, ...baselines] = methodSeries(
    outcomes.map((o, s) => ({ x: s + 1, errors: o.errors, range: 1 })),
    K_MEANS_PLUS_PLUS_NAMES,
  );
  const perturbedTruth = {
    name: 'transformer (perturbed truth, its pre-training init)',
    role: 'measured' as const,
    points: outcomes.flatMap((o, s) => (o.perturbedTruth ? [bandPoint(s + 1, o.perturbedTruth, 1)] : [])),
  };
  return {
    title: `G1: mislabel rate beyond the assumptions (k = ${K}, Δ/σ = ${DELTA}, n = ${n}; ${BAND_PERCENT}% bands)`,
    xLabel: `setting: ${outcomes.map((o, s) => `${s + 1} ${o.setting.short}`).join(', ')}`,
    yLabel: 'mean mislabel rate',
    series: [transformer!, perturbedTruth, ...baselines],
  };
}
