import * as tf from '@tensorflow/tfjs';
import type { BootstrapSlope } from '../../bounds/bootstrap-slope';
import { type D2Trend, d2ErrorTrend, d2SlopeInterval } from '../../bounds/d2-error-trend';
import type { SeedLosses } from '../../bounds/median-dominance';
import { claimEntry } from '../../bounds/registry';
import { type CellRange, float32PredictionMargin, softmaxApproximatorSupError } from '../../bounds/softmax-sup-error';
import { initBackend } from '../../model/backend';
import {
  type ApproximationExperiment,
  ApproximationTraining,
  parseApproximationExperiment,
} from '../../model/training/approximation-experiment';
import { type ApproximationTarget, TARGET_FUNCTIONS } from '../../model/training/approximation-targets';
import { trainWithCheckpoint } from '../../model/training/cached-training';
import type { Rng } from '../../theory/rng';
import { withCheckpointLabel } from './kit/checkpoint-label';
import type { CheckContext, ClaimCheck, ClaimResult, ClaimScales, Headline, NumberValue, Plot, Series } from './kit/claim-check';
import { type LimitCheck, limitHeadline, tightestLimit } from './kit/headline';
import { describeTraining } from './kit/trained-describe';
import { TrainingStepProgress } from './kit/trained-step-progress';
import { timeTraining } from './kit/training-time';
import { verdictOf } from './kit/verdict';

const CONSTANTS = claimEntry('D2').constants;
/** Random streams: stream APPROXIMATOR_STREAMS_PER_CELL·c + M seeds the approximators of cell c with M anchors (split(r) for seed r ≥ 1). */
const APPROXIMATOR_STREAMS_PER_CELL = 100;
/** Random streams: stream HELD_OUT_STREAM + c draws the held-out points of cell c (the same for every M and seed). */
const HELD_OUT_STREAM = 10_000;
/** Random stream of the slopes' bootstrap (split per cell). */
const BOOTSTRAP_STREAM = 20_000;

interface Cell {
  readonly target: ApproximationTarget;
  readonly d: number;
}

/** D2's targets (CLAIMS.md §3): ‖x‖² for d = 1, 2, 3; 1/x on [0.5, 4]; log-sum-exp over k = 3 inputs. */
const CELLS: readonly Cell[] = [
  { target: 'square-norm', d: 1 },
  { target: 'square-norm', d: 2 },
  { target: 'square-norm', d: 3 },
  { target: 'reciprocal', d: 1 },
  { target: 'log-sum-exp', d: 3 },
];

const LABELS: Readonly<Record<ApproximationTarget, string>> = {
  'square-norm': '‖x‖² on [−1, 1]^d',
  reciprocal: '1/x on [0.5, 4]',
  'log-sum-exp': 'log-sum-exp on [−2, 2]^3',
};

/** D2's sizes: the anchor counts M, held-out points shared by every M and seed, and the training batch, length and patience. */
interface D2Scale {
  readonly heads: readonly number[];
  readonly heldOutPoints: number;
  readonly batchSize: number;
  readonly steps: number;
  readonly patience: number;
}

const SCALES: ClaimScales<D2Scale> = {
  quick: { heads: [1, 2, 4, 8, 16], heldOutPoints: 16_384, batchSize: 256, steps: 600, patience: 10 },
  default: { heads: [1, 2, 4, 8, 16, 32], heldOutPoints: 32_768, batchSize: 512, steps: 2500, patience: 20 },
};

/** A trained (or cached) approximator as D2 measures it. */
export interface MeasuredApproximator {
  /** f̃ at `count` points of the config's dimension (row-major). */
  predict(points: Float32Array, count: number): Float32Array;
  /** A bound on |f̃(x) − f(x)| over the whole box, fixed before the held-out points are drawn: the range of the squared errors' bands. */
  readonly supError: number;
  /** Where it came from (trained or loaded, steps run). */
  readonly source: string;
  dispose(): void;
}

/** The claim's subject: the approximator of a config. A negative control breaks it (negative-controls-d2-f4). */
export type D2Subject = (config: ApproximationExperiment, steps: TrainingStepProgress) => MeasuredApproximator;

/**
 * The exact interval of each target on a cell [lo, hi]: ‖x‖² from the nearest to the farthest
 * point of the cell from 0; 1/x is decreasing; log-sum-exp is increasing in every coordinate.
 */
export const CELL_RANGES: Readonly<Record<ApproximationTarget, CellRange>> = {
  'square-norm': (lo, hi) => [
    lo.reduce((s, l, c) => s + Math.max(0, l, -hi[c]!) ** 2, 0),
    lo.reduce((s, l, c) => s + Math.max(l * l, hi[c]! * hi[c]!), 0),
  ],
  reciprocal: (lo, hi) => [1 / hi[0]!, 1 / lo[0]!],
  'log-sum-exp': (lo, hi) => [TARGET_FUNCTIONS['log-sum-exp'].evaluate(lo), TARGET_FUNCTIONS['log-sum-exp'].evaluate(hi)],
};

/** Grid cells per axis of the sup-error bound (bounds/softmax-sup-error.ts), by dimension. */
const SUP_CELLS_PER_AXIS: Readonly<Record<number, number>> = { 1: 2048, 2: 160, 3: 36 };

/**
 * D2's subject: f̃(x) = Σ_m softmax_m(−β_m‖x − x_m‖²)·v_m trained by MSE (or loaded from the
 * checkpoint cache); its sup error is the smaller of the grid bound and the convex-combination
 * bound (f̃ ∈ [min v, max v]), plus the float32 evaluation margin.
 */
export const trainedApproximator: D2Subject = (config, steps) => {
  const problem = new ApproximationTraining(config);
  try {
    const trained = timeTraining(() =>
      trainWithCheckpoint({
        kind: 'approx',
        config,
        seed: config.seed,
        problem,
        loop: config.training,
        onProgress: (p) => steps.at(p.step),
      }),
    );
    steps.finished(config.training.steps);
    const read = (name: string) => Float64Array.from(problem.parameters.find((p) => p.name === name)!.variable.dataSync());
    const parameters = { anchors: read('anchors'), values: read('values'), betas: read('logBetas').map(Math.exp), dimension: config.d };
    const { lower, upper } = TARGET_FUNCTIONS[config.target];
    const box = { lower, upper };
    const [fLow, fHigh] = CELL_RANGES[config.target](new Array(config.d).fill(lower), new Array(config.d).fill(upper));
    const convex = Math.max(Math.max(...parameters.values) - fLow, fHigh - Math.min(...parameters.values));
    const grid = softmaxApproximatorSupError(parameters, box, CELL_RANGES[config.target], SUP_CELLS_PER_AXIS[config.d] ?? 8);
    return {
      predict: (points, count) => {
        const predicted = tf.tidy(() => problem.approximator.predict(tf.tensor2d(points, [count, config.d])));
        const out = predicted.dataSync() as Float32Array;
        predicted.dispose();
        return out;
      },
      supError: Math.min(convex, grid) + float32PredictionMargin(parameters, box),
      source: `${trained.source}${trained.rejectedCheckpoint ? ` (rejected: ${withCheckpointLabel(trained.rejectedCheckpoint, trained.checkpointDirectory)})` : ''}, ${trained.outcome.stepsRun} steps, seed ${config.seed}`,
      dispose: () => problem.dispose(),
    };
  } catch (error) {
    problem.dispose();
    throw error;
  }
};

/** One target's measurement: per M, per seed, the per-point squared errors on the shared held-out points. */
interface CellMeasurement {
  readonly cell: Cell;
  readonly losses: readonly (readonly SeedLosses[])[];
  /** Per M, per seed: max |f̃ − f| over the held-out points. */
  readonly maxAbs: readonly (readonly number[])[];
  /** Per M, per seed: the a-priori bound on sup |f̃ − f| (the bands' range is its square). */
  readonly supError: readonly (readonly number[])[];
  readonly sources: readonly string[];
}

interface CellOutcome extends CellMeasurement {
  /** Per M, per seed: held-out RMSE. */
  readonly rmse: readonly (readonly number[])[];
  readonly trend: D2Trend;
  readonly slope: BootstrapSlope;
}

/**
 * D2: R trained M-anchor softmax approximators per M (one softmax over M anchor keys), held-out
 * error against M, judged through paired median comparisons (bounds/d2-error-trend.ts), with the
 * log-log slope and its bootstrap interval beside −1/d.
 */
export function d2Check(subject: D2Subject = trainedApproximator): ClaimCheck<D2Scale> {
  return {
    id: 'D2',
    scales: SCALES,
    async run(context) {
      const backend = await initBackend();
      const configs = plan(context);
      const steps = new TrainingStepProgress(
        context.progress,
        configs.flat(2).reduce((s, e) => s + e.training.steps, 0),
      );
      const measured = CELLS.map((cell, c) => measureCell(cell, configs[c]!, subject, context, c, steps));
      const outcomes = measured.map((m, c) => judgeCell(m, context, c));
      return present(backend, configs, outcomes, context);
    },
  };
}

export const check = d2Check();

/** configs[c][i][r]: cell c, the i-th M of the scale, seed r. */
function plan({ rng, scale }: CheckContext<D2Scale>): ApproximationExperiment[][][] {
  return CELLS.map((cell, c) =>
    scale.heads.map((heads) => {
      const stream = rng.split(APPROXIMATOR_STREAMS_PER_CELL * c + heads);
      return Array.from({ length: CONSTANTS.seeds }, (_, r) => experiment(cell, heads, (r === 0 ? stream : stream.split(r)).seed, scale));
    }),
  );
}

function experiment(cell: Cell, heads: number, seed: number, scale: D2Scale): ApproximationExperiment {
  return parseApproximationExperiment({
    ...cell,
    heads,
    seed,
    batchSize: scale.batchSize,
    training: { steps: scale.steps, learningRate: 0.02, warmupSteps: 20, evalEvery: 25, patience: scale.patience },
  });
}

/** `count` points uniform in the cell's box (float32, as the model reads them) and f at each (float64). */
function heldOutPoints(cell: Cell, count: number, rng: Rng): { points: Float32Array; targets: Float64Array } {
  const { lower, upper, evaluate } = TARGET_FUNCTIONS[cell.target];
  const points = new Float32Array(count * cell.d);
  for (let t = 0; t < points.length; t++) points[t] = lower + (upper - lower) * rng.uniform();
  const targets = new Float64Array(count);
  for (let j = 0; j < count; j++) targets[j] = evaluate(points.subarray(j * cell.d, (j + 1) * cell.d));
  return { points, targets };
}

/**
 * One target: every (M, seed) approximator's per-point squared errors on the same held-out points.
 * A squared error is ≤ supError², the subject's a-priori bound on |f̃ − f| over the box (fixed
 * before the points are drawn): the range of its band.
 */
function measureCell(
  cell: Cell,
  configs: readonly (readonly ApproximationExperiment[])[],
  subject: D2Subject,
  { rng, scale }: CheckContext<D2Scale>,
  c: number,
  steps: TrainingStepProgress,
): CellMeasurement {
  const count = scale.heldOutPoints;
  const { points, targets } = heldOutPoints(cell, count, rng.split(HELD_OUT_STREAM + c));
  const sources: string[] = [];
  const measured = configs.map((group) =>
    group.map((config) => {
      const approximator = subject(config, steps);
      try {
        const predicted = approximator.predict(points, count);
        const bound = approximator.supError ** 2;
        const values = new Float64Array(count);
        let maxAbs = 0;
        for (let j = 0; j < count; j++) {
          const e = predicted[j]! - targets[j]!;
          values[j] = e * e;
          maxAbs = Math.max(maxAbs, Math.abs(e));
        }
        if (maxAbs > approximator.supError)
          throw new RangeError(
            `D2: |f̃ − f| = ${maxAbs} above its a-priori bound ${approximator.supError} (${config.target}, M=${config.heads})`,
          );
        sources.push(`M=${config.heads}: ${approximator.source}`);
        return { losses: { values, bound } satisfies SeedLosses, maxAbs, supError: approximator.supError };
      } finally {
        approximator.dispose();
      }
    }),
  );
  return {
    cell,
    losses: measured.map((group) => group.map((m) => m.losses)),
    maxAbs: measured.map((group) => group.map((m) => m.maxAbs)),
    supError: measured.map((group) => group.map((m) => m.supError)),
    sources,
  };
}

/**
 * One target's judgement (bounds/d2-error-trend.ts) at an equal Bonferroni share of the
 * family-wise failure probability over the targets, and its slope with the bootstrap interval.
 */
function judgeCell(m: CellMeasurement, { rng, scale }: CheckContext<D2Scale>, c: number): CellOutcome {
  const options = { replicates: CONSTANTS.bootstrapReplicates, level: CONSTANTS.bootstrapLevel, rng: rng.split(BOOTSTRAP_STREAM + c) };
  return {
    ...m,
    rmse: m.losses.map((group) => group.map((s) => Math.sqrt(meanOf(s.values)))),
    trend: d2ErrorTrend(scale.heads, m.losses, CONSTANTS.halvingFactor, CONSTANTS.familyWiseFailureProbability / CELLS.length),
    slope: d2SlopeInterval(scale.heads, m.losses, options),
  };
}

function meanOf(values: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < values.length; j++) total += values[j]!;
  return total / values.length;
}

function present(
  backend: string,
  configs: readonly (readonly (readonly ApproximationExperiment[])[])[],
  outcomes: readonly CellOutcome[],
  { scale, quick }: CheckContext<D2Scale>,
): ClaimResult {
  const violated = outcomes.filter((o) => o.trend.violated);
  const unresolved = outcomes.filter((o) => !o.trend.violated && !o.trend.halves);
  const smallest = [...violated].sort((a, b) => a.cell.d - b.cell.d)[0];
  return {
    id: 'D2',
    verdict: verdictOf({ violations: violated.length, unresolved: unresolved.length }),
    summary: `M counts anchor keys inside one softmax (one head); median of ${CONSTANTS.seeds} seeds per M: ${outcomes.map((o) => describeCell(o, scale.heads)).join('; ')}`,
    headline: headlineOf(outcomes, scale.heads),
    numbers: numbersOf(backend, scale, outcomes),
    samples: scale.heldOutPoints * CELLS.length * scale.heads.length * CONSTANTS.seeds,
    failureProbability: CONSTANTS.familyWiseFailureProbability,
    ...(smallest
      ? {
          counterexample: {
            target: smallest.cell.target,
            d: smallest.cell.d,
            heads: scale.heads,
            medianRmse: smallest.trend.medianRmse,
            risingSteps: smallest.trend.rises.map((i) => `M=${scale.heads[i]} → M=${scale.heads[i + 1]}`),
            halvingRefuted: smallest.trend.halving.above,
          },
        }
      : {}),
    plots: [plotOf(outcomes, scale)],
    notes: notesOf(configs, outcomes, scale, quick),
  };
}

/**
 * D2's row: significant rises between consecutive M (none allowed), else a refuted halving, else
 * the target whose median RMSE ratio largest M / smallest M ≥ 2 is nearest to the halving factor,
 * with what the paired median bands decided about it (the verdict's test; the ratio itself is the
 * point estimate).
 */
function headlineOf(outcomes: readonly CellOutcome[], heads: readonly number[]): Headline {
  const rising = outcomes.flatMap((o) => o.trend.rises.map((i) => `${label(o.cell)}: M=${heads[i]} → ${heads[i + 1]}`));
  const halving = outcomes.map((o): LimitCheck => {
    const { medianRmse, halvingFrom, halving: test } = o.trend;
    const decided = test.above ? 'refuted' : test.below ? 'certified' : 'not resolved';
    return {
      quantity: `median RMSE at M = ${heads.at(-1)} / at M = ${heads[halvingFrom]}`,
      side: 'at most',
      limit: CONSTANTS.halvingFactor,
      measured: medianRmse.at(-1)! / medianRmse[halvingFrom]!,
      where: `for ${label(o.cell)} (halving ${decided} by the paired median bands)`,
    };
  });
  const refuted = halving.filter((_, c) => outcomes[c]!.trend.halving.above);
  const rises: LimitCheck = {
    quantity: 'significant rises of the median error between consecutive M',
    side: 'at most',
    limit: 0,
    measured: rising.length,
    where: rising.length > 0 ? `at ${rising.join('; ')}` : `in ${outcomes.length} targets`,
  };
  return limitHeadline(tightestLimit([rises, ...(refuted.length > 0 ? refuted : halving)]));
}

function describeCell(o: CellOutcome, heads: readonly number[]): string {
  const { trend } = o;
  const m = (i: number) => heads[i]!;
  const verdict = trend.violated
    ? `violated (${[...trend.rises.map((i) => `rises M=${m(i)} → ${m(i + 1)}`), ...(trend.halving.above ? ['not halved'] : [])].join(', ')})`
    : trend.halves
      ? 'holds'
      : 'inconclusive (halving not resolved)';
  return `${label(o.cell)}: median RMSE ${trend.medianRmse.map((r) => r.toExponential(2)).join(' → ')} (M = ${heads.join(', ')}), ${verdict}; slope ${describeSlope(o.slope)} vs −1/d = ${(-1 / o.cell.d).toFixed(2)}`;
}

function describeSlope(slope: BootstrapSlope): string {
  if (slope.estimate === undefined) return 'undefined (an error is 0)';
  const interval = slope.interval ? `[${slope.interval[0].toFixed(2)}, ${slope.interval[1].toFixed(2)}]` : 'undefined';
  return `${slope.estimate.toFixed(2)} (${Math.round(100 * slope.level)}% bootstrap ${interval})`;
}

function label(cell: Cell): string {
  return `${LABELS[cell.target]}${cell.target === 'square-norm' ? ` (d=${cell.d})` : ''}`;
}

function numbersOf(backend: string, scale: D2Scale, outcomes: readonly CellOutcome[]): Record<string, NumberValue> {
  const numbers: Record<string, NumberValue> = {
    backend,
    heldOutPoints: scale.heldOutPoints,
    seedsPerM: CONSTANTS.seeds,
    mCounts: 'anchor keys inside one softmax (one head)',
    halvingFactor: CONSTANTS.halvingFactor,
    familyWiseFailureProbability: CONSTANTS.familyWiseFailureProbability,
  };
  for (const o of outcomes) {
    const tag = `${o.cell.target}_d${o.cell.d}`;
    numbers[`${tag}_slope`] = o.slope.estimate ?? 'undefined';
    numbers[`${tag}_slopeLower`] = o.slope.interval?.[0] ?? 'undefined';
    numbers[`${tag}_slopeUpper`] = o.slope.interval?.[1] ?? 'undefined';
    numbers[`${tag}_minusOneOverD`] = -1 / o.cell.d;
    numbers[`${tag}_risingSteps`] = o.trend.rises.length;
    numbers[`${tag}_halves`] = o.trend.halves;
    numbers[`${tag}_halvingRefuted`] = o.trend.halving.above;
    numbers[`${tag}_perBoundAlpha`] = o.trend.sideAlpha;
    scale.heads.forEach((m, i) => {
      numbers[`${tag}_M${m}_medianRmse`] = o.trend.medianRmse[i]!;
      o.rmse[i]!.forEach((r, s) => {
        numbers[`${tag}_M${m}_seed${s}_rmse`] = r;
      });
      numbers[`${tag}_M${m}_maxAbs`] = Math.max(...o.maxAbs[i]!);
      numbers[`${tag}_M${m}_supErrorBound`] = Math.max(...o.supError[i]!);
    });
  }
  return numbers;
}

function notesOf(
  configs: readonly (readonly (readonly ApproximationExperiment[])[])[],
  outcomes: readonly CellOutcome[],
  scale: D2Scale,
  quick: boolean,
): string[] {
  const [first] = outcomes;
  const bounds = first ? first.trend.boundsUsed * CELLS.length : 0;
  return [
    "What M counts: anchor keys inside one softmax. The approximator is f̃(x) = Σ_m softmax_m(−β_m‖x − x_m‖²)·v_m with M trainable anchors x_m, values v_m and temperatures β_m: one softmax attention head of the query x over M key tokens (model/trainable-approximator.ts), not M heads. Claim D1's surrogate is the case of grid anchors and v_m = f(x_m).",
    `Error: per (M, seed) the root-mean-square error on the same ${scale.heldOutPoints} fresh points uniform in the box, for every M and seed (max |f̃ − f| in the numbers); the error at M is the median over the ${CONSTANTS.seeds} seeds.`,
    `Verdict, per target: violated when a step M_i → M_{i+1} raises the median error beyond its paired band, or the median RMSE at the largest M is significantly above ${CONSTANTS.halvingFactor} × the one at the smallest M ≥ 2; holds when neither and it is significantly below; inconclusive otherwise. Median comparisons are paired (bounds/median-dominance.ts): med(A) > c·med(B) iff some 2 seeds of A and 2 of B have MSE_a > c·MSE_b for all 4 pairs, and each pair is decided by a band on the per-point differences ℓ_a − c·ℓ_b (c = 1 for a step, c = ${CONSTANTS.halvingFactor}² for the halving on MSE), min(Hoeffding, empirical Bernstein) with range = the a-priori bound on ℓ_a plus c times that on ℓ_b (a squared error is ≤ s², s an a-priori bound on sup |f̃ − f| over the box: the smaller of max(max v − min f, max f − min v) (f̃ is a convex combination of the values v_m) and a grid bound (bounds/softmax-sup-error.ts: on each cell, interval bounds on the softmax weights and the target's exact interval), plus the float32 evaluation margin).`,
    `Failure probability ${CONSTANTS.familyWiseFailureProbability}, family-wise over ${bounds} one-sided bounds (Bonferroni over the ${CELLS.length} targets, then over ${first?.trend.boundsUsed ?? 0} per target: ${CONSTANTS.seeds}² per step on the rise side and 2·${CONSTANTS.seeds}² for the halving). It is over the held-out points given the trained approximators: the median of ${CONSTANTS.seeds} seeds is the claim's definition of the error at M, so the training randomness enters through the median, not through a band.`,
    `Slope (reported, outside the verdict): least-squares log-log slope of the median RMSE against every M ≥ 2 (M = 1 is a constant function: no anchors to place), with a ${Math.round(100 * CONSTANTS.bootstrapLevel)}% percentile-bootstrap interval over ${CONSTANTS.bootstrapReplicates} resamples of the held-out points (shared by every M and seed) and of the seeds per M, seeded from the run.`,
    `Training: ${describeTraining(configs.flat(2), 'uniform points', (c) => `${c.validationPoints} validation points`)}; loss = mean squared error.`,
    ...(quick
      ? [
          `Quick scale: M ∈ {${scale.heads.join(', ')}} instead of {${SCALES.default.heads.join(', ')}}; ${scale.steps} steps instead of ${SCALES.default.steps}; batches of ${scale.batchSize} instead of ${SCALES.default.batchSize}; ${scale.heldOutPoints} held-out points instead of ${SCALES.default.heldOutPoints}.`,
        ]
      : []),
    ...outcomes.flatMap((o) => o.sources.map((s) => `${o.cell.target} d=${o.cell.d} ${s}`)),
  ];
}

function plotOf(outcomes: readonly CellOutcome[], scale: D2Scale): Plot {
  const { heads } = scale;
  const from = heads.findIndex((m) => m >= 2);
  const series: Series[] = outcomes.flatMap((o) => {
    const name = label(o.cell);
    return [
      {
        name: `${name}, slope ${o.slope.estimate?.toFixed(2) ?? 'undefined'}`,
        role: 'measured' as const,
        points: heads.map((m, i) => ({ x: m, y: o.trend.medianRmse[i]!, lower: Math.min(...o.rmse[i]!), upper: Math.max(...o.rmse[i]!) })),
      },
      {
        name: `M^(−1/${o.cell.d}), ${name}`,
        role: 'reference' as const,
        points: heads.slice(from).map((m) => ({ x: m, y: o.trend.medianRmse[from]! * (m / heads[from]!) ** (-1 / o.cell.d) })),
      },
    ];
  });
  return {
    title: `D2 is violated if a target's median error rises significantly between consecutive M, or is significantly above ${CONSTANTS.halvingFactor} × its M = ${heads[from]} value at M = ${heads.at(-1)} (paired median bands on the shared points); it holds only if that halving is certified: held-out RMSE of trained M-anchor softmax approximators against M (median of ${CONSTANTS.seeds} seeds, bars span the seeds, ${scale.heldOutPoints} shared points; references M^(−1/d) through M = ${heads[from]})`,
    xLabel: 'anchors M (keys in one softmax)',
    yLabel: 'RMSE',
    logX: true,
    logY: true,
    series,
  };
}
