import { clopperPearsonInterval, clopperPearsonLower, clopperPearsonUpper } from '../../bounds/clopper-pearson';
import { f1CellTrials } from '../../bounds/f1-cell-trials';
import { f1TestAlpha } from '../../bounds/f1-test-alpha';
import {
  envelopeExponentRatio,
  logMinimaxEnvelope,
  logSimplexUnionBound,
  logUnionBoundPerCluster,
  logWeightedUnionBound,
} from '../../bounds/minimax';
import type { ProvedClaim } from '../../bounds/proofs/check-steps';
import { f1ProofScopes } from '../../bounds/proofs/f1-steps';
import { CLAIMS } from '../../bounds/registry';
import { oracleLabels } from '../../theory/estep';
import { makeCenters } from '../../theory/layouts';
import { type Matrix, zeros } from '../../theory/matrix';
import { phi } from '../../theory/normal';
import type { Rng } from '../../theory/rng';
import { BAND_PERCENT } from './kit/bands';
import { describeCell, type MixtureCell } from './kit/cells-grid';
import type { ClaimCheck, ClaimResult, ClaimScales, Headline, NumberValue, Plot, Progress, Series, Verdict } from './kit/claim-check';
import { headline, shown } from './kit/headline';
import { ProofTally, withProof } from './kit/proof-check';
import { binomialRatePoint, curve, measuredSeries } from './kit/rate-series';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

/** CLAIMS.md §4: probability that F1 reports `violated` although the claim holds. */
const FAILURE_PROBABILITY = 1e-6;
/** A cell is resolved when it confirms error ≤ (1 + η)·bound for the weight-averaged error. */
const RELATIVE_RESOLUTION = 0.5;
/** Probability that a cell whose error meets the bound still ends unresolved. */
const UNRESOLVED_PROBABILITY = 1e-3;
const SIGMA = 1;
/** Points drawn per call of the oracle. */
const BATCH = 8192;
/** Δ/σ at which the summary reports −log Φ(−Δ/2)/(Δ²/8), the exponent of the bound against the envelope's. */
const ENVELOPE_DELTAS = [2, 4, 8, 16] as const;

/** F1's grid (CLAIMS.md §3): every k and Δ/σ in both layouts, and the Monte-Carlo budget of a cell. */
interface F1Scale {
  readonly ks: readonly number[];
  readonly deltas: readonly number[];
  /** Oracle points per cell at most; a cell that needs more is reported by its bound only. */
  readonly maxPointsPerCell: number;
}

const SCALES: ClaimScales<F1Scale> = {
  quick: { ks: [2, 3, 5], deltas: [2, 4, 8, 16], maxPointsPerCell: 4_000_000 },
  default: { ks: [2, 3, 5, 8], deltas: [2, 3, 4, 5, 6, 8, 16], maxPointsPerCell: 60_000_000 },
};

/** The probability that F1's proof steps (Monte Carlo, Hoeffding) fail by chance on some cell, split evenly over the cells. */
const PROOF_FAILURE_PROBABILITY = 1e-6;
/** Monte-Carlo draws per cluster for the proof steps of each cell. */
const PROOF_TRIALS = 4000;
/** The proof's draws come from stream PROOF_STREAM_BASE + the cell's stream id, apart from the cells' own streams. */
const PROOF_STREAM_BASE = 1_000_000;

/** What F1's check tests: the oracle's labelling of points by the true centers (a broken one for a negative control). */
export interface F1Subject {
  readonly oracle: (points: Matrix, trueCenters: Matrix) => Int32Array;
}

/**
 * F1: the oracle's error against the union bound Σ_{b≠a} Φ(−‖μ_a − μ_b‖/2σ), by exact binomial
 * tests; and every step of F1's proof (`claim`'s steps: the registry's, or a variant) on every
 * cell, by Monte Carlo on draws of its own.
 *
 * The verdict is over the tested regime only (F1: "the verdict states the regime actually tested;
 * cells too costly to sample are listed as not tested, never counted as holding"). A planned cell
 * whose bound is vacuous (≥ 1) or whose resolution needs more than the scale's budget of points is
 * not tested: it is named in the summary, the numbers (`notTested[…]`) and the notes, and counted
 * apart from the tested cells. It does not make the verdict `inconclusive`: that verdict means a
 * test that ran could not resolve (CLAIMS.md §4), while an untested cell has no test at all, and
 * calling the whole claim inconclusive would hide what the tested cells did show. So `holds` reads
 * "holds on the tested cells (N of M)", with `testedRegime` stating those cells; `holds` needs at
 * least one tested cell. The proof steps run on every planned cell, but at a Hoeffding tolerance of
 * PROOF_TRIALS draws, which does not resolve the bound in an untested cell.
 */
export function f1Check(claim: ProvedClaim = CLAIMS.F1, subject: F1Subject = { oracle: oracleLabels }): ClaimCheck<F1Scale> {
  return {
    id: 'F1',
    scales: SCALES,
    async run({ rng, scale, progress, steps }) {
      const planned = plan(scale, rng);
      const outcomes = measure(planned, subject, progress);
      const judgement = judge(outcomes, planned.alpha);
      const proof = proveCells(claim, planned, rng, steps);
      const result: ClaimResult = {
        id: 'F1',
        verdict: judgement.verdict,
        summary: summaryOf(outcomes, judgement),
        headline: headlineOf(judgement),
        numbers: numbersOf(planned, outcomes, judgement),
        samples: pointsDrawn(outcomes),
        failureProbability: FAILURE_PROBABILITY + PROOF_FAILURE_PROBABILITY,
        ...(judgement.rejections.value ? { counterexample: judgement.rejections.value } : {}),
        plots: [simplexPlot(outcomes), randomPlot(outcomes)],
        notes: [
          ...notesOf(scale, planned.alpha, outcomes, judgement),
          `Proof: F1.1 (per pair a, b ≠ a) and F1.2 and the end statement (per cluster) on ${PROOF_TRIALS} fresh draws per cluster of every cell, each Monte-Carlo comparison at a Hoeffding tolerance; failure probability ${PROOF_FAILURE_PROBABILITY} over all cells, added to the check's.`,
        ],
      };
      return { ...result, ...withProof(result, proof.summary()) };
    },
  };
}

export const check = f1Check();

/** Every cell as one proof case: PROOF_TRIALS draws per cluster from the cell's proof stream. */
function proveCells(claim: ProvedClaim, planned: F1Plan, rng: Rng, steps: readonly string[] | undefined): ProofTally {
  const proof = new ProofTally(claim, steps);
  const alpha = PROOF_FAILURE_PROBABILITY / planned.cells.length;
  for (const { cell, streamId, centers } of planned.cells) {
    const proofCase = { centers, sigma: SIGMA, trials: PROOF_TRIALS, alpha };
    const proofRng = rng.split(PROOF_STREAM_BASE + streamId);
    proof.add(`cell ${streamId} (${describeCell(cell)})`, f1ProofScopes(proofCase, proofRng), cell.k * cell.d, () => ({
      cell,
      streamId,
      proofStream: PROOF_STREAM_BASE + streamId,
      centers: Array.from(centers.data),
      trials: PROOF_TRIALS,
      alpha,
    }));
  }
  return proof;
}

// Plan: the cells, their centers and bounds, and the points that resolve each (CLAIMS.md §4).

/**
 * F1's cells in stream order (layout, then k, then Δ/σ); k = 2 has one geometry, so it is simplex
 * only. d = max(2, k − 1): the oracle's error depends only on the noise inside the centers' span.
 */
function gridOf(scale: F1Scale): MixtureCell[] {
  return (['simplex', 'random'] as const).flatMap((layout) =>
    scale.ks
      .filter((k) => layout === 'simplex' || k > 2)
      .flatMap((k) => scale.deltas.map((delta) => ({ layout, k, d: Math.max(2, k - 1), delta }))),
  );
}

/** A cell with its centers and bounds; its stream, which drew the centers, goes on to draw the points. */
interface PlannedCell {
  readonly cell: MixtureCell;
  readonly streamId: number;
  readonly rng: Rng;
  readonly centers: Matrix;
  /** Σ_a π_a B_a with equal weights. */
  readonly bound: number;
  /** B_a = Σ_{b≠a} Φ(−‖μ_a − μ_b‖/2σ) for each cluster a. */
  readonly boundPerCluster: readonly number[];
  /** Points that resolve the cell; undefined when the bound is vacuous or beyond the budget (the cell is not sampled). */
  readonly trials: number | undefined;
  /** Why the cell is not tested, when trials is undefined. */
  readonly notTested?: NotTestedReason;
}

/** Why a planned cell is not tested: nothing to test (bound ≥ 1), or more points than the scale's budget. */
type NotTestedReason = 'vacuous bound ≥ 1' | 'too costly';

interface F1Plan {
  /** The level of every test (Bonferroni share of the failure probability). */
  readonly alpha: number;
  readonly cells: readonly PlannedCell[];
}

function plan(scale: F1Scale, rng: Rng): F1Plan {
  const grid = gridOf(scale);
  const alpha = f1TestAlpha(
    FAILURE_PROBABILITY,
    grid.map((cell) => cell.k),
  );
  const resolution = { relativeResolution: RELATIVE_RESOLUTION, alpha, beta: UNRESOLVED_PROBABILITY };
  const cells = grid.map((cell, streamId): PlannedCell => {
    const cellRng = rng.split(streamId);
    const centers = makeCenters(cell.layout, cell.k, cell.d, cell.delta, cellRng);
    const bound = Math.exp(logWeightedUnionBound(centers, SIGMA, new Array<number>(cell.k).fill(1 / cell.k)));
    const boundPerCluster = logUnionBoundPerCluster(centers, SIGMA).map(Math.exp);
    const trials = f1CellTrials(bound, resolution, scale.maxPointsPerCell);
    const notTested: NotTestedReason | undefined = trials !== undefined ? undefined : bound >= 1 ? 'vacuous bound ≥ 1' : 'too costly';
    return { cell, streamId, rng: cellRng, centers, bound, boundPerCluster, trials, ...(notTested ? { notTested } : {}) };
  });
  return { alpha, cells };
}

// Measure: the oracle's errors on fresh points of every sampled cell.

interface OracleErrorCounts {
  /** Points and errors per true cluster. */
  readonly trials: readonly number[];
  readonly errors: readonly number[];
  readonly pooledTrials: number;
  readonly pooledErrors: number;
}

interface CellOutcome {
  readonly cell: MixtureCell;
  readonly streamId: number;
  readonly seed: number;
  readonly bound: number;
  readonly boundPerCluster: readonly number[];
  /** Absent when the cell is not sampled. */
  readonly counts?: OracleErrorCounts;
  /** Present when the cell is not sampled: why. */
  readonly notTested?: NotTestedReason;
}

type SampledOutcome = CellOutcome & { readonly counts: OracleErrorCounts };

function isSampled(outcome: CellOutcome): outcome is SampledOutcome {
  return outcome.counts !== undefined;
}

function measure(planned: F1Plan, subject: F1Subject, progress: Progress): CellOutcome[] {
  const total = sum(planned.cells.map((p) => p.trials ?? 0));
  let finished = 0;
  const outcomes = planned.cells.map(({ cell, streamId, rng, centers, bound, boundPerCluster, trials, notTested }): CellOutcome => {
    const outcome = { cell, streamId, seed: rng.seed, bound, boundPerCluster };
    if (trials === undefined) return { ...outcome, notTested: notTested ?? 'too costly' };
    const count = (done: number) => progress.tick(finished + done, total);
    const counts = countOracleErrors(subject.oracle, centers, trials, rng, count);
    finished += trials;
    return { ...outcome, counts };
  });
  progress.tick(total, total);
  return outcomes;
}

/**
 * Draws `total` points with labels i.i.d. uniform on [k] and X = μ_z + σε, and counts the
 * oracle's errors per cluster. Each point errs independently, so the pooled count is
 * Bin(total, Σ_a p_a/k) and each cluster's count is Bin(trials_a, p_a) given trials_a.
 */
function countOracleErrors(
  oracle: F1Subject['oracle'],
  centers: Matrix,
  total: number,
  rng: Rng,
  onBatch: (done: number) => void,
): OracleErrorCounts {
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
    const predicted = oracle(points, centers);
    for (let i = 0; i < size; i++) {
      const a = labels[i]!;
      trials[a] = trials[a]! + 1;
      if (predicted[i] !== a) errors[a] = errors[a]! + 1;
    }
    done += size;
    onBatch(done);
  }
  return { trials, errors, pooledTrials: sum(trials), pooledErrors: sum(errors) };
}

// Judge: exact one-sided Clopper–Pearson tests per cluster and pooled, and the k = 2 exactness test.

/** One test of one cell: its count, the claimed value and the Clopper–Pearson bound that decides it. */
interface CellTest {
  readonly test: string;
  readonly errors: number;
  readonly trials: number;
  readonly bound: number;
  readonly confidenceBound: number;
  readonly rejected: boolean;
}

type Rejection = Omit<CellTest, 'rejected'> & {
  readonly cell: MixtureCell;
  readonly streamId: number;
  readonly seed: number;
};

interface F1Judgement {
  readonly verdict: Verdict;
  readonly rejections: SmallestCase<Rejection>;
  /** The union-bound test whose lower confidence bound is nearest to its bound (relative to it). */
  readonly tightest?: CellTest & { readonly cell: MixtureCell };
  readonly resolvedCells: number;
  readonly worstUpperOverBound: number;
  /** One note per sampled cell whose pooled error was not confirmed ≤ (1 + η)·bound. */
  readonly unresolved: readonly string[];
}

function judge(outcomes: readonly CellOutcome[], alpha: number): F1Judgement {
  const rejections = new SmallestCase<Rejection>();
  const unresolved: string[] = [];
  let resolvedCells = 0;
  let worstUpperOverBound = 0;
  let tightest: F1Judgement['tightest'];
  const sampled = outcomes.filter(isSampled);
  for (const o of sampled) {
    testCell(o, alpha, ({ rejected, ...t }) => {
      if (rejected) rejections.offer(o.cell.k * o.cell.d * t.trials, { cell: o.cell, streamId: o.streamId, seed: o.seed, ...t });
      else if (!tightest || t.confidenceBound / t.bound > tightest.confidenceBound / tightest.bound)
        tightest = { cell: o.cell, rejected, ...t };
    });
    const upper = clopperPearsonUpper(o.counts.pooledErrors, o.counts.pooledTrials, alpha);
    if (upper <= (1 + RELATIVE_RESOLUTION) * o.bound) resolvedCells++;
    else
      unresolved.push(
        `unresolved: ${describeCell(o.cell)} (upper bound ${upper.toExponential(3)} > ${(1 + RELATIVE_RESOLUTION).toFixed(1)}·${o.bound.toExponential(3)})`,
      );
    worstUpperOverBound = Math.max(worstUpperOverBound, upper / o.bound);
  }
  // CLAIMS.md §4: `holds` needs at least one sampled cell and every sampled cell resolved; cells not
  // sampled are outside the tested regime and count neither way (see f1Check).
  const verdict = verdictOf({ violations: rejections.count, unresolved: unresolved.length + (sampled.length === 0 ? 1 : 0) });
  return { verdict, rejections, ...(tightest ? { tightest } : {}), resolvedCells, worstUpperOverBound, unresolved };
}

/**
 * F1's tests of one cell at level alpha each, each visited with its Clopper–Pearson bound: the
 * one-sided union-bound tests (per cluster and pooled) always, the k = 2 exactness test when it rejects.
 */
function testCell(o: SampledOutcome, alpha: number, visit: (test: CellTest) => void): void {
  const { trials, errors, pooledTrials, pooledErrors } = o.counts;
  const oneSided = (test: string, count: number, total: number, bound: number): void => {
    const lower = clopperPearsonLower(count, total, alpha);
    visit({ test, errors: count, trials: total, bound, confidenceBound: lower, rejected: lower > bound });
  };
  trials.forEach((t, a) => {
    if (t > 0) oneSided(`cluster ${a}: error ≤ Σ_{b≠a} Φ(−‖μ_a − μ_b‖/2σ)`, errors[a]!, t, o.boundPerCluster[a]!);
  });
  oneSided('weight-averaged error ≤ Σ_a π_a B_a', pooledErrors, pooledTrials, o.bound);
  if (o.cell.k === 2) {
    // F1: for k = 2 with equal weights the error is exactly Φ(−Δ/2σ); a two-sided test.
    const exact = exactErrorK2(o.cell.delta);
    const interval = clopperPearsonInterval(pooledErrors, pooledTrials, alpha);
    if (exact < interval.lower || exact > interval.upper) {
      const confidenceBound = exact < interval.lower ? interval.lower : interval.upper;
      visit({
        test: 'k = 2: error = Φ(−Δ/2σ) (two-sided)',
        errors: pooledErrors,
        trials: pooledTrials,
        bound: exact,
        confidenceBound,
        rejected: true,
      });
    }
  }
}

/**
 * F1's row: the smallest rejection (its confidence bound beyond the claimed value, margin the
 * distance, negative), else the union-bound test whose Clopper–Pearson lower bound is nearest to its bound.
 */
function headlineOf({ rejections, tightest }: F1Judgement): Headline {
  const rejected = rejections.value;
  if (rejected)
    return headline(
      `${rejected.test}: ${shown(rejected.bound)} at ${describeCell(rejected.cell)}`,
      `Clopper–Pearson ${rejected.confidenceBound > rejected.bound ? 'lower' : 'upper'} bound ${shown(rejected.confidenceBound)} (${rejected.errors} errors in ${rejected.trials} points)`,
      -Math.abs(rejected.bound - rejected.confidenceBound),
    );
  if (!tightest) return headline('union bound Σ_a π_a Σ_{b≠a} Φ(−‖μ_a − μ_b‖/2σ)', 'no cell tested');
  return headline(
    `${tightest.test}: ${shown(tightest.bound)} at ${describeCell(tightest.cell)}`,
    `Clopper–Pearson lower bound ${shown(tightest.confidenceBound)} (${tightest.errors} errors in ${tightest.trials} points)`,
    tightest.bound - tightest.confidenceBound,
  );
}

/** F1: the oracle's error for k = 2 with equal weights, Φ(−Δ/2σ). */
function exactErrorK2(delta: number): number {
  return phi(-delta / (2 * SIGMA));
}

// Present: summary, numbers, notes and plots.

/** A cell that was not tested, with the reason: `simplex k=5 d=4 Δ/σ=16 (too costly)`. */
function describeNotTested(o: CellOutcome): string {
  return `${describeCell(o.cell)} (${o.notTested ?? 'too costly'})`;
}

/** The tested regime: the sampled cells' Δ/σ per layout and k, e.g. `simplex k=2 d=2: Δ/σ ∈ {2, 4, 8}`. */
function testedRegimeOf(outcomes: readonly CellOutcome[]): string {
  const groups = new Map<string, number[]>();
  for (const o of outcomes.filter(isSampled)) {
    const key = `${o.cell.layout} k=${o.cell.k} d=${o.cell.d}`;
    groups.set(key, [...(groups.get(key) ?? []), o.cell.delta]);
  }
  if (groups.size === 0) return 'no cell tested';
  return [...groups].map(([key, deltas]) => `${key}: Δ/σ ∈ {${deltas.join(', ')}}`).join('; ');
}

/** F1's verdict sentence first: the verdict on the tested cells (N of M), then the cells not tested. */
function summaryOf(outcomes: readonly CellOutcome[], judgement: F1Judgement): string {
  const sampled = outcomes.filter(isSampled);
  const notTested = outcomes.filter((o) => !isSampled(o));
  const { rejections, resolvedCells, verdict } = judgement;
  const onTested = `${verdict} on the tested cells (${sampled.length} of ${outcomes.length})`;
  const detail =
    rejections.count > 0
      ? `${rejections.count} tests reject the union bound`
      : `no test rejects the union bound; ${resolvedCells} of ${sampled.length} tested cells resolved to ≤ ${1 + RELATIVE_RESOLUTION}·bound`;
  return (
    `${onTested}; not tested: ${notTested.length > 0 ? notTested.map(describeNotTested).join(', ') : 'none'}` +
    `. ${detail} (${pointsDrawn(outcomes)} points); tested regime: ${testedRegimeOf(outcomes)}` +
    `; −log Φ(−Δ/2)/(Δ²/8) = ${ENVELOPE_DELTAS.map((d) => envelopeExponentRatio(d, SIGMA).toFixed(3)).join(', ')} at Δ/σ = ${ENVELOPE_DELTAS.join(', ')}`
  );
}

function numbersOf(planned: F1Plan, outcomes: readonly CellOutcome[], judgement: F1Judgement): Record<string, NumberValue> {
  const sampled = outcomes.filter(isSampled);
  const errorRate = (o: SampledOutcome): number => o.counts.pooledErrors / o.counts.pooledTrials;
  const notTested = outcomes.filter((o) => !isSampled(o));
  return {
    cells: outcomes.length,
    testedCells: sampled.length,
    resolvedCells: judgement.resolvedCells,
    unresolvedCells: judgement.unresolved.length,
    notTestedCells: notTested.length,
    notTestedTooCostly: notTested.filter((o) => o.notTested === 'too costly').length,
    notTestedVacuous: notTested.filter((o) => o.notTested === 'vacuous bound ≥ 1').length,
    testedRegime: testedRegimeOf(outcomes),
    rejectedTests: judgement.rejections.count,
    testAlpha: planned.alpha,
    relativeResolution: RELATIVE_RESOLUTION,
    worstUpperOverBound: judgement.worstUpperOverBound,
    points: pointsDrawn(outcomes),
    ...Object.fromEntries(ENVELOPE_DELTAS.map((delta) => [`envelopeExponentRatio_delta${delta}`, envelopeExponentRatio(delta, SIGMA)])),
    ...Object.fromEntries(
      sampled.filter((o) => o.cell.k === 2).map((o) => [`k2_delta${o.cell.delta}_errorOverPhi`, errorRate(o) / exactErrorK2(o.cell.delta)]),
    ),
    ...Object.fromEntries(sampled.map((o) => [`errorOverBound[${describeCell(o.cell)}]`, errorRate(o) / o.bound])),
    ...Object.fromEntries(notTested.map((o) => [`notTested[${describeCell(o.cell)}]`, o.notTested ?? 'too costly'])),
  };
}

function notesOf(scale: F1Scale, alpha: number, outcomes: readonly CellOutcome[], judgement: F1Judgement): string[] {
  const notSampled = outcomes.filter((o) => !isSampled(o));
  return [
    ...judgement.unresolved,
    ...notSampled.map((o) =>
      o.notTested === 'vacuous bound ≥ 1'
        ? `not tested (vacuous bound ≥ 1, nothing to test): ${describeCell(o.cell)} (bound ${o.bound.toFixed(3)})`
        : `not tested (too costly: resolving it needs more than the scale's ${scale.maxPointsPerCell} points), bound only: ${describeCell(o.cell)} (bound ${o.bound.toExponential(3)})`,
    ),
    `The verdict covers the ${outcomes.length - notSampled.length} tested cells of ${outcomes.length} planned; the ${notSampled.length} cells not tested are never counted as holding.`,
    `Each test is an exact one-sided Clopper–Pearson test at α = ${alpha.toExponential(3)} (Bonferroni share of ${FAILURE_PROBABILITY}); a cell's trials are the fewest that confirm error ≤ ${1 + RELATIVE_RESOLUTION}·bound with probability ≥ ${1 - UNRESOLVED_PROBABILITY} when the bound holds.`,
    `σ = ${SIGMA}; d = max(2, k−1) (the oracle's error depends only on the noise in the centers' span); labels i.i.d. uniform.`,
  ];
}

function pointsDrawn(outcomes: readonly CellOutcome[]): number {
  return sum(outcomes.filter(isSampled).map((o) => o.counts.pooledTrials));
}

function sum(values: readonly number[]): number {
  return values.reduce((s, x) => s + x, 0);
}

/** The pooled oracle error of each sampled cell against Δ/σ, with its band. */
function measuredErrors(name: string, outcomes: readonly CellOutcome[]): Series {
  return measuredSeries(
    name,
    outcomes.filter(isSampled).map((o) => binomialRatePoint(o.cell.delta, o.counts.pooledErrors, o.counts.pooledTrials)),
  );
}

function simplexPlot(outcomes: readonly CellOutcome[]): Plot {
  const simplex = outcomes.filter((o) => o.cell.layout === 'simplex');
  const ks = [...new Set(simplex.map((o) => o.cell.k))];
  const deltas = [...new Set(simplex.map((o) => o.cell.delta))].sort((a, b) => a - b);
  const grid = Array.from({ length: 2 * (deltas.at(-1)! - deltas[0]!) + 1 }, (_, i) => deltas[0]! + i / 2);
  const simplexBound = (k: number) => (delta: number) => Math.exp(logSimplexUnionBound(k, delta, SIGMA));
  return {
    title: `F1 is violated if a cell's error is significantly above its union bound (Clopper–Pearson at the Bonferroni level, per cluster and pooled; the bands drawn are ${BAND_PERCENT}%), or, for k = 2, significantly different from Φ(−Δ/2σ): oracle error against Δ, simplex centers, σ = ${SIGMA}`,
    xLabel: 'Δ/σ',
    yLabel: 'oracle error',
    logY: true,
    series: [
      ...ks.map((k) =>
        measuredErrors(
          `oracle error, k = ${k}`,
          simplex.filter((o) => o.cell.k === k),
        ),
      ),
      curve('Φ(−Δ/2σ) (exact for k = 2)', 'bound', grid, simplexBound(2)),
      ...ks.filter((k) => k > 2).map((k) => curve(`(k−1)Φ(−Δ/2σ), k = ${k}`, 'bound', grid, simplexBound(k))),
      curve('exp(−Δ²/8σ²) (minimax envelope)', 'reference', grid, (delta) => Math.exp(logMinimaxEnvelope(delta, SIGMA))),
    ],
  };
}

function randomPlot(outcomes: readonly CellOutcome[]): Plot {
  const random = outcomes.filter((o) => o.cell.layout === 'random');
  const ks = [...new Set(random.map((o) => o.cell.k))];
  return {
    title: `F1 is violated if a cell's error is significantly above its union bound (Clopper–Pearson at the Bonferroni level, per cluster and pooled; the bands drawn are ${BAND_PERCENT}%): oracle error against Δ, random centers, σ = ${SIGMA}`,
    xLabel: 'Δ/σ',
    yLabel: 'oracle error',
    logY: true,
    series: ks.flatMap((k) => {
      const ofK = random.filter((o) => o.cell.k === k);
      return [
        measuredErrors(`oracle error, k = ${k}`, ofK),
        {
          name: `union bound Σ_a π_a Σ_{b≠a} Φ(−‖μ_a−μ_b‖/2σ), k = ${k}`,
          role: 'bound' as const,
          points: ofK.map((o) => ({ x: o.cell.delta, y: o.bound })),
        },
      ];
    }),
  };
}
