import { clopperPearsonInterval, clopperPearsonLower, clopperPearsonUpper } from '../../bounds/clopper-pearson';
import {
  envelopeExponentRatio,
  logMinimaxEnvelope,
  logSimplexUnionBound,
  logUnionBoundPerCluster,
  logWeightedUnionBound,
} from '../../bounds/minimax';
import { bonferroni, trialsToResolveRate } from '../../bounds/repetitions';
import { oracleLabels } from '../../theory/estep';
import { type Layout, makeCenters } from '../../theory/layouts';
import { type Matrix, zeros } from '../../theory/matrix';
import { phi } from '../../theory/normal';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck, Plot, Series, SeriesPoint } from './kit/claim-check';
import { SmallestCase } from './kit/smallest-case';

/** CLAIMS.md §4: probability that F1 reports `violated` although the claim holds. */
const FAILURE_PROBABILITY = 1e-6;
/** A cell is resolved when it confirms error ≤ (1 + η)·bound for the weight-averaged error. */
const RELATIVE_RESOLUTION = 0.5;
/** Probability that a cell whose error meets the bound still ends unresolved. */
const UNRESOLVED_PROBABILITY = 1e-3;
/** Pointwise miscoverage of the plotted Clopper–Pearson bands. */
const BAND_ALPHA = 0.05;
const SIGMA = 1;
const BATCH = 8192;
const ENVELOPE_DELTAS = [2, 4, 8, 16] as const;

interface Cell {
  readonly layout: Layout;
  readonly k: number;
  readonly d: number;
  readonly delta: number;
}

/** Cells of F1 (CLAIMS.md §3): several k, Δ/σ from 2 to 16, both layouts (k = 2 has one geometry). */
function cells(quick: boolean): Cell[] {
  const ks = quick ? [2, 3, 5] : [2, 3, 5, 8];
  const deltas = quick ? [2, 4, 8, 16] : [2, 3, 4, 5, 6, 8, 16];
  const out: Cell[] = [];
  for (const layout of ['simplex', 'random'] as const) {
    for (const k of ks) {
      if (layout === 'random' && k === 2) continue;
      // The oracle's error depends only on the noise inside the centers' (k−1)-dimensional span.
      for (const delta of deltas) out.push({ layout, k, d: Math.max(2, k - 1), delta });
    }
  }
  return out;
}

/** Tests per cell: one per cluster, one for the weight-averaged error, and for k = 2 the exactness test. */
function testsIn(cell: Cell): number {
  return cell.k + 1 + (cell.k === 2 ? 1 : 0);
}

interface OracleErrorCounts {
  readonly trials: number[];
  readonly errors: number[];
}

/**
 * Draws `total` points with labels i.i.d. uniform on [k] and X = μ_z + σε, and counts the
 * oracle's errors per cluster. Each point errs independently, so the pooled count is
 * Bin(total, Σ_a p_a/k) and each cluster's count is Bin(trials_a, p_a) given trials_a.
 */
function countOracleErrors(centers: Matrix, total: number, rng: Rng, onBatch: (done: number) => void): OracleErrorCounts {
  const { rows: k, cols: d } = centers;
  const trials = new Array<number>(k).fill(0);
  const errors = new Array<number>(k).fill(0);
  const labels = new Int32Array(BATCH);
  for (let done = 0; done < total; ) {
    const size = Math.min(BATCH, total - done);
    const points = zeros(size, d);
    for (let i = 0; i < size; i++) {
      const a = rng.int(k);
      labels[i] = a;
      for (let c = 0; c < d; c++) points.data[i * d + c] = centers.data[a * d + c]! + SIGMA * rng.normal();
    }
    const predicted = oracleLabels(points, centers);
    for (let i = 0; i < size; i++) {
      const a = labels[i]!;
      trials[a] = trials[a]! + 1;
      if (predicted[i] !== a) errors[a] = errors[a]! + 1;
    }
    done += size;
    onBatch(done);
  }
  return { trials, errors };
}

interface CellOutcome {
  readonly cell: Cell;
  readonly streamId: number;
  readonly seed: number;
  /** Σ_a π_a B_a with equal weights. */
  readonly bound: number;
  readonly boundPerCluster: number[];
  /** Trials that resolve the cell; undefined when beyond the budget or the bound is vacuous (the cell is then not sampled). */
  readonly requiredTrials: number | undefined;
  readonly counts?: OracleErrorCounts;
}

interface PlannedCell extends CellOutcome {
  readonly rng: Rng;
  readonly centers: Matrix;
}

/** Draws the cell's centers and derives its trials from the bound (CLAIMS.md §4); a vacuous bound (≥ 1) needs none. */
function planCell(cell: Cell, streamId: number, cellRng: Rng, alpha: number, budget: number): PlannedCell {
  const centers = makeCenters(cell.layout, cell.k, cell.d, cell.delta, cellRng);
  const bound = Math.exp(logWeightedUnionBound(centers, SIGMA, new Array<number>(cell.k).fill(1 / cell.k)));
  const requiredTrials =
    bound < 1
      ? trialsToResolveRate({ rate: bound, relativeResolution: RELATIVE_RESOLUTION, alpha, beta: UNRESOLVED_PROBABILITY }, budget)
      : undefined;
  const boundPerCluster = logUnionBoundPerCluster(centers, SIGMA).map(Math.exp);
  return { cell, streamId, seed: cellRng.seed, rng: cellRng, centers, bound, boundPerCluster, requiredTrials };
}

interface Rejection {
  readonly cell: Cell;
  readonly streamId: number;
  readonly seed: number;
  readonly test: string;
  readonly errors: number;
  readonly trials: number;
  readonly bound: number;
  readonly confidenceBound: number;
}

/** F1: the oracle's error against the union bound Σ_{b≠a} Φ(−‖μ_a − μ_b‖/2σ), by exact binomial tests. */
export const check: ClaimCheck = {
  id: 'F1',
  async run({ rng, quick, progress }) {
    const grid = cells(quick);
    const budget = quick ? 4_000_000 : 60_000_000;
    const alpha = bonferroni(
      FAILURE_PROBABILITY,
      grid.reduce((s, c) => s + testsIn(c), 0),
    );
    const planned = grid.map((cell, streamId) => planCell(cell, streamId, rng.split(streamId), alpha, budget));
    const totalTrials = sum(planned.map((p) => p.requiredTrials ?? 0));
    let finished = 0;
    const outcomes: CellOutcome[] = planned.map(({ rng: cellRng, centers, ...p }) => {
      if (p.requiredTrials === undefined) return p;
      const counts = countOracleErrors(centers, p.requiredTrials, cellRng, (done) => progress.tick(finished + done, totalTrials));
      finished += p.requiredTrials;
      return { ...p, counts };
    });
    progress.tick(totalTrials, totalTrials);

    const rejections = new SmallestCase<Rejection>();
    let resolvedCells = 0;
    let worstUpperOverBound = 0;
    const notes: string[] = [];
    for (const o of outcomes) {
      if (!o.counts) continue;
      const { trials, errors } = o.counts;
      const reject = (test: string, e: number, t: number, bound: number, confidenceBound: number): void =>
        rejections.offer(o.cell.k * o.cell.d * t, {
          cell: o.cell,
          streamId: o.streamId,
          seed: o.seed,
          test,
          errors: e,
          trials: t,
          bound,
          confidenceBound,
        });
      trials.forEach((t, a) => {
        if (t === 0) return;
        const lower = clopperPearsonLower(errors[a]!, t, alpha);
        if (lower > o.boundPerCluster[a]!)
          reject(`cluster ${a}: error ≤ Σ_{b≠a} Φ(−‖μ_a − μ_b‖/2σ)`, errors[a]!, t, o.boundPerCluster[a]!, lower);
      });
      const pooledTrials = sum(trials);
      const pooledErrors = sum(errors);
      const lower = clopperPearsonLower(pooledErrors, pooledTrials, alpha);
      const upper = clopperPearsonUpper(pooledErrors, pooledTrials, alpha);
      if (lower > o.bound) reject('weight-averaged error ≤ Σ_a π_a B_a', pooledErrors, pooledTrials, o.bound, lower);
      if (upper <= (1 + RELATIVE_RESOLUTION) * o.bound) resolvedCells++;
      else
        notes.push(
          `unresolved: ${describe(o.cell)} (upper bound ${upper.toExponential(3)} > ${(1 + RELATIVE_RESOLUTION).toFixed(1)}·${o.bound.toExponential(3)})`,
        );
      worstUpperOverBound = Math.max(worstUpperOverBound, upper / o.bound);
      if (o.cell.k === 2) {
        // F1: for k = 2 with equal weights the error is exactly Φ(−Δ/2σ); a two-sided test.
        const exact = phi(-o.cell.delta / (2 * SIGMA));
        const interval = clopperPearsonInterval(pooledErrors, pooledTrials, alpha);
        if (exact < interval.lower || exact > interval.upper) {
          reject(
            'k = 2: error = Φ(−Δ/2σ) (two-sided)',
            pooledErrors,
            pooledTrials,
            exact,
            exact < interval.lower ? interval.lower : interval.upper,
          );
        }
      }
    }
    const sampled = outcomes.filter((o) => o.counts);
    const notSampled = outcomes.filter((o) => !o.counts);
    const points = sum(sampled.map((o) => sum(o.counts!.trials)));
    for (const o of notSampled) {
      notes.push(
        o.bound >= 1
          ? `vacuous bound (≥ 1), not sampled: ${describe(o.cell)} (bound ${o.bound.toFixed(3)})`
          : `beyond the Monte-Carlo budget of ${budget} points, bound only: ${describe(o.cell)} (bound ${o.bound.toExponential(3)})`,
      );
    }
    notes.push(
      `Each test is an exact one-sided Clopper–Pearson test at α = ${alpha.toExponential(3)} (Bonferroni share of ${FAILURE_PROBABILITY}); a cell's trials are the fewest that confirm error ≤ ${1 + RELATIVE_RESOLUTION}·bound with probability ≥ ${1 - UNRESOLVED_PROBABILITY} when the bound holds.`,
      `σ = ${SIGMA}; d = max(2, k−1) (the oracle's error depends only on the noise in the centers' span); labels i.i.d. uniform.`,
    );
    const allResolved = sampled.length > 0 && resolvedCells === sampled.length;
    const verdict = rejections.count > 0 ? 'violated' : allResolved ? 'holds' : 'inconclusive';
    const ratios = Object.fromEntries(
      ENVELOPE_DELTAS.map((delta) => [`envelopeExponentRatio_delta${delta}`, envelopeExponentRatio(delta, SIGMA)]),
    );
    const exactness = Object.fromEntries(
      sampled
        .filter((o) => o.cell.k === 2)
        .map((o) => [
          `k2_delta${o.cell.delta}_errorOverPhi`,
          sum(o.counts!.errors) / sum(o.counts!.trials) / phi(-o.cell.delta / (2 * SIGMA)),
        ]),
    );
    return {
      id: 'F1',
      verdict,
      summary:
        `${sampled.length} cells sampled (${points} points): ` +
        (rejections.count > 0
          ? `${rejections.count} tests reject the union bound`
          : `no test rejects the union bound; ${resolvedCells} cells resolved to ≤ ${1 + RELATIVE_RESOLUTION}·bound`) +
        `; ${notSampled.length} cells not sampled (bound vacuous or beyond the budget)` +
        `; −log Φ(−Δ/2)/(Δ²/8) = ${ENVELOPE_DELTAS.map((d) => envelopeExponentRatio(d, SIGMA).toFixed(3)).join(', ')} at Δ/σ = ${ENVELOPE_DELTAS.join(', ')}`,
      numbers: {
        cells: grid.length,
        sampledCells: sampled.length,
        notSampledCells: notSampled.length,
        resolvedCells,
        rejectedTests: rejections.count,
        testAlpha: alpha,
        relativeResolution: RELATIVE_RESOLUTION,
        worstUpperOverBound,
        points,
        ...ratios,
        ...exactness,
        ...Object.fromEntries(
          sampled.map((o) => [`errorOverBound[${describe(o.cell)}]`, sum(o.counts!.errors) / sum(o.counts!.trials) / o.bound]),
        ),
      },
      samples: points,
      failureProbability: FAILURE_PROBABILITY,
      ...(rejections.value ? { counterexample: rejections.value } : {}),
      plots: [simplexPlot(outcomes), randomPlot(outcomes)],
      notes,
    };
  },
};

function sum(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0);
}

function describe(cell: Cell): string {
  return `${cell.layout} k=${cell.k} d=${cell.d} Δ/σ=${cell.delta}`;
}

/** The weight-averaged measured error of each sampled cell with a Clopper–Pearson band; cells with no error are left out of the log plot. */
function measuredSeries(name: string, outcomes: readonly CellOutcome[]): Series {
  const points: SeriesPoint[] = [];
  for (const o of outcomes) {
    if (!o.counts) continue;
    const errors = sum(o.counts.errors);
    const trials = sum(o.counts.trials);
    if (errors === 0) continue;
    const band = clopperPearsonInterval(errors, trials, BAND_ALPHA);
    points.push({ x: o.cell.delta, y: errors / trials, lower: band.lower, upper: band.upper });
  }
  return { name, role: 'measured', points };
}

function curve(name: string, role: Series['role'], deltas: readonly number[], logValue: (delta: number) => number): Series {
  return { name, role, points: deltas.map((delta) => ({ x: delta, y: Math.exp(logValue(delta)) })) };
}

function simplexPlot(outcomes: readonly CellOutcome[]): Plot {
  const simplex = outcomes.filter((o) => o.cell.layout === 'simplex');
  const ks = [...new Set(simplex.map((o) => o.cell.k))];
  const deltas = [...new Set(simplex.map((o) => o.cell.delta))].sort((a, b) => a - b);
  const grid = Array.from({ length: 2 * (deltas.at(-1)! - deltas[0]!) + 1 }, (_, i) => deltas[0]! + i / 2);
  return {
    title: 'F1: oracle error against Δ (simplex centers, σ = 1, 95% Clopper–Pearson bands)',
    xLabel: 'Δ/σ',
    yLabel: 'oracle error',
    logY: true,
    series: [
      ...ks.map((k) =>
        measuredSeries(
          `oracle error, k = ${k}`,
          simplex.filter((o) => o.cell.k === k),
        ),
      ),
      curve('Φ(−Δ/2σ) (exact for k = 2)', 'bound', grid, (delta) => logSimplexUnionBound(2, delta, SIGMA)),
      ...ks
        .filter((k) => k > 2)
        .map((k) => curve(`(k−1)Φ(−Δ/2σ), k = ${k}`, 'bound', grid, (delta) => logSimplexUnionBound(k, delta, SIGMA))),
      curve('exp(−Δ²/8σ²) (minimax envelope)', 'reference', grid, (delta) => logMinimaxEnvelope(delta, SIGMA)),
    ],
  };
}

function randomPlot(outcomes: readonly CellOutcome[]): Plot {
  const random = outcomes.filter((o) => o.cell.layout === 'random');
  const ks = [...new Set(random.map((o) => o.cell.k))];
  return {
    title: 'F1: oracle error against Δ (random centers, σ = 1, 95% Clopper–Pearson bands)',
    xLabel: 'Δ/σ',
    yLabel: 'oracle error',
    logY: true,
    series: ks.flatMap((k) => {
      const cellsOfK = random.filter((o) => o.cell.k === k);
      return [
        measuredSeries(`oracle error, k = ${k}`, cellsOfK),
        {
          name: `union bound Σ_a π_a Σ_{b≠a} Φ(−‖μ_a−μ_b‖/2σ), k = ${k}`,
          role: 'bound' as const,
          points: cellsOfK.map((o) => ({ x: o.cell.delta, y: o.bound })),
        },
      ];
    }),
  };
}
