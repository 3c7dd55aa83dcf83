import { clopperPearsonUpper } from '../../bounds/clopper-pearson';
import {
  type BernsteinMeanTest,
  bernsteinMeanLower,
  bernsteinMeanUpper,
  clippedBernsteinBand,
  planTwoLooks,
  type TwoLookPlan,
} from '../../bounds/f2-bernstein-mean';
import { f2RegimeN, inF2Regime } from '../../bounds/f2-regime';
import { logMinimaxEnvelope, logSimplexUnionBound, logSingleRunEnvelope } from '../../bounds/minimax';
import { claimEntry } from '../../bounds/registry';
import { bonferroni } from '../../bounds/repetitions';
import { oracleLabels } from '../../theory/estep';
import { perturbedTruth } from '../../theory/init';
import type { Layout } from '../../theory/layouts';
import { type LloydResult, lloyd } from '../../theory/lloyd';
import type { Matrix } from '../../theory/matrix';
import { mislabelRate } from '../../theory/mislabel';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { Rng } from '../../theory/rng';
import { mean } from '../../theory/sample-statistics';
import { BAND_ALPHA, BAND_PERCENT } from './kit/bands';
import { describeCell, type MixtureCell } from './kit/cells-grid';
import type { ClaimCheck, ClaimScales, Headline, NumberValue, Plot, Progress, Series, SeriesPoint, Verdict } from './kit/claim-check';
import { headline, shown } from './kit/headline';
import { bernsteinRatePoint, curve, measuredSeries } from './kit/rate-series';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { lambda0, iterationFactor, oracleGap, kdOverNMax } = claimEntry('F2').constants;

/** CLAIMS.md §4: probability that F2 reports `violated` although the claim holds. */
const FAILURE_PROBABILITY = 1e-5;
/** A mean test is resolved when its upper confidence bound is ≤ (1 + η)·bound. */
const RELATIVE_RESOLUTION = 1;
/**
 * Probability, planned for, that some in-regime cell whose means meet their bounds is left
 * unresolved at its planned runs (split evenly over the mean tests): the worst-case plan of
 * bounds/f2-bernstein-mean.ts guarantees it for any values in [0, clip], not only for ours.
 */
const UNRESOLVED_PROBABILITY = 0.05;
/** Looks at the data per cell (bounds/f2-bernstein-mean.ts planTwoLooks): each tests at α/LOOKS. */
const LOOKS = 2;
/** |Lloyd − oracle| is clipped here for (c) (clipping only lowers the mean, so rejections stay valid). */
const GAP_CLIP = 5 * oracleGap;
const SIGMA = 1;
/** The n-series runs at simplex k = 4, d = 4, Δ/σ = 4 (k·d/n ≤ 0.016). */
const N_SERIES_AT = { layout: 'simplex', k: 4, d: 4, delta: 4 } as const;
/** The trend outside the regime: simplex k = 8, Δ/σ = 3, n = 1000, with d raised until k·d/n = 0.256. */
const TREND_AT = { layout: 'simplex', k: 8, delta: 3, n: 1000 } as const;
/**
 * The trend's bands clip |Lloyd − oracle| at 10× the in-regime allowance (fixed before any trend
 * data) and add (1 − 1/k − clip)·P(gap > clip) by Clopper–Pearson, so the upper end stays a bound
 * on the unclipped mean while the range term of the band shrinks tenfold.
 */
const TREND_CLIP = 10 * oracleGap;

/** A cell of F2's in-regime grid; its n is the fewest points ≥ 1000 with k·d/n ≤ 0.05 (f2RegimeN). */
interface RegimeCell {
  readonly layout: Layout;
  readonly k: number;
  readonly d: number;
  readonly delta: number;
}

/** F2's regime (CLAIMS.md §3: n ≥ 1000, Δ/σ ∈ [3, 8], k ≤ 8, k·d/n ≤ 0.05) as probed at one scale. */
interface F2Scale {
  /** The in-regime grid, in stream order. */
  readonly cells: readonly RegimeCell[];
  /** The n-series: further n at N_SERIES_AT (in the regime, in the verdict). */
  readonly nSeries: readonly number[];
  /** The trend: d at TREND_AT, every one outside the regime (k·d/n > 0.05), reported beside the verdict. */
  readonly trendDimensions: readonly number[];
  readonly trendRuns: number;
  /** Runs per in-regime cell at most; a cell planned for more is judged at the cap and may stay unresolved. */
  readonly maxRunsPerCell: number;
}

/**
 * The grid, explicit: k = 2 and 4 at d = k, n = 1000 (k·d/n = 0.004, 0.016); k = 8 twice, simplex
 * at d = 8 with n raised to 1280 (k·d/n = 0.05 exactly; a simplex needs d ≥ k − 1 = 7, and 8·7/1000
 * is 0.056), and random centers at d = 6, n = 1000 (0.048).
 */
const LAYOUT_CELLS = [
  { layout: 'simplex', k: 2, d: 2 },
  { layout: 'simplex', k: 4, d: 4 },
  { layout: 'simplex', k: 8, d: 8 },
  { layout: 'random', k: 4, d: 4 },
  { layout: 'random', k: 8, d: 6 },
] as const;

const SCALES: ClaimScales<F2Scale> = {
  quick: {
    cells: [
      { layout: 'simplex', k: 2, d: 2, delta: 3 },
      { layout: 'simplex', k: 8, d: 8, delta: 3 },
      { layout: 'simplex', k: 8, d: 8, delta: 5 },
      { layout: 'simplex', k: 4, d: 4, delta: 4 },
    ],
    nSeries: [4000],
    trendDimensions: [32],
    trendRuns: 60,
    maxRunsPerCell: 600,
  },
  default: {
    cells: [3, 4, 5, 6, 8].flatMap((delta) => LAYOUT_CELLS.map((c) => ({ ...c, delta }))),
    nSeries: [2000, 4000, 8000],
    trendDimensions: [7, 8, 12, 16, 24, 32],
    trendRuns: 400,
    // The worst-case plan at Δ/σ = 8 (about 10⁴ runs) fits under the cap.
    maxRunsPerCell: 12000,
  },
};

/** Lloyd as F2 runs it: from `init`, for `maxIterations` iterations. */
export type LloydSubject = (points: Matrix, init: Matrix, options: { maxIterations: number }) => Pick<LloydResult, 'labels'>;

/** What F2 checks, injectable for its negative control (properties/negative-controls-f2-a1.test.ts). */
export interface F2Subject {
  readonly lloyd: LloydSubject;
}

/** F2: Lloyd from perturbed truth against the minimax envelopes and the oracle, in the regime; the excess outside it. */
export function f2Check(subject: Partial<F2Subject> = {}): ClaimCheck<F2Scale> {
  const runLloyd = subject.lloyd ?? lloyd;
  return {
    id: 'F2',
    scales: SCALES,
    async run({ rng, scale, progress }) {
      const planned = plan(scale);
      const work = workOf(planned, scale.trendRuns);
      const outcomes = planned.cells.map((p) => measureCell(p, rng, runLloyd, work, progress));
      const trend = planned.trend.map((p) => measureTrend(p, rng, runLloyd, scale.trendRuns, work, progress));
      progress.tick(work.total, work.total);
      const judgement = judge(outcomes);
      return {
        id: 'F2',
        verdict: judgement.verdict,
        summary: summaryOf(outcomes, trend, judgement),
        headline: headlineOf(outcomes),
        numbers: numbersOf(planned, outcomes, trend, judgement),
        samples: sum(outcomes.map((o) => o.runs.length)),
        failureProbability: FAILURE_PROBABILITY,
        ...(judgement.violations.value ? { counterexample: judgement.violations.value } : {}),
        plots: [
          errorAgainstDelta(outcomes),
          errorAgainstN(outcomes),
          gapAgainstDelta(outcomes),
          ...(trend.length > 0 ? [excessAgainstKdOverN(outcomes, trend)] : []),
        ],
        notes: notesOf(scale, planned, judgement, trend),
      };
    },
  };
}

export const check = f2Check();

// Plan: the in-regime cells, their mean tests and two-look run plans (CLAIMS.md §4); the trend cells.

interface F2Cell extends MixtureCell {
  readonly n: number;
}

interface CellPlan {
  readonly cell: F2Cell;
  readonly streamId: number;
  /** (b): every run's error ≤ exp(−Δ²/16σ²). */
  readonly singleRunBound: number;
  /** (a): mean error ≤ exp(−Δ²/8σ²), errors clipped at (b)'s bound, at the level of one look. */
  readonly meanTest: BernsteinMeanTest;
  /** (c): mean |Lloyd − oracle| ≤ oracleGap, gaps clipped at GAP_CLIP, at the level of one look. */
  readonly gapTest: BernsteinMeanTest;
  readonly looks: TwoLookPlan;
}

interface TrendPlan {
  readonly cell: F2Cell;
  readonly streamId: number;
}

interface F2Plan {
  /** The level of each of (a) and (c) per cell (Bonferroni share of the failure probability), before the split over looks. */
  readonly alpha: number;
  /** The planned probability that a cell meeting the claim stays unresolved, per mean test. */
  readonly beta: number;
  readonly cells: readonly CellPlan[];
  readonly trend: readonly TrendPlan[];
}

function gridOf(scale: F2Scale): F2Cell[] {
  const inRegime = ({ layout, k, d, delta }: RegimeCell): F2Cell => ({ layout, k, d, delta, n: f2RegimeN(k, d, kdOverNMax) });
  const grid = [...scale.cells.map(inRegime), ...scale.nSeries.map((n) => ({ ...inRegime(N_SERIES_AT), n }))];
  for (const cell of grid) if (!inF2Regime(cell, kdOverNMax)) throw new Error(`F2: ${describeCell(cell)} lies outside the regime`);
  return grid;
}

function plan(scale: F2Scale): F2Plan {
  const grid = gridOf(scale);
  const alpha = bonferroni(FAILURE_PROBABILITY, 2 * grid.length); // (a) and (c) per cell; (b) is deterministic
  const beta = bonferroni(UNRESOLVED_PROBABILITY, 2 * grid.length);
  const perLook = alpha / LOOKS;
  const cells = grid.map((cell, streamId): CellPlan => {
    const singleRunBound = Math.exp(logSingleRunEnvelope(cell.delta, SIGMA));
    const meanTest = { bound: Math.exp(logMinimaxEnvelope(cell.delta, SIGMA)), clip: singleRunBound, alpha: perLook };
    const gapTest = { bound: oracleGap, clip: GAP_CLIP, alpha: perLook };
    const looks = planTwoLooks([meanTest, gapTest], RELATIVE_RESOLUTION, beta, scale.maxRunsPerCell);
    return { cell, streamId, singleRunBound, meanTest, gapTest, looks };
  });
  const trend = scale.trendDimensions.map((d, i): TrendPlan => {
    const cell = { ...TREND_AT, d };
    if (inF2Regime(cell, kdOverNMax)) throw new Error(`F2: trend cell ${describeCell(cell)} lies inside the regime`);
    return { cell, streamId: grid.length + i };
  });
  return { alpha, beta, cells, trend };
}

// Measure: Lloyd and the oracle on fresh instances, one stream per run.

/** ⌈4 ln n⌉ Lloyd iterations (CLAIMS.md §3, F2). */
function iterationsFor(n: number): number {
  return Math.ceil(iterationFactor * Math.log(n));
}

function specOf(cell: F2Cell): MixtureSpec {
  return { ...cell, sigma: SIGMA, variant: { kind: 'isotropic' } };
}

interface Run {
  readonly lloydError: number;
  readonly oracleError: number;
  readonly gap: number;
  readonly seed: number;
}

function runOnce(spec: MixtureSpec, runRng: Rng, runLloyd: LloydSubject): Run {
  const instance = sampleInstance(spec, runRng);
  const init = perturbedTruth(instance.centers, lambda0, runRng);
  const result = runLloyd(instance.points, init, { maxIterations: iterationsFor(spec.n) });
  const lloydError = mislabelRate(result.labels, instance.labels, spec.k);
  const oracleError = mislabelRate(oracleLabels(instance.points, instance.centers), instance.labels, spec.k);
  return { lloydError, oracleError, gap: Math.abs(lloydError - oracleError), seed: runRng.seed };
}

interface Work {
  readonly total: number;
  done: number;
}

/** Progress in point-cluster units; a cell counts its second look's runs, the most it may run. */
function workOf(planned: F2Plan, trendRuns: number): Work {
  const cells = sum(planned.cells.map((p) => p.looks.second * p.cell.n * p.cell.k));
  return { total: cells + sum(planned.trend.map((p) => trendRuns * p.cell.n * p.cell.k)), done: 0 };
}

function runMany(cell: F2Cell, cellRng: Rng, from: number, to: number, runLloyd: LloydSubject, work: Work, progress: Progress): Run[] {
  const spec = specOf(cell);
  const runs: Run[] = [];
  for (let r = from; r < to; r++) {
    runs.push(runOnce(spec, cellRng.split(r), runLloyd));
    work.done += cell.n * cell.k;
    if (r % 50 === 0) progress.tick(work.done, work.total);
  }
  return runs;
}

/** The outcome of one look at a cell's runs so far. */
interface Look {
  readonly runs: number;
  readonly meanLower: number;
  readonly meanUpper: number;
  readonly gapLower: number;
  readonly gapUpper: number;
  readonly rejected: boolean;
  readonly resolved: boolean;
}

interface CellOutcome extends CellPlan {
  readonly seed: number;
  readonly runs: readonly Run[];
  readonly lookResults: readonly Look[];
}

function lookAt(o: CellPlan, runs: readonly Run[]): Look {
  const errors = runs.map((r) => r.lloydError);
  const gaps = runs.map((r) => r.gap);
  const look = {
    runs: runs.length,
    meanLower: bernsteinMeanLower(errors, o.meanTest),
    meanUpper: bernsteinMeanUpper(errors, o.meanTest),
    gapLower: bernsteinMeanLower(gaps, o.gapTest),
    gapUpper: bernsteinMeanUpper(gaps, o.gapTest),
  };
  const rejected = look.meanLower > o.meanTest.bound || look.gapLower > o.gapTest.bound || errors.some((e) => e > o.singleRunBound);
  const target = 1 + RELATIVE_RESOLUTION;
  const resolved = look.meanUpper <= target * o.meanTest.bound && look.gapUpper <= target * o.gapTest.bound;
  return { ...look, rejected, resolved };
}

/** A cell's runs in up to two looks: the second only when the first neither rejected nor resolved. */
function measureCell(p: CellPlan, rng: Rng, runLloyd: LloydSubject, work: Work, progress: Progress): CellOutcome {
  const cellRng = rng.split(p.streamId);
  const runs = runMany(p.cell, cellRng, 0, p.looks.first, runLloyd, work, progress);
  const lookResults = [lookAt(p, runs)];
  if (!lookResults[0]!.rejected && !lookResults[0]!.resolved && p.looks.second > p.looks.first) {
    runs.push(...runMany(p.cell, cellRng, p.looks.first, p.looks.second, runLloyd, work, progress));
    lookResults.push(lookAt(p, runs));
  } else work.done += (p.looks.second - p.looks.first) * p.cell.n * p.cell.k;
  return { ...p, seed: cellRng.seed, runs, lookResults };
}

interface TrendOutcome extends TrendPlan {
  readonly runs: readonly Run[];
}

function measureTrend(p: TrendPlan, rng: Rng, runLloyd: LloydSubject, count: number, work: Work, progress: Progress): TrendOutcome {
  return { ...p, runs: runMany(p.cell, rng.split(p.streamId), 0, count, runLloyd, work, progress) };
}

// Judge: (a) and (c) by one-sided empirical-Bernstein tests on clipped values at each look, (b) on every run.

interface Counterexample {
  readonly subCheck: string;
  readonly spec: MixtureSpec;
  readonly streamId: number;
  readonly cellSeed: number;
  readonly runSeed?: number;
  readonly measured: number;
  readonly bound: number;
  readonly runs?: number;
}

interface F2Judgement {
  readonly verdict: Verdict;
  readonly violations: SmallestCase<Counterexample>;
  /** One note per unresolved cell. */
  readonly unresolved: readonly string[];
  readonly unresolvedCells: readonly string[];
  readonly worstMeanOverBound: number;
  readonly worstRunOverBound: number;
  readonly worstMeanGap: number;
}

function judge(outcomes: readonly CellOutcome[]): F2Judgement {
  const violations = new SmallestCase<Counterexample>();
  const unresolved: string[] = [];
  const unresolvedCells: string[] = [];
  for (const o of outcomes) {
    const last = o.lookResults[o.lookResults.length - 1]!;
    testCell(o, violations);
    if (!last.resolved) {
      unresolvedCells.push(describeCell(o.cell));
      unresolved.push(
        `unresolved: ${describeCell(o.cell)} after ${last.runs} runs (planned ${o.looks.required}${o.looks.required > o.looks.second ? `, capped at ${o.looks.second}` : ''}): upper bounds ${(last.meanUpper / o.meanTest.bound).toFixed(2)}× exp(−Δ²/8σ²) and ${(last.gapUpper / oracleGap).toFixed(2)}× ${oracleGap}, above ${1 + RELATIVE_RESOLUTION}×`,
      );
    }
  }
  // `holds` needs every cell resolved; a violation anywhere wins; otherwise the unresolved cells make F2 inconclusive.
  const verdict = verdictOf({ violations: violations.count, unresolved: unresolvedCells.length });
  return {
    verdict,
    violations,
    unresolved,
    unresolvedCells,
    worstMeanOverBound: Math.max(...outcomes.map((o) => mean(errorsOf(o)) / o.meanTest.bound)),
    worstRunOverBound: Math.max(...outcomes.map((o) => Math.max(...errorsOf(o)) / o.singleRunBound)),
    worstMeanGap: Math.max(...outcomes.map((o) => mean(gapsOf(o)))),
  };
}

function errorsOf(o: { readonly runs: readonly Run[] }): number[] {
  return o.runs.map((r) => r.lloydError);
}

function gapsOf(o: { readonly runs: readonly Run[] }): number[] {
  return o.runs.map((r) => r.gap);
}

/** F2's sub-checks (a), (b), (c) of one cell at each look; each rejection is offered as a counterexample, smallest n·k·d first. */
function testCell(o: CellOutcome, violations: SmallestCase<Counterexample>): void {
  const size = o.cell.n * o.cell.k * o.cell.d;
  const base = { spec: specOf(o.cell), streamId: o.streamId, cellSeed: o.seed };
  const look = o.lookResults.find((l) => l.rejected) ?? o.lookResults[o.lookResults.length - 1]!;
  if (look.meanLower > o.meanTest.bound)
    violations.offer(size, {
      ...base,
      subCheck: '(a) mean error ≤ exp(−Δ²/8σ²): empirical-Bernstein lower confidence bound',
      measured: look.meanLower,
      bound: o.meanTest.bound,
      runs: look.runs,
    });
  // (b): a single exceedance is a counterexample.
  const worst = o.runs.reduce((w, r) => (r.lloydError > w.lloydError ? r : w));
  if (worst.lloydError > o.singleRunBound)
    violations.offer(size, {
      ...base,
      subCheck: '(b) every run ≤ exp(−Δ²/16σ²)',
      runSeed: worst.seed,
      measured: worst.lloydError,
      bound: o.singleRunBound,
    });
  if (look.gapLower > o.gapTest.bound)
    violations.offer(size, {
      ...base,
      subCheck: `(c) mean |Lloyd − oracle| ≤ ${oracleGap}: empirical-Bernstein lower confidence bound`,
      measured: look.gapLower,
      bound: o.gapTest.bound,
      runs: look.runs,
    });
}

/** The look a cell's verdict rests on: the first that rejected, else the last. */
function decidingLook(o: CellOutcome): Look {
  return o.lookResults.find((l) => l.rejected) ?? o.lookResults[o.lookResults.length - 1]!;
}

/** One of F2's sub-checks in one cell, as the headline states it: the deciding value against its bound. */
interface SubCheck {
  readonly bound: string;
  readonly measured: string;
  readonly value: number;
  readonly limit: number;
}

function subChecksOf(o: CellOutcome): SubCheck[] {
  const look = decidingLook(o);
  const at = describeCell(o.cell);
  const worstRun = Math.max(...errorsOf(o));
  return [
    {
      bound: `(a) mean error ≤ exp(−Δ²/8σ²) = ${shown(o.meanTest.bound)} at ${at}`,
      measured: `empirical-Bernstein lower bound ${shown(look.meanLower)} (mean ${shown(mean(errorsOf(o)))}, ${look.runs} runs)`,
      value: look.meanLower,
      limit: o.meanTest.bound,
    },
    {
      bound: `(b) every run ≤ exp(−Δ²/16σ²) = ${shown(o.singleRunBound)} at ${at}`,
      measured: `worst run ${shown(worstRun)} (of ${o.runs.length} runs)`,
      value: worstRun,
      limit: o.singleRunBound,
    },
    {
      bound: `(c) mean |Lloyd − oracle| ≤ ${oracleGap} at ${at}`,
      measured: `empirical-Bernstein lower bound ${shown(look.gapLower)} (mean ${shown(mean(gapsOf(o)))}, ${look.runs} runs)`,
      value: look.gapLower,
      limit: o.gapTest.bound,
    },
  ];
}

/** F2's row: over every in-regime cell and sub-check, the deciding value nearest to (or beyond) its bound, relative to it. */
function headlineOf(outcomes: readonly CellOutcome[]): Headline {
  const tightest = outcomes.flatMap(subChecksOf).reduce((t, c) => (c.value / c.limit > t.value / t.limit ? c : t));
  return headline(tightest.bound, tightest.measured, tightest.limit - tightest.value);
}

// Present: summary, numbers, notes and plots.

function kdOverN(cell: F2Cell): number {
  return (cell.k * cell.d) / cell.n;
}

function trendText(trend: readonly TrendOutcome[]): string {
  return trend.map((t) => `${mean(gapsOf(t)).toFixed(4)} at k·d/n = ${kdOverN(t.cell).toFixed(3)} (d = ${t.cell.d})`).join(', ');
}

function summaryOf(outcomes: readonly CellOutcome[], trend: readonly TrendOutcome[], judgement: F2Judgement): string {
  const { violations, unresolvedCells } = judgement;
  const cells = outcomes.length;
  return (
    `${sum(outcomes.map((o) => o.runs.length))} Lloyd runs in ${cells} in-regime cells (k·d/n ≤ ${kdOverNMax}): ` +
    (violations.count > 0 ? `${violations.count} sub-checks violated; ` : 'no sub-check violated; ') +
    `${cells - unresolvedCells.length}/${cells} cells resolved to ${1 + RELATIVE_RESOLUTION}× their bounds` +
    (unresolvedCells.length > 0 ? ` (unresolved: ${unresolvedCells.join('; ')})` : '') +
    '; ' +
    `worst mean/exp(−Δ²/8σ²) = ${judgement.worstMeanOverBound.toFixed(3)}, worst run/exp(−Δ²/16σ²) = ${judgement.worstRunOverBound.toFixed(3)}, worst mean |Lloyd − oracle| = ${judgement.worstMeanGap.toFixed(4)} (allowed ${oracleGap})` +
    (trend.length > 0 ? `; outside the regime (not in the verdict) the mean excess over the oracle is ${trendText(trend)}` : '')
  );
}

function numbersOf(
  planned: F2Plan,
  outcomes: readonly CellOutcome[],
  trend: readonly TrendOutcome[],
  judgement: F2Judgement,
): Record<string, NumberValue> {
  const runs = sum(outcomes.map((o) => o.runs.length));
  const exceedances = sum(outcomes.map((o) => errorsOf(o).filter((e) => e > o.singleRunBound).length));
  return {
    cells: outcomes.length,
    runs,
    testAlpha: planned.alpha,
    testAlphaPerLook: planned.alpha / LOOKS,
    plannedUnresolvedProbabilityPerTest: planned.beta,
    relativeResolution: RELATIVE_RESOLUTION,
    gapClip: GAP_CLIP,
    lambda0,
    kdOverNMax,
    iterationsAtN1000: iterationsFor(1000),
    resolvedCells: outcomes.length - judgement.unresolvedCells.length,
    cellsDecidedAtFirstLook: outcomes.filter((o) => o.lookResults.length === 1).length,
    violations: judgement.violations.count,
    worstMeanOverMinimaxEnvelope: judgement.worstMeanOverBound,
    worstRunOverSingleRunEnvelope: judgement.worstRunOverBound,
    worstMeanGap: judgement.worstMeanGap,
    exceedanceProbabilityUpper95: clopperPearsonUpper(exceedances, runs, BAND_ALPHA),
    ...Object.fromEntries(
      outcomes.flatMap((o) => {
        const last = o.lookResults[o.lookResults.length - 1]!;
        const name = describeCell(o.cell);
        return [
          [`runs[${name}]`, o.runs.length],
          [`meanOverMinimaxEnvelope[${name}]`, mean(errorsOf(o)) / o.meanTest.bound],
          [`meanUpperOverMinimaxEnvelope[${name}]`, last.meanUpper / o.meanTest.bound],
          [`meanGap[${name}]`, mean(gapsOf(o))],
          [`meanGapUpper[${name}]`, last.gapUpper],
        ];
      }),
    ),
    ...Object.fromEntries(
      trend.flatMap((t) => {
        const band = excessPoint(t);
        const name = `trend ${describeCell(t.cell)} k·d/n=${kdOverN(t.cell).toFixed(3)}`;
        return [
          [`meanExcess[${name}]`, band.y],
          [`meanExcessLower95[${name}]`, band.lower ?? 0],
          [`meanExcessUpper95[${name}]`, band.upper ?? band.y],
        ];
      }),
    ),
  };
}

function notesOf(scale: F2Scale, planned: F2Plan, judgement: F2Judgement, trend: readonly TrendOutcome[]): string[] {
  const cells = planned.cells;
  const capped = cells.filter((p) => p.looks.required > p.looks.second);
  return [
    `In-regime grid (every cell has n ≥ 1000 and k·d/n ≤ ${kdOverNMax}; n is the fewest points ≥ 1000 meeting it): ${cells.map((p) => `${describeCell(p.cell)} (k·d/n = ${kdOverN(p.cell).toFixed(3)})`).join('; ')}.`,
    `Each of (a) and (c) is a one-sided test per cell at α = ${planned.alpha.toExponential(3)} (Bonferroni share of ${FAILURE_PROBABILITY}), split over ${LOOKS} looks (α/${LOOKS} each): the lower confidence bound is the mean minus min(Hoeffding, empirical Bernstein), each at α/${2 * LOOKS}. (a) clips errors at exp(−Δ²/16σ²) (the single-run bound, checked on every run), (c) clips gaps at ${GAP_CLIP}; clipping only lowers a mean, so a rejection stays valid. (b) is checked on every run.`,
    `Runs are planned before the data (bounds/f2-bernstein-mean.ts): the first look at the fewest runs at which a cell with zero spread at its bound resolves; the second, only if the first neither rejects nor resolves, at the fewest runs for which any values in [0, clip] with mean ≤ bound (variance ≤ bound·clip) resolve except with probability ${planned.beta.toExponential(2)} per test (${UNRESOLVED_PROBABILITY} over the claim), capped at ${scale.maxRunsPerCell}. A test is resolved when its upper confidence bound is ≤ ${1 + RELATIVE_RESOLUTION}× its bound. Verdict: violated when any sub-check of any cell is rejected; else holds only when every cell resolves; else inconclusive, naming the unresolved cells.`,
    ...(capped.length > 0
      ? [
          `Planned runs above the cap (judged at the cap): ${capped.map((p) => `${describeCell(p.cell)} planned ${p.looks.required}`).join('; ')}.`,
        ]
      : []),
    `σ = ${SIGMA}, Λ_0 = ${lambda0}, ⌈${iterationFactor} ln n⌉ iterations; error is the optimal-assignment mislabel rate; the n-series runs at ${describeCell({ ...N_SERIES_AT })} for n = ${scale.nSeries.join(', ') || 'none'}.`,
    ...(trend.length > 0
      ? [
          `Outside the regime (a trend, not in the verdict): ${TREND_AT.layout} k=${TREND_AT.k} n=${TREND_AT.n} Δ/σ=${TREND_AT.delta} with d = ${trend.map((t) => t.cell.d).join(', ')}, ${scale.trendRuns} runs each; mean |Lloyd − oracle| ${trendText(trend)} (95% bands in the numbers and the plot). The effective SNR r_k = (Δ/σ)·√(α/(1 + kd/n)) falls as k·d/n grows, so the excess is expected to grow there.`,
        ]
      : []),
    ...judgement.unresolved,
  ];
}

function sum(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0);
}

/** The in-regime simplex cells at each k's own n (the n-series excluded). */
function baseSimplex(outcomes: readonly CellOutcome[]): CellOutcome[] {
  return outcomes.filter((o) => o.cell.layout === 'simplex' && o.cell.n === f2RegimeN(o.cell.k, o.cell.d, kdOverNMax));
}

function errorAgainstDelta(outcomes: readonly CellOutcome[]): Plot {
  const simplex = baseSimplex(outcomes);
  const ks = [...new Set(simplex.map((o) => o.cell.k))];
  const deltas = simplex.map((o) => o.cell.delta);
  const grid = Array.from({ length: 4 * (Math.max(...deltas) - Math.min(...deltas)) + 1 }, (_, i) => Math.min(...deltas) + i / 4);
  return {
    title: `F2 is violated if a cell's mean error is significantly above exp(−Δ²/8σ²) (its empirical-Bernstein lower bound above it, not the ${BAND_PERCENT}% band drawn), any run lies above exp(−Δ²/16σ²), or mean |Lloyd − oracle| is significantly above ${oracleGap} (plot 3): Lloyd (perturbed truth, Λ_0 = ${lambda0}, ⌈${iterationFactor} ln n⌉ steps) against Δ, simplex centers, k·d/n ≤ ${kdOverNMax}`,
    xLabel: 'Δ/σ',
    yLabel: 'mean mislabel rate',
    logY: true,
    series: [
      ...ks.flatMap((k) => {
        const ofK = simplex.filter((o) => o.cell.k === k);
        const n = ofK[0]!.cell.n;
        return [
          measuredSeries(
            `Lloyd, k = ${k}, n = ${n}`,
            ofK.map((o) => bernsteinRatePoint(o.cell.delta, errorsOf(o), o.singleRunBound)),
          ),
          measuredSeries(
            `oracle, k = ${k}, n = ${n}`,
            ofK.map((o) =>
              bernsteinRatePoint(
                o.cell.delta,
                o.runs.map((r) => r.oracleError),
                o.singleRunBound,
              ),
            ),
          ),
          curve(`(k−1)Φ(−Δ/2σ), k = ${k}`, 'reference', grid, (delta) => Math.exp(logSimplexUnionBound(k, delta, SIGMA))),
        ];
      }),
      curve('exp(−Δ²/8σ²) (bound on the mean)', 'bound', grid, (delta) => Math.exp(logMinimaxEnvelope(delta, SIGMA))),
      curve('exp(−Δ²/16σ²) (bound on every run)', 'bound', grid, (delta) => Math.exp(logSingleRunEnvelope(delta, SIGMA))),
    ],
  };
}

function errorAgainstN(outcomes: readonly CellOutcome[]): Plot {
  const { layout, k, d, delta } = N_SERIES_AT;
  const series = outcomes
    .filter((o) => o.cell.layout === layout && o.cell.k === k && o.cell.d === d && o.cell.delta === delta)
    .sort((a, b) => a.cell.n - b.cell.n);
  const ns = series.map((o) => o.cell.n);
  return {
    title: `F2 is violated if a mean error is significantly above exp(−Δ²/8σ²), a run above exp(−Δ²/16σ²) (not drawn), or the mean |Lloyd − oracle| significantly above ${oracleGap}, each by its test's confidence bound (not the ${BAND_PERCENT}% bands drawn): Lloyd against n (${layout}, k = ${k}, d = ${d}, Δ/σ = ${delta})`,
    xLabel: 'n',
    yLabel: 'mean mislabel rate',
    logX: true,
    logY: true,
    series: [
      measuredSeries(
        'Lloyd',
        series.map((o) => bernsteinRatePoint(o.cell.n, errorsOf(o), o.singleRunBound)),
      ),
      measuredSeries(
        'oracle',
        series.map((o) =>
          bernsteinRatePoint(
            o.cell.n,
            o.runs.map((r) => r.oracleError),
            o.singleRunBound,
          ),
        ),
      ),
      measuredSeries(
        '|Lloyd − oracle|',
        series.map((o) => bernsteinRatePoint(o.cell.n, gapsOf(o), GAP_CLIP)),
      ),
      curve('exp(−Δ²/8σ²)', 'bound', ns, () => Math.exp(logMinimaxEnvelope(delta, SIGMA))),
      curve('(k−1)Φ(−Δ/2σ)', 'reference', ns, () => Math.exp(logSimplexUnionBound(k, delta, SIGMA))),
      curve(`allowed mean |Lloyd − oracle| (${oracleGap})`, 'bound', ns, () => oracleGap),
    ],
  };
}

/**
 * Sub-check (c) as the verdict reads it (issue 12): per in-regime cell, the mean of the paired
 * per-run gaps |Lloyd − oracle| (Lloyd and the oracle on the same instance), clipped at GAP_CLIP as
 * tested, with the test's own confidence bounds at the deciding look (α/LOOKS per look).
 */
function gapAgainstDelta(outcomes: readonly CellOutcome[]): Plot {
  const groups = new Map<string, CellOutcome[]>();
  for (const o of outcomes) {
    const name = `${o.cell.layout} k=${o.cell.k} d=${o.cell.d} n=${o.cell.n}`;
    groups.set(name, [...(groups.get(name) ?? []), o]);
  }
  const deltas = outcomes.map((o) => o.cell.delta);
  const series: Series[] = [...groups].map(([name, cells]) => ({
    name,
    role: 'measured',
    points: cells.map((o) => {
      const look = decidingLook(o);
      return { x: o.cell.delta, y: mean(gapsOf(o).map((g) => Math.min(g, GAP_CLIP))), lower: look.gapLower, upper: look.gapUpper };
    }),
  }));
  return {
    title: `F2 (c) is violated if a cell's lower confidence bound on mean |Lloyd − oracle| lies above ${oracleGap}: the paired per-run gap (Lloyd and the oracle on the same instance, clipped at ${GAP_CLIP} as tested) per in-regime cell against Δ, with its test's empirical-Bernstein bounds at the deciding look`,
    xLabel: 'Δ/σ',
    yLabel: `mean min(|Lloyd − oracle|, ${GAP_CLIP})`,
    series: [
      ...series,
      curve(`allowed mean |Lloyd − oracle| (${oracleGap})`, 'bound', [Math.min(...deltas), Math.max(...deltas)], () => oracleGap),
    ],
  };
}

/** Mean |Lloyd − oracle| at x = k·d/n with its BAND_PERCENT% band (clippedBernsteinBand, gaps in [0, 1 − 1/k]). */
function excessPoint(o: { readonly cell: F2Cell; readonly runs: readonly Run[] }): SeriesPoint {
  const band = clippedBernsteinBand(gapsOf(o), TREND_CLIP, BAND_ALPHA, 1 - 1 / o.cell.k);
  return { x: kdOverN(o.cell), y: band.mean, lower: band.lower, upper: band.upper };
}

/** The trend beside the verdict: mean excess over the oracle against k·d/n at k = 8, Δ/σ = 3, with the in-regime cell for reference. */
function excessAgainstKdOverN(outcomes: readonly CellOutcome[], trend: readonly TrendOutcome[]): Plot {
  const { layout, k, delta } = TREND_AT;
  const inside = outcomes.filter((o) => o.cell.layout === layout && o.cell.k === k && o.cell.delta === delta);
  const xs = [...inside, ...trend].map((o) => kdOverN(o.cell)).sort((a, b) => a - b);
  const top = Math.max(oracleGap, ...[...inside, ...trend].map((o) => excessPoint(o).upper ?? 0));
  return {
    title: `F2 outside its regime is a trend, not in the verdict, so nothing here can make F2 fail: mean |Lloyd − oracle| against k·d/n (${layout}, k = ${k}, Δ/σ = ${delta}, n = ${TREND_AT.n} outside, d up to ${Math.max(...trend.map((t) => t.cell.d))}), ${BAND_PERCENT}% bands; in the regime, a mean significantly above ${oracleGap} would violate F2`,
    xLabel: 'k·d/n',
    yLabel: 'mean |Lloyd − oracle|',
    series: [
      measuredSeries('in the regime (k·d/n ≤ 0.05)', inside.map(excessPoint)),
      measuredSeries('outside the regime', trend.map(excessPoint)),
      curve(`allowed in the regime (${oracleGap})`, 'bound', xs, () => oracleGap),
      { name: `regime edge k·d/n = ${kdOverNMax}`, role: 'reference', points: [0, top].map((y) => ({ x: kdOverNMax, y })) },
    ],
  };
}
