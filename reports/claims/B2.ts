import { b2EStepBound } from '../../bounds/b2-estep-temperature';
import { b2Float64Allowance } from '../../bounds/b2-rounding-allowance';
import { b2ProofScopes } from '../../bounds/proofs/b2-steps';
import type { ProvedClaim } from '../../bounds/proofs/check-steps';
import { CLAIMS, claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { softEStepAttention } from '../../model/estep-head';
import { eStepMargins, hardEStep, softEStep } from '../../theory/estep';
import { type Matrix, squaredDistance } from '../../theory/matrix';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck, ClaimResult, Plot, SeriesPoint } from './kit/claim-check';
import { limitHeadline, shown, tightestLimit } from './kit/headline';
import { ProofTally, withProof } from './kit/proof-check';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { factor } = claimEntry('B2').constants;

interface EStepCase {
  readonly points: Matrix;
  readonly centers: Matrix;
  readonly beta: number;
}

/** Random centers (k ≤ 10) and points, half of them on or within 1e-12..1e-2 of a bisector. */
function drawCase(rng: Rng): EStepCase {
  const k = 2 + rng.int(9);
  const d = 1 + rng.int(4);
  const n = 5 + rng.int(40);
  const centers = { rows: k, cols: d, data: Float64Array.from({ length: k * d }, () => 10 * rng.uniform() - 5) };
  const points = { rows: n, cols: d, data: new Float64Array(n * d) };
  for (let i = 0; i < n; i++) {
    if (rng.uniform() < 0.5) {
      for (let c = 0; c < d; c++) points.data[i * d + c] = 12 * rng.uniform() - 6;
      continue;
    }
    const a = rng.int(k);
    const b = (a + 1 + rng.int(k - 1)) % k;
    const shift = rng.uniform() < 0.2 ? 0 : (rng.uniform() < 0.5 ? -1 : 1) * 10 ** (-12 + 10 * rng.uniform());
    for (let c = 0; c < d; c++) {
      const ma = centers.data[a * d + c]!;
      const mb = centers.data[b * d + c]!;
      points.data[i * d + c] = (ma + mb) / 2 + shift * (ma - mb);
    }
  }
  return { points, centers, beta: Math.exp(Math.log(1e-3) + Math.log(1e6) * rng.uniform()) };
}

/** B2's sizes: near-tie cases. */
interface B2Scale {
  readonly cases: number;
}

type Failure = EStepCase & { point: number; measured: number; bound: number };

/** The float32 head is run on every FLOAT32_CASE_STRIDE-th case (it must stay finite there). */
const FLOAT32_CASE_STRIDE = 4;
/** At most this many points are plotted; points with β·g/2 beyond PLOT_MAX_EXPONENT underflow and are left out. */
const PLOT_MAX_POINTS = 2000;
const PLOT_MAX_EXPONENT = 700;

/** What the points of one case add to B2's tallies. */
interface CaseOutcome {
  readonly worstRatio: number;
  /** The largest ‖w − e_ẑ‖₁ over what the verdict allows (the bound with its float64 rounding allowance), and its point. */
  readonly worstAllowedRatio: number;
  readonly worstPoint: number;
  readonly plotted: SeriesPoint[];
}

/** The point nearest to (or beyond) its allowance over all cases. */
interface Tightest {
  readonly ratio: number;
  readonly where: string;
}

/** B2.5's target ε per case: log-uniform in [EPSILON_MIN, EPSILON_MAX]. */
const EPSILON_MIN = 1e-6;
const EPSILON_MAX = 0.5;

/**
 * The float64 soft E-step B2 measures: the n×k responsibilities at inverse temperature β. The
 * claim's subject is theory softEStep; a negative control breaks it
 * (properties/negative-controls-b2-c1-c2.test.ts).
 */
export type B2EStep = (points: Matrix, centers: Matrix, beta: number) => Matrix;

/**
 * B2: on every point of random cases with many near-ties (k ≤ 10, β up to 1e3), the float64
 * soft E-step's ‖w_i − e_ẑ‖₁ (as 2·Σ_{a≠ẑ} w_ia) against 2(k−1)·exp(−βg_i/2); the float32 head
 * must stay finite on the same cases. Every step of B2's proof (B2.1 … B2.5, `claim`'s steps: the
 * registry's, or a variant for a negative control) is checked on every case.
 */
export function b2Check(claim: ProvedClaim = CLAIMS.B2, eStep: B2EStep = softEStep): ClaimCheck<B2Scale> {
  return {
    id: 'B2',
    scales: { quick: { cases: 40 }, default: { cases: 400 } },
    async run({ rng, scale, progress, steps }) {
      await initBackend();
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      const proof = new ProofTally(claim, steps);
      let points = 0;
      let worstRatio = 0;
      let tightest: Tightest = { ratio: 0, where: 'at every point' };
      let nonFinite = 0;
      const measured: SeriesPoint[] = [];
      for (let c = 0; c < cases; c++) {
        const caseRng = rng.split(c); // stream c: case c
        const sample = drawCase(caseRng);
        const epsilon = Math.exp(Math.log(EPSILON_MIN) + Math.log(EPSILON_MAX / EPSILON_MIN) * caseRng.uniform());
        const size = sample.points.rows * sample.centers.rows;
        proof.add(`case ${c}`, b2ProofScopes({ ...sample, epsilon }), size, () => ({ ...counterexampleOf(sample), epsilon }));
        const outcome = measureCase(sample, eStep, failures);
        points += sample.points.rows;
        worstRatio = Math.max(worstRatio, outcome.worstRatio);
        if (!(outcome.worstAllowedRatio <= tightest.ratio))
          tightest = { ratio: outcome.worstAllowedRatio, where: pointOf(c, outcome, sample) };
        for (const p of outcome.plotted) if (measured.length < PLOT_MAX_POINTS) measured.push(p);
        if (c % FLOAT32_CASE_STRIDE === 0 && !(await float32Finite(sample))) nonFinite++;
        progress.tick(c + 1, cases);
      }
      const result = present({ cases, points, worstRatio, tightest, nonFinite, failures, measured });
      return { ...result, ...withProof(result, proof.summary()) };
    },
  };
}

export const check = b2Check();

/** The check's own result, before the proof is added. */
function present(tally: {
  cases: number;
  points: number;
  worstRatio: number;
  tightest: Tightest;
  nonFinite: number;
  failures: SmallestCase<Failure>;
  measured: SeriesPoint[];
}): ClaimResult {
  const { cases, points, worstRatio, tightest, nonFinite, failures, measured } = tally;
  return {
    id: 'B2',
    verdict: verdictOf({ violations: failures.count + nonFinite, unresolved: 0 }),
    summary: `${points} points in ${cases} cases (k ≤ 10, β ≤ 1e3, near-ties): worst ‖w − e_ẑ‖₁ / (${factor}(k−1)e^{−βg/2}) = ${worstRatio.toFixed(4)} (bound ratio 1); ${nonFinite} float32 outputs with NaN/Infinity`,
    headline: limitHeadline(
      tightestLimit([
        {
          quantity: `‖w − e_ẑ‖₁ / (${factor}(k−1)e^{−βg/2} with float64 rounding) per point`,
          side: 'at most',
          limit: 1,
          measured: tightest.ratio,
          where: tightest.where,
        },
        { quantity: 'float32 outputs with NaN/Infinity', side: 'at most', limit: 0, measured: nonFinite, where: `in ${cases} cases` },
      ]),
    ),
    numbers: {
      cases,
      points,
      factor,
      worstRatioToBound: worstRatio,
      failures: failures.count,
      float32NonFiniteCases: nonFinite,
      backend: backendName(),
    },
    samples: points,
    failureProbability: 0,
    ...(failures.value ? { counterexample: counterexampleOf(failures.value) } : {}),
    plots: [plotOf(measured)],
    notes: [
      'Tolerance: float64 rounding of the exponents, 16·u·(1 + β·max_a‖X − μ_a‖²) relative.',
      `Proof: B2.1 … B2.5 evaluated per point (B2.1 per center, B2.3 per b ≠ z); B2.5 at the case's β and at its threshold (2/g)·log((k − 1)/ε), with ε log-uniform in [${EPSILON_MIN}, ${EPSILON_MAX}] per case.`,
    ],
  };
}

/** Every point of one case against B2's bound, within the float64 rounding allowance. */
function measureCase(sample: EStepCase, eStep: B2EStep, failures: SmallestCase<Failure>): CaseOutcome {
  const { centers, beta } = sample;
  const w = eStep(sample.points, centers, beta);
  const labels = hardEStep(sample.points, centers);
  const margins = eStepMargins(sample.points, centers);
  let worstRatio = 0;
  let worstAllowedRatio = 0;
  let worstPoint = 0;
  const plotted: SeriesPoint[] = [];
  for (let i = 0; i < sample.points.rows; i++) {
    let off = 0;
    let far = 0;
    for (let a = 0; a < centers.rows; a++) {
      if (a !== labels[i]) off += w.data[i * centers.rows + a]!;
      far = Math.max(far, squaredDistance(sample.points, i, centers, a));
    }
    const value = 2 * off;
    const bound = b2EStepBound(centers.rows, beta, margins[i]!);
    if (bound > 0) worstRatio = Math.max(worstRatio, value / bound);
    const allowed = b2Float64Allowance(bound, beta, far);
    const allowedRatio = allowed > 0 ? value / allowed : value > 0 ? Infinity : 0;
    if (allowedRatio > worstAllowedRatio) [worstAllowedRatio, worstPoint] = [allowedRatio, i];
    if (value > allowed) failures.offer(sample.points.rows * centers.rows, { ...sample, point: i, measured: value, bound });
    const x = (beta * margins[i]!) / 2;
    if (value > 0 && x < PLOT_MAX_EXPONENT) plotted.push({ x, y: value / (factor * (centers.rows - 1)) });
  }
  return { worstRatio, worstAllowedRatio, worstPoint, plotted };
}

/** Where a case's tightest point lies, as the headline names it. */
function pointOf(c: number, outcome: CaseOutcome, { points, centers, beta }: EStepCase): string {
  return `at case ${c}, point ${outcome.worstPoint} (k=${centers.rows}, d=${points.cols}, β=${shown(beta)})`;
}

async function float32Finite({ points, centers, beta }: EStepCase): Promise<boolean> {
  const w32 = await softEStepAttention(points, centers, beta);
  return w32.data.every(Number.isFinite);
}

function counterexampleOf<T extends EStepCase>(failure: T) {
  const { points, centers } = failure;
  return {
    ...failure,
    n: points.rows,
    k: centers.rows,
    d: points.cols,
    points: Array.from(points.data),
    centers: Array.from(centers.data),
  };
}

function plotOf(measured: SeriesPoint[]): Plot {
  const bound = Array.from({ length: 50 }, (_, j) => ({ x: 1e-3 * 10 ** (j / 10), y: Math.exp(-1e-3 * 10 ** (j / 10)) })).filter(
    (p) => p.x < PLOT_MAX_EXPONENT,
  );
  return {
    title: `B2 is violated if any point lies above the exp(−βg/2) curve (beyond float64 rounding), or the float32 head returns NaN/∞: E-step distance to one-hot against β·g/2 (up to ${PLOT_MAX_POINTS} points shown)`,
    xLabel: 'β·g/2',
    yLabel: `‖w − e_ẑ‖₁ / (${factor}(k−1))`,
    logX: true,
    logY: true,
    series: [
      { name: 'bound exp(−βg/2)', role: 'bound', points: bound },
      { name: 'measured (float64)', role: 'measured', points: measured },
    ],
  };
}
