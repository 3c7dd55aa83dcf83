import { type BootstrapSlope, pairedMeansLogLogSlope } from '../../bounds/bootstrap-slope';
import { claimEntry } from '../../bounds/registry';
import { samplePretrainingTask } from '../../model/clustering/clustering-task';
import type { ClusteringExperiment } from '../../model/clustering/config';
import { compareMethods, type EvaluationCase, type MethodErrors } from '../../model/clustering/method-comparison';
import { clusteringPreset } from '../../model/clustering/presets';
import type { TrainedClusteringTransformer } from '../../model/clustering/pretrained-transformer';
import type { ClusteringTransformer } from '../../model/clustering/transformer';
import type { Rng } from '../../theory/rng';
import { mean } from '../../theory/sample-statistics';
import { BAND_PERCENT, bandPoint } from './kit/bands';
import {
  type CheckContext,
  type ClaimCheck,
  type ClaimResult,
  type ClaimScales,
  type Headline,
  type Plot,
  scaleName,
} from './kit/claim-check';
import { describeConfig } from './kit/describe-config';
import { headline, shown } from './kit/headline';
import { pairedDifferencePoint, pairedDifferenceSeries } from './kit/paired-difference-series';
import { type PairedStep, type PairedTrend, pairedTrend } from './kit/paired-trend';
import { checkpointNote, withPretrainedTransformers } from './kit/pretrained-transformers';
import { curve } from './kit/rate-series';
import { verdictOf } from './kit/verdict';

const CONSTANTS = claimEntry('F4').constants;
const K = CONSTANTS.k;
/** A per-instance difference of two mislabel rates over K labels lies in [−r, r], r = 1 − 1/K: width 2r. */
const DIFFERENCE_RANGE = 2 * (1 - 1 / K);
/** Random streams of the claim's rng: the held-out instances, and the bootstrap of the slope. */
const EVALUATION_STREAM = 0;
const BOOTSTRAP_STREAM = 1;

interface F4Scale {
  /** The finite N of the series (N = ∞ is always added): the N-set depends on the scale only. */
  readonly pretrainingSizes: readonly number[];
  readonly heldOutInstances: number;
  /** Overrides the preset's training steps (negative controls at a tiny scale only; absent in a run). */
  readonly trainingSteps?: number;
}

const SCALES: ClaimScales<F4Scale> = {
  quick: { pretrainingSizes: [64, 512], heldOutInstances: 1200 },
  default: { pretrainingSizes: [64, 256, 1024, 4096, 16_384, 65_536], heldOutInstances: 3000 },
};

/**
 * What F4 measures a model by: every method's per-instance errors on the held-out cases. `rank`
 * is the model's place in increasing N (N = ∞ last) among `models`. The claim's subject is
 * compareMethods on the cases as sampled; a negative control breaks it (negative-controls-d2-f4).
 */
export type F4Subject = (model: ClusteringTransformer, cases: readonly EvaluationCase[], rank: number, models: number) => MethodErrors;

const evaluateAsSampled: F4Subject = (model, cases) => compareMethods(model, cases);

interface F4Plan {
  /** N = ∞ (F3's streamed k = K model) first, then the finite N of the scale; all else equal. */
  readonly configs: readonly ClusteringExperiment[];
  readonly streamed: ClusteringExperiment;
}

/** One N: the model pre-trained on N distinct instances (null: a fresh stream) and every method's errors on the held-out instances. */
interface Point {
  readonly pretrainingInstances: number | null;
  readonly errors: MethodErrors;
  readonly model: TrainedClusteringTransformer;
}

interface F4Measurement {
  readonly backend: string;
  /** N = ∞ first, then the finite N in increasing order. */
  readonly points: readonly Point[];
  readonly evaluationSeed: number;
}

interface F4Judgement {
  /** The mean oracle error on the held-out instances (the same instances for every N). */
  readonly oracle: number;
  /** The finite N in increasing order. */
  readonly finite: readonly Point[];
  /** The compared points in increasing N, N = ∞ last. */
  readonly ordered: readonly Point[];
  readonly trend: PairedTrend<Point>;
  /** Log-log slope of the paired excess (transformer − oracle) against every finite N, with its bootstrap interval. */
  readonly slope: BootstrapSlope;
  readonly violations: number;
}

/**
 * F4: error against the number N of distinct pre-training instances (powers of 2, then N = ∞,
 * F3's streamed model), all else equal (same seed, steps, architecture), on the same held-out
 * instances for every N, so every comparison is paired (kit/paired-trend.ts). Every N of the
 * scale's set is trained (or loaded): the N-set, hence the verdict, depends on the seed and scale only.
 */
export function f4Check(subject: F4Subject = evaluateAsSampled): ClaimCheck<F4Scale> {
  return {
    id: 'F4',
    scales: SCALES,
    async run(context) {
      const started = Date.now();
      const planned = plan(context);
      const measured = await measure(planned, subject, context);
      const judged = judge(measured, context.rng.split(BOOTSTRAP_STREAM));
      return present(planned, measured, judged, context, (Date.now() - started) / 1000);
    },
  };
}

export const check = f4Check();

function plan({ seed, quick, scale }: CheckContext<F4Scale>): F4Plan {
  const configs = [null, ...scale.pretrainingSizes].map((size) => {
    const preset = clusteringPreset({ runSeed: seed, quick, k: K, pretrainingInstances: size });
    return scale.trainingSteps === undefined ? preset : { ...preset, training: { ...preset.training, steps: scale.trainingSteps } };
  });
  return { configs, streamed: configs[0]! };
}

/** Every model on the same held-out instances from the pre-training distribution, with their own perturbed-truth inits. */
async function measure(planned: F4Plan, subject: F4Subject, { rng, scale, progress }: CheckContext<F4Scale>): Promise<F4Measurement> {
  const evaluationRng = rng.split(EVALUATION_STREAM);
  const cases: EvaluationCase[] = Array.from({ length: scale.heldOutInstances }, (_, j) => {
    const task = samplePretrainingTask(planned.streamed, evaluationRng.split(j));
    return { instance: task.instance, transformerInit: task.init!, baselineInit: task.init! };
  });
  const count = planned.configs.length;
  const { backend, models, measured } = await withPretrainedTransformers(
    planned.configs,
    progress,
    count * cases.length,
    (models, evaluated) =>
      models.map((model, i) => {
        // rank in increasing N: the finite N (configs 1…) first, N = ∞ (config 0) last
        const errors = subject(model.training.model, cases, i === 0 ? count - 1 : i - 1, count);
        evaluated(cases.length);
        return errors;
      }),
  );
  const points = models.map((model, i) => ({
    pretrainingInstances: planned.configs[i]!.pretrainingInstances,
    errors: measured[i]!,
    model,
  }));
  return { backend, points, evaluationSeed: evaluationRng.seed };
}

/** Transformer − oracle on each held-out instance (paired). */
function excess(p: Point): number[] {
  return p.errors.transformer.map((t, j) => t - p.errors.oracle[j]!);
}

/**
 * Verdict: violated when a step between consecutive N (N = ∞ last) rises significantly, or the
 * error at the largest N is significantly above the error at the smallest; holds when neither, and
 * the error at the largest N is significantly below the one at the smallest (one-sided, paired);
 * inconclusive otherwise. The slope is reported, outside the verdict.
 */
function judge({ points }: F4Measurement, bootstrapRng: Rng): F4Judgement {
  const oracle = mean(points[0]!.errors.oracle);
  const finite = points.filter((p) => p.pretrainingInstances !== null);
  const ordered = [...finite, points[0]!];
  const trend = pairedTrend(ordered, (p) => p.errors.transformer, DIFFERENCE_RANGE, CONSTANTS.familyWiseFailureProbability);
  const slope = pairedMeansLogLogSlope(
    finite.map((p) => p.pretrainingInstances!),
    finite.map(excess),
    { replicates: CONSTANTS.bootstrapReplicates, level: CONSTANTS.bootstrapLevel, rng: bootstrapRng },
  );
  const violations = trend.rises.length + (trend.ends.difference.above ? 1 : 0);
  return { oracle, finite, ordered, trend, slope, violations };
}

function present(
  planned: F4Plan,
  measured: F4Measurement,
  judged: F4Judgement,
  context: CheckContext<F4Scale>,
  seconds: number,
): ClaimResult {
  const { points } = measured;
  const { oracle, trend, violations } = judged;
  const heldOut = context.scale.heldOutInstances;
  const ends = trend.ends.difference;
  const rises = trend.rises.map(describeStep);
  return {
    id: 'F4',
    verdict: verdictOf({ violations, unresolved: ends.below ? 0 : 1 }),
    summary:
      `error against N = ${judged.ordered.map(label).join(', ')}: ${judged.ordered.map((p) => mean(p.errors.transformer).toFixed(4)).join(', ')} (oracle ${oracle.toFixed(4)}); ` +
      `paired, N=${label(trend.ends.later)} − N=${label(trend.ends.earlier)} = ${ends.mean.toFixed(4)} ± ${ends.slack.toFixed(4)} (${ends.below ? 'below: falls' : ends.above ? 'above: rises' : 'not resolved'}); ` +
      `${rises.length === 0 ? 'no consecutive step rises significantly' : `rises: ${rises.join('; ')}`}; ` +
      `excess-risk log-log slope on every finite N ${describeSlope(judged.slope)} beside the O(N^−1/2) envelope's ${CONSTANTS.envelopeSlope}`,
    headline: headlineOf(trend),
    numbers: f4Numbers(planned, measured, judged, heldOut, seconds),
    samples: heldOut * points.length,
    failureProbability: CONSTANTS.familyWiseFailureProbability,
    ...(violations > 0
      ? {
          counterexample: {
            rises,
            ...(ends.above ? { ends: describeStep(trend.ends) } : {}),
            k: K,
            evaluationSeed: measured.evaluationSeed,
            modelSeed: planned.streamed.seed,
          },
        }
      : {}),
    plots: [stepPlot(judged), errorPlot(judged, planned.streamed), excessPlot(judged)],
    notes: f4Notes(planned, measured, judged, context),
  };
}

/**
 * F4's row: the verdict's paired bounds, each against 0 — every step's lower bound (a rise if
 * above) and the ends' upper bound (a fall only if below) — the one nearest to or beyond 0.
 */
function headlineOf(trend: PairedTrend<Point>): Headline {
  const candidates = [
    ...trend.steps.map((s) => ({ step: s, side: 'lower', value: s.difference.mean - s.difference.slack })),
    { step: trend.ends, side: 'upper', value: trend.ends.difference.mean + trend.ends.difference.slack },
  ];
  const nearest = candidates.reduce((n, c) => (c.value > n.value ? c : n));
  const { step, side } = nearest;
  return headline(
    `paired error differences against 0: no step N → next N above, N=${label(trend.ends.later)} − N=${label(trend.ends.earlier)} below (one-sided bounds at ${shown(trend.sideAlpha)} each)`,
    `${side} bound of N=${label(step.later)} − N=${label(step.earlier)}: ${shown(nearest.value)} (mean ${shown(step.difference.mean)} ± ${shown(step.difference.slack)})`,
    -nearest.value,
  );
}

function describeStep(s: PairedStep<Point>): string {
  return `N=${label(s.later)} − N=${label(s.earlier)} = ${s.difference.mean.toFixed(4)} ± ${s.difference.slack.toFixed(4)}`;
}

function describeSlope(slope: BootstrapSlope): string {
  if (new Set(slope.xs).size < 2) return `undefined (fewer than 2 finite N: ${slope.xs.join(', ')})`;
  if (slope.estimate === undefined)
    return `undefined (a mean excess over the oracle is ≤ 0 at N = ${slope.xs.filter((_, i) => !(slope.ys[i]! > 0)).join(', ')}, so its log is undefined; no N is dropped)`;
  const interval = slope.interval
    ? `[${slope.interval[0].toFixed(3)}, ${slope.interval[1].toFixed(3)}]`
    : `undefined (${slope.undefinedReplicates} of ${slope.replicates} resamples had a mean excess ≤ 0 at some N)`;
  return `${slope.estimate.toFixed(3)}, ${Math.round(100 * slope.level)}% bootstrap interval ${interval}`;
}

function f4Numbers(
  planned: F4Plan,
  measured: F4Measurement,
  judged: F4Judgement,
  heldOut: number,
  seconds: number,
): Record<string, number | string> {
  const { points } = measured;
  const { oracle, trend, slope } = judged;
  const numbers: Record<string, number | string> = {
    backend: measured.backend,
    k: K,
    heldOutInstances: heldOut,
    oracleError: oracle,
    lloydError: mean(points[0]!.errors.lloyd),
    trainingSteps: planned.streamed.training.steps,
    seconds,
    comparedPoints: judged.ordered.length,
    oneSidedBoundsUsed: trend.boundsUsed,
    perBoundAlpha: trend.sideAlpha,
    familyWiseFailureProbability: CONSTANTS.familyWiseFailureProbability,
    pairedDifferenceRange: DIFFERENCE_RANGE,
    endsDifference: trend.ends.difference.mean,
    endsSlack: trend.ends.difference.slack,
    risingSteps: trend.rises.length,
    excessRiskSlope: slope.estimate ?? 'undefined',
    excessRiskSlopeLower: slope.interval?.[0] ?? 'undefined',
    excessRiskSlopeUpper: slope.interval?.[1] ?? 'undefined',
    bootstrapLevel: slope.level,
    bootstrapReplicates: slope.replicates,
    bootstrapUndefinedReplicates: slope.undefinedReplicates,
    envelopeSlope: CONSTANTS.envelopeSlope,
  };
  for (const p of judged.ordered) {
    numbers[`N${label(p)}_transformer`] = mean(p.errors.transformer);
    numbers[`N${label(p)}_excessOverOracle`] = mean(excess(p));
    numbers[`N${label(p)}_trainingInstancesPerSecond`] = p.model.instancesPerSecond;
  }
  for (const s of trend.steps) {
    numbers[`step_N${label(s.earlier)}_to_N${label(s.later)}_difference`] = s.difference.mean;
    numbers[`step_N${label(s.earlier)}_to_N${label(s.later)}_slack`] = s.difference.slack;
  }
  return numbers;
}

function f4Notes(planned: F4Plan, measured: F4Measurement, judged: F4Judgement, { seed, quick, scale }: CheckContext<F4Scale>): string[] {
  const { streamed } = planned;
  const { trend, slope } = judged;
  const defaultSteps = clusteringPreset({ runSeed: seed, quick: false, k: K }).training.steps;
  return [
    `Pre-training at every N: ${describeConfig(streamed)}; only N changes (the same seed, so the same initial weights and batch stream; a finite set of N tasks is sampled with replacement). N = ∞ is F3's k = ${K} model, ordered last.`,
    `Held-out: the same ${scale.heldOutInstances} fresh instances from the pre-training distribution for every N (Δ/σ uniform in [${streamed.deltaRange.join(', ')}]), so every comparison is paired: per-instance differences of mislabel rates, in [−${(1 - 1 / K).toFixed(3)}, ${(1 - 1 / K).toFixed(3)}] (range ${DIFFERENCE_RANGE.toFixed(3)}).`,
    `Verdict (paired, one-sided, min(Hoeffding, empirical Bernstein) per bound at ${trend.sideAlpha.toExponential(2)}: a Bonferroni share of the family-wise ${CONSTANTS.familyWiseFailureProbability} over ${trend.boundsUsed} bounds, a lower bound per consecutive step and both bounds of largest − smallest N): violated when a step between consecutive N rises significantly or the error at the largest N is significantly above the error at the smallest; holds when neither and the error at the largest N is significantly below the error at the smallest; inconclusive otherwise. With probability ≥ ${1 - CONSTANTS.familyWiseFailureProbability} every bound holds, and then the verdict is not wrong.`,
    `Slope (reported, outside the verdict): least-squares log-log slope of the mean paired excess (transformer − oracle per instance) against every finite N (${judged.finite.length} N, none dropped), with a ${Math.round(100 * slope.level)}% percentile-bootstrap interval over ${slope.replicates} resamples of the held-out instances (one resample shared by every N, seeded from the run); the fit and the interval are reported undefined when a mean excess is ≤ 0 (the oracle is not a per-instance lower bound: cluster sizes are exact, which a transformer can exploit). The envelope c·N^−1/2 goes through the smallest N.`,
    `The N-set is fixed by the scale (${scaleName(quick)}: N ∈ {${scale.pretrainingSizes.join(', ')}}, ∞); there is no time budget: every N is trained or loaded from the checkpoint cache, so the same seed and scale give the same N-set and verdict. Training throughput (instances/s) is measured and reported only.`,
    ...measured.points.map((p) => checkpointNote(`N=${p.pretrainingInstances ?? '∞'}`, p.model, measured.backend)),
    ...(quick
      ? [
          `Quick scale: N ∈ {${scale.pretrainingSizes.join(', ')}} instead of {${SCALES.default.pretrainingSizes.join(', ')}}; ${streamed.training.steps} steps instead of ${defaultSteps}; ${scale.heldOutInstances} held-out instances instead of ${SCALES.default.heldOutInstances}.`,
        ]
      : []),
  ];
}

/** N as the numbers and summary spell it: 'inf' for the fresh stream. */
function label(p: Point): string {
  return p.pretrainingInstances === null ? 'inf' : String(p.pretrainingInstances);
}

function errorPlot({ finite, ordered, oracle }: F4Judgement, config: ClusteringExperiment): Plot {
  const xs = finite.map((p) => p.pretrainingInstances!);
  const streamed = ordered.at(-1)!;
  return {
    title: `F4 is violated if the paired error rises significantly between consecutive N, or is significantly higher at N = ∞ than at the smallest N; it holds only if significantly lower there (paired bands: plot 1; the ${BAND_PERCENT}% bands drawn here are unpaired): mislabel rate against pre-training instances N (k = ${K}, n = ${config.n}, Δ/σ uniform in [${config.deltaRange.join(', ')}])`,
    xLabel: 'N',
    yLabel: 'mean mislabel rate',
    logX: true,
    series: [
      {
        name: 'transformer (N distinct instances)',
        role: 'measured',
        points: finite.map((p) => bandPoint(p.pretrainingInstances!, p.errors.transformer, 1 - 1 / K)),
      },
      {
        name: 'transformer, N = ∞ (fresh stream)',
        role: 'reference',
        points: xs.map((x) => ({ x, y: mean(streamed.errors.transformer) })),
      },
      { name: 'oracle', role: 'reference', points: xs.map((x) => ({ x, y: oracle })) },
      { name: 'Lloyd (same init)', role: 'reference', points: xs.map((x) => ({ x, y: mean(streamed.errors.lloyd) })) },
    ],
  };
}

function excessPlot({ finite, slope }: F4Judgement): Plot {
  const first = finite[0]!;
  const firstExcess = mean(excess(first));
  return {
    title: `F4's slope is reported outside the verdict, so nothing here can make F4 fail: paired excess over the oracle (transformer − oracle per instance) against N, ${BAND_PERCENT}% paired bands, every N; slope ${describeSlope(slope)}`,
    xLabel: 'N',
    yLabel: 'mean transformer − oracle',
    logX: true,
    series: [
      pairedDifferenceSeries(
        'excess risk (paired)',
        finite.map((p) => ({ x: p.pretrainingInstances!, a: p.errors.transformer, b: p.errors.oracle })),
        DIFFERENCE_RANGE,
      ),
      ...(firstExcess > 0
        ? [
            {
              name: 'c·N^−1/2 through the smallest N',
              role: 'bound' as const,
              points: finite.map((p) => ({
                x: p.pretrainingInstances!,
                y: firstExcess * Math.sqrt(first.pretrainingInstances! / p.pretrainingInstances!),
              })),
            },
          ]
        : []),
    ],
  };
}

/**
 * The verdict as tested (issue 12): per step, the paired difference of the transformer's errors,
 * next N − N per held-out instance at x = N (the last step to N = ∞), with its decision band
 * (± the slack at the Bonferroni level per bound); the ends' difference N = ∞ − smallest N drawn
 * across every N.
 */
function stepPlot({ trend, finite }: F4Judgement): Plot {
  const x = (p: Point) => p.pretrainingInstances!; // an earlier point is always finite: N = ∞ is last
  const xs = finite.map(x);
  return {
    title: `F4 is violated if a step's band lies wholly above 0, or the ends' band does; it holds only if the ends' band lies wholly below 0: paired differences of the transformer's error per held-out instance, next N − N at x = N (the last step to N = ∞), and N = ∞ − N = ${label(trend.ends.earlier)} drawn across every N, with decision bands at ${trend.sideAlpha.toExponential(2)} per side`,
    xLabel: 'N',
    yLabel: 'mean paired error difference',
    logX: true,
    series: [
      {
        name: 'step: next N − N (paired)',
        role: 'measured',
        points: trend.steps.map((s) => pairedDifferencePoint(x(s.earlier), s.difference)),
      },
      {
        name: `ends: N = ∞ − N = ${label(trend.ends.earlier)} (paired)`,
        role: 'reference',
        points: xs.map((n) => pairedDifferencePoint(n, trend.ends.difference)),
      },
      curve('0 (no change)', 'bound', xs, () => 0),
    ],
  };
}
