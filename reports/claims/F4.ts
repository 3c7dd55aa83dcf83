import { meanSlack } from '../../bounds/training-slack';
import { initBackend } from '../../model/backend';
import { samplePretrainingTask } from '../../model/clustering/clustering-task';
import { compareMethods, type MethodErrors } from '../../model/clustering/method-comparison';
import { clusteringPreset } from '../../model/clustering/presets';
import { trainClusteringTransformer } from '../../model/clustering/train';
import type { ClaimCheck, Plot } from '../claim-check';
import { describeConfig } from './F3';

/** Pointwise miscoverage of the plotted bands and of the trend verdict's comparisons. */
const BAND_ALPHA = 0.05;
const K = 3;

interface Point {
  readonly pretrainingInstances: number | null;
  readonly errors: MethodErrors;
  readonly source: string;
  readonly checkpoint: string;
  readonly instancesPerSecond: number;
  readonly stepsRun: number;
}

const mean = (values: readonly number[]): number => values.reduce((s, x) => s + x, 0) / values.length;

/** Least-squares slope of y against x. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

/**
 * F4: error against the number N of distinct pre-training instances (powers of 2, then N = ∞,
 * F3's streamed model), all else equal (same seed, steps, architecture), on the same held-out
 * instances from the pre-training distribution.
 */
export const check: ClaimCheck = {
  id: 'F4',
  async run({ seed, rng, quick, progress }) {
    const started = Date.now();
    const backend = await initBackend();
    const sizes = quick ? [64, 512] : [64, 256, 1024, 4096, 16_384, 65_536];
    /** Wall-clock budget of F4's training; N values whose projected training would exceed it are cut. */
    const budgetSeconds = quick ? 75 : 900;
    const heldOut = quick ? 400 : 2000;
    const streamed = clusteringPreset({ runSeed: seed, quick, k: K });
    const steps = streamed.training.steps;
    const total = (sizes.length + 1) * steps + heldOut;
    const evaluationRng = rng.split(0);
    const tasks = Array.from({ length: heldOut }, (_, j) => samplePretrainingTask(streamed, evaluationRng.split(j)));
    const cases = tasks.map((t) => ({ instance: t.instance, transformerInit: t.init!, baselineInit: t.init! }));
    const points: Point[] = [];
    const cut: number[] = [];
    let done = 0;
    let throughput: number | undefined;
    for (const size of [null, ...sizes]) {
      const config = clusteringPreset({ runSeed: seed, quick, k: K, pretrainingInstances: size });
      const projected = throughput === undefined ? 0 : (steps * config.batchSize) / throughput;
      if (size !== null && (Date.now() - started) / 1000 + projected > budgetSeconds) {
        cut.push(size);
        continue;
      }
      const before = done;
      const trained = trainClusteringTransformer(config, { onProgress: (p) => progress.tick(before + p.step, total) });
      try {
        throughput = trained.instancesPerSecond;
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
      progress.tick(done, total);
    }
    progress.tick(total, total);

    const oracle = mean(points[0]!.errors.oracle);
    const finite = points.filter((p) => p.pretrainingInstances !== null);
    const excess = finite.map((p) => mean(p.errors.transformer) - oracle);
    const positive = finite.filter((_, i) => excess[i]! > 0);
    const fitted = positive.length >= 2 ? slope(positive.map((p) => Math.log(p.pretrainingInstances!)), positive.map((p) => Math.log(mean(p.errors.transformer) - oracle))) : undefined;
    // Trend verdict: violated when the error at a larger N is significantly above the error at a smaller N (bands disjoint).
    const ordered = [...finite, points[0]!];
    const band = (p: Point) => meanSlack(p.errors.transformer, BAND_ALPHA / 2, 1 - 1 / K);
    const rises: string[] = [];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        const [a, b] = [band(ordered[i]!), band(ordered[j]!)];
        if (b.mean - b.slack > a.mean + a.slack) rises.push(`N=${label(ordered[j]!)} (${b.mean.toFixed(4)}) above N=${label(ordered[i]!)} (${a.mean.toFixed(4)})`);
      }
    }
    const numbers: Record<string, number | string> = { backend, k: K, heldOutInstances: heldOut, oracleError: oracle, lloydError: mean(points[0]!.errors.lloyd), trainingSteps: steps, seconds: (Date.now() - started) / 1000, cutSizes: cut.length };
    if (fitted !== undefined) numbers.excessRiskSlope = fitted;
    numbers.envelopeSlope = -0.5;
    for (const p of points) {
      numbers[`N${label(p)}_transformer`] = mean(p.errors.transformer);
      numbers[`N${label(p)}_excessOverOracle`] = mean(p.errors.transformer) - oracle;
      numbers[`N${label(p)}_trainingInstancesPerSecond`] = p.instancesPerSecond;
    }
    return {
      id: 'F4',
      verdict: rises.length > 0 ? 'violated' : 'holds',
      summary:
        `error against N = ${points.map(label).join(', ')}: ${points.map((p) => mean(p.errors.transformer).toFixed(4)).join(', ')} (oracle ${oracle.toFixed(4)}, Lloyd ${mean(points[0]!.errors.lloyd).toFixed(4)}); ` +
        `fitted log-log slope of excess risk over the oracle ${fitted === undefined ? 'not fitted (fewer than 2 finite N with positive excess)' : fitted.toFixed(3)} beside the O(N^−1/2) envelope's −0.5` +
        (rises.length > 0 ? `; error rises: ${rises[0]}` : ''),
      numbers,
      samples: heldOut * points.length,
      failureProbability: BAND_ALPHA,
      ...(rises.length > 0 ? { counterexample: { rises, k: K, evaluationSeed: evaluationRng.seed, modelSeed: streamed.seed } } : {}),
      plots: [errorPlot(points, oracle), excessPlot(finite, oracle)],
      notes: [
        `Pre-training at every N: ${describeConfig(streamed)}; only N changes (the same seed, so the same initial weights and batch stream; a finite set of N tasks is sampled with replacement). N = ∞ is F3's k = ${K} model.`,
        `Held-out: the same ${heldOut} fresh instances from the pre-training distribution for every N (Δ/σ uniform in [${streamed.deltaRange.join(', ')}]); excess risk = mean transformer − mean oracle mislabel rate on them (the oracle is not a lower bound per instance: cluster sizes are exact, which a transformer can exploit, so the excess can be ≤ 0).`,
        `Trend verdict: violated when the 95% bands (min(Hoeffding, empirical Bernstein) at 2.5% per side) of a larger N lie wholly above those of a smaller N. The slope is a least-squares fit of log(excess) on log N over finite N with positive excess, shown beside the envelope c·N^−1/2 through the smallest N.`,
        ...points.map((p) => `N=${label(p) === 'inf' ? '∞' : label(p)}: ${p.source} (checkpoint ${p.checkpoint}, ${p.stepsRun} steps, ${p.instancesPerSecond.toFixed(0)} instances/s on ${backend})`),
        ...(cut.length > 0 ? [`Cut for time (F4 training budget ${budgetSeconds} s): N = ${cut.join(', ')} (${cut.length} of ${sizes.length} finite sizes).`] : []),
        ...(quick ? [`Quick scale: N ∈ {${sizes.join(', ')}} instead of {64, 256, …, 65536}; 200 steps instead of 1500; ${heldOut} held-out instances instead of 2000.`] : []),
      ],
    };
  },
};

function label(p: Point): string {
  return p.pretrainingInstances === null ? 'inf' : String(p.pretrainingInstances);
}

function errorPlot(points: readonly Point[], oracle: number): Plot {
  const finite = points.filter((p) => p.pretrainingInstances !== null);
  const xs = finite.map((p) => p.pretrainingInstances!);
  const withBand = (p: Point) => {
    const { mean: y, slack } = meanSlack(p.errors.transformer, BAND_ALPHA / 2, 1 - 1 / K);
    return { x: p.pretrainingInstances!, y, lower: Math.max(0, y - slack), upper: y + slack };
  };
  const streamed = points.find((p) => p.pretrainingInstances === null);
  return {
    title: `F4: mislabel rate against pre-training instances N (k = ${K}, n = 32, Δ/σ uniform in [3, 6]; 95% bands)`,
    xLabel: 'N',
    yLabel: 'mean mislabel rate',
    logX: true,
    series: [
      { name: 'transformer (N distinct instances)', role: 'measured', points: finite.map(withBand) },
      ...(streamed ? [{ name: 'transformer, N = ∞ (fresh stream)', role: 'reference' as const, points: xs.map((x) => ({ x, y: mean(streamed.errors.transformer) })) }] : []),
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
      { name: 'excess risk', role: 'measured', points: positive.map((p) => ({ x: p.pretrainingInstances!, y: mean(p.errors.transformer) - oracle })) },
      ...(first
        ? [{ name: 'c·N^−1/2 through the smallest N', role: 'bound' as const, points: finite.map((p) => ({ x: p.pretrainingInstances!, y: (mean(first.errors.transformer) - oracle) * Math.sqrt(first.pretrainingInstances! / p.pretrainingInstances!) })) }]
        : []),
    ],
  };
}
