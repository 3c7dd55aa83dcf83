import { bonferroni } from '../../bounds/repetitions';
import { meanSlack } from '../../bounds/training-slack';
import { initBackend } from '../../model/backend';
import { samplePretrainingTask } from '../../model/clustering/clustering-task';
import type { ClusteringExperiment } from '../../model/clustering/config';
import { compareMethods, type MethodErrors } from '../../model/clustering/method-comparison';
import { pretrainClusteringTransformers } from '../../model/clustering/parallel-pretraining';
import { clusteringPreset } from '../../model/clustering/presets';
import { trainClusteringTransformer } from '../../model/clustering/pretrained-transformer';
import { logLogSlope, mean } from '../../theory/sample-statistics';
import { describeConfig } from './F3';
import type { ClaimCheck, Plot } from './kit/claim-check';

/** Pointwise miscoverage of the plotted bands. */
const BAND_ALPHA = 0.05;
/** Family-wise failure probability of the trend verdict's comparisons (split over the one-sided bounds they use). */
const TREND_FAILURE_PROBABILITY = 0.05;
const K = 3;
/** Finite N of the series at default and quick scale: the N-set depends on the scale only. */
const SIZES = { default: [64, 256, 1024, 4096, 16_384, 65_536], quick: [64, 512] } as const;
/** Held-out instances at default and quick scale. */
const HELD_OUT = { default: 2000, quick: 400 } as const;

interface Point {
  readonly pretrainingInstances: number | null;
  readonly errors: MethodErrors;
  readonly source: string;
  readonly checkpoint: string;
  readonly instancesPerSecond: number;
  readonly stepsRun: number;
}

/**
 * F4: error against the number N of distinct pre-training instances (powers of 2, then N = ∞,
 * F3's streamed model), all else equal (same seed, steps, architecture), on the same held-out
 * instances from the pre-training distribution. Every N of the scale's set is trained (or loaded
 * from the checkpoint cache): the N-set, hence the verdict, depends on the seed and scale only.
 */
export const check: ClaimCheck = {
  id: 'F4',
  async run({ seed, rng, quick, progress }) {
    const started = Date.now();
    const backend = await initBackend();
    const scale = quick ? 'quick' : 'default';
    const sizes = SIZES[scale];
    const heldOut = HELD_OUT[scale];
    const streamed = clusteringPreset({ runSeed: seed, quick, k: K });
    const defaultScale = clusteringPreset({ runSeed: seed, quick: false, k: K });
    const steps = streamed.training.steps;
    const total = (sizes.length + 1) * steps + heldOut;
    const evaluationRng = rng.split(0);
    const tasks = Array.from({ length: heldOut }, (_, j) => samplePretrainingTask(streamed, evaluationRng.split(j)));
    const cases = tasks.map((t) => ({ instance: t.instance, transformerInit: t.init!, baselineInit: t.init! }));
    const points: Point[] = [];
    const configs = [null, ...sizes].map((size) => clusteringPreset({ runSeed: seed, quick, k: K, pretrainingInstances: size }));
    // The trainings are independent (each config carries its seed): train them in parallel worker processes into the
    // checkpoint cache first (TVEM_WORKERS; 1 = in-process), so that the loop below loads each one.
    let pretrainedSteps = 0;
    const pretrained = await pretrainClusteringTransformers(configs, {
      onProgress: (d) => {
        pretrainedSteps = d;
        progress.tick(d, total);
      },
    });
    let done = 0;
    for (const config of configs) {
      const size = config.pretrainingInstances;
      const before = done;
      const trained = trainClusteringTransformer(config, {
        pretrained,
        onProgress: (p) => progress.tick(Math.max(pretrainedSteps, before + p.step), total),
      });
      try {
        points.push({
          pretrainingInstances: size,
          errors: compareMethods(trained.training.model, cases),
          source: trained.cached.source,
          checkpoint: trained.cached.checkpointDirectory,
          instancesPerSecond: trained.instancesPerSecond,
          stepsRun: trained.cached.outcome.stepsRun,
        });
      } finally {
        trained.training.dispose();
      }
      done = before + steps;
      progress.tick(Math.max(pretrainedSteps, done), total);
    }
    progress.tick(total, total);

    const oracle = mean(points[0]!.errors.oracle);
    const finite = points.filter((p) => p.pretrainingInstances !== null);
    const excess = finite.map((p) => mean(p.errors.transformer) - oracle);
    const positive = finite.filter((_, i) => excess[i]! > 0);
    const fitted =
      positive.length >= 2
        ? logLogSlope(
            positive.map((p) => p.pretrainingInstances!),
            positive.map((p) => mean(p.errors.transformer) - oracle),
          )
        : undefined;
    // Trend verdict: violated when the error at a larger N is significantly above the error at a smaller N (bands disjoint).
    // Every pair (i < j) compares the upper bound at N_i with the lower bound at N_j; all those one-sided bounds hold at once
    // with probability ≥ 1 − TREND_FAILURE_PROBABILITY (Bonferroni over the 2(m − 1) bounds used: the smallest N only gives
    // an upper bound, the largest only a lower one), and then no pair with E[error at N_j] ≤ E[error at N_i] is flagged.
    const ordered = [...finite, points[0]!];
    const boundsUsed = 2 * (ordered.length - 1);
    const sideAlpha = ordered.length >= 2 ? bonferroni(TREND_FAILURE_PROBABILITY, boundsUsed) : TREND_FAILURE_PROBABILITY;
    const band = (p: Point) => meanSlack(p.errors.transformer, sideAlpha, 1 - 1 / K);
    const rises: string[] = [];
    let pairs = 0;
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        pairs++;
        const [a, b] = [band(ordered[i]!), band(ordered[j]!)];
        if (b.mean - b.slack > a.mean + a.slack)
          rises.push(`N=${label(ordered[j]!)} (${b.mean.toFixed(4)}) above N=${label(ordered[i]!)} (${a.mean.toFixed(4)})`);
      }
    }
    const verdict = rises.length > 0 ? 'violated' : ordered.length >= 2 ? 'holds' : 'inconclusive';
    const numbers: Record<string, number | string> = {
      backend,
      k: K,
      heldOutInstances: heldOut,
      oracleError: oracle,
      lloydError: mean(points[0]!.errors.lloyd),
      trainingSteps: steps,
      seconds: (Date.now() - started) / 1000,
      comparedPoints: ordered.length,
      comparedPairs: pairs,
      oneSidedBoundsUsed: boundsUsed,
      perBoundAlpha: sideAlpha,
      familyWiseFailureProbability: TREND_FAILURE_PROBABILITY,
    };
    if (fitted !== undefined) numbers.excessRiskSlope = fitted;
    numbers.envelopeSlope = -0.5;
    for (const p of points) {
      numbers[`N${label(p)}_transformer`] = mean(p.errors.transformer);
      numbers[`N${label(p)}_excessOverOracle`] = mean(p.errors.transformer) - oracle;
      numbers[`N${label(p)}_trainingInstancesPerSecond`] = p.instancesPerSecond;
    }
    return {
      id: 'F4',
      verdict,
      summary:
        `error against N = ${points.map(label).join(', ')}: ${points.map((p) => mean(p.errors.transformer).toFixed(4)).join(', ')} (oracle ${oracle.toFixed(4)}, Lloyd ${mean(points[0]!.errors.lloyd).toFixed(4)}); ` +
        `fitted log-log slope of excess risk over the oracle ${fitted === undefined ? 'not fitted (fewer than 2 finite N with positive excess)' : fitted.toFixed(3)} beside the O(N^−1/2) envelope's −0.5` +
        (rises.length > 0 ? `; error rises: ${rises[0]}` : '') +
        (ordered.length < 2 ? '; fewer than 2 N compared: inconclusive' : ''),
      numbers,
      samples: heldOut * points.length,
      failureProbability: TREND_FAILURE_PROBABILITY,
      ...(rises.length > 0 ? { counterexample: { rises, k: K, evaluationSeed: evaluationRng.seed, modelSeed: streamed.seed } } : {}),
      plots: [errorPlot(points, oracle, streamed), excessPlot(finite, oracle)],
      notes: [
        `Pre-training at every N: ${describeConfig(streamed)}; only N changes (the same seed, so the same initial weights and batch stream; a finite set of N tasks is sampled with replacement). N = ∞ is F3's k = ${K} model.`,
        `Held-out: the same ${heldOut} fresh instances from the pre-training distribution for every N (Δ/σ uniform in [${streamed.deltaRange.join(', ')}]); excess risk = mean transformer − mean oracle mislabel rate on them (the oracle is not a lower bound per instance: cluster sizes are exact, which a transformer can exploit, so the excess can be ≤ 0).`,
        `Trend verdict (a trend, not a hard test): violated when, for some pair N_i < N_j among the ${ordered.length} points (${pairs} pairs), the lower confidence bound at N_j lies above the upper confidence bound at N_i. Each bound is min(Hoeffding, empirical Bernstein) at ${sideAlpha.toExponential(2)}: a Bonferroni share of the family-wise ${TREND_FAILURE_PROBABILITY} over the ${boundsUsed} one-sided bounds the comparisons use, so a non-rising error is reported violated with probability ≤ ${TREND_FAILURE_PROBABILITY}. Inconclusive when fewer than 2 points are compared. The plotted bands are pointwise ${Math.round(100 * (1 - BAND_ALPHA))}% bands. The slope is a least-squares fit of log(excess) on log N over finite N with positive excess, shown beside the envelope c·N^−1/2 through the smallest N.`,
        `The N-set is fixed by the scale (${scale}: N ∈ {${sizes.join(', ')}}, ∞); there is no time budget: every N is trained or loaded from the checkpoint cache, so the same seed and scale give the same N-set and verdict. Training throughput (instances/s) is measured and reported only.`,
        ...points.map(
          (p) =>
            `N=${label(p) === 'inf' ? '∞' : label(p)}: ${p.source} (checkpoint ${p.checkpoint}, ${p.stepsRun} steps, ${p.instancesPerSecond.toFixed(0)} instances/s on ${backend})`,
        ),
        ...(quick
          ? [
              `Quick scale: N ∈ {${sizes.join(', ')}} instead of {${SIZES.default.join(', ')}}; ${steps} steps instead of ${defaultScale.training.steps}; ${heldOut} held-out instances instead of ${HELD_OUT.default}.`,
            ]
          : []),
      ],
    };
  },
};

function label(p: Point): string {
  return p.pretrainingInstances === null ? 'inf' : String(p.pretrainingInstances);
}

function errorPlot(points: readonly Point[], oracle: number, config: ClusteringExperiment): Plot {
  const finite = points.filter((p) => p.pretrainingInstances !== null);
  const xs = finite.map((p) => p.pretrainingInstances!);
  const withBand = (p: Point) => {
    const { mean: y, slack } = meanSlack(p.errors.transformer, BAND_ALPHA / 2, 1 - 1 / K);
    return { x: p.pretrainingInstances!, y, lower: Math.max(0, y - slack), upper: y + slack };
  };
  const streamed = points.find((p) => p.pretrainingInstances === null);
  return {
    title: `F4: mislabel rate against pre-training instances N (k = ${K}, n = ${config.n}, Δ/σ uniform in [${config.deltaRange.join(', ')}]; ${Math.round(100 * (1 - BAND_ALPHA))}% pointwise bands)`,
    xLabel: 'N',
    yLabel: 'mean mislabel rate',
    logX: true,
    series: [
      { name: 'transformer (N distinct instances)', role: 'measured', points: finite.map(withBand) },
      ...(streamed
        ? [
            {
              name: 'transformer, N = ∞ (fresh stream)',
              role: 'reference' as const,
              points: xs.map((x) => ({ x, y: mean(streamed.errors.transformer) })),
            },
          ]
        : []),
      { name: 'oracle', role: 'reference', points: xs.map((x) => ({ x, y: oracle })) },
      { name: 'Lloyd (same init)', role: 'reference', points: xs.map((x) => ({ x, y: mean(points[0]!.errors.lloyd) })) },
    ],
  };
}

function excessPlot(finite: readonly Point[], oracle: number): Plot {
  const positive = finite.filter((p) => mean(p.errors.transformer) > oracle);
  const first = positive[0];
  return {
    title: 'F4: excess risk over the oracle against N, beside an O(N^−1/2) envelope (log-log; N with excess ≤ 0 left out)',
    xLabel: 'N',
    yLabel: 'mean transformer − mean oracle',
    logX: true,
    logY: true,
    series: [
      {
        name: 'excess risk',
        role: 'measured',
        points: positive.map((p) => ({ x: p.pretrainingInstances!, y: mean(p.errors.transformer) - oracle })),
      },
      ...(first
        ? [
            {
              name: 'c·N^−1/2 through the smallest N',
              role: 'bound' as const,
              points: finite.map((p) => ({
                x: p.pretrainingInstances!,
                y: (mean(first.errors.transformer) - oracle) * Math.sqrt(first.pretrainingInstances! / p.pretrainingInstances!),
              })),
            },
          ]
        : []),
    ],
  };
}
