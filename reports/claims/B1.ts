import { b1StatedScale } from '../../bounds/b1-logit-scale';
import {
  B1_PRECISIONS,
  B1_TAU,
  B1_UNIT_ROUNDOFF,
  type B1Precision,
  b1Allowed,
  b1MaxK,
  b1RoundingConstant,
  b1WorstPoint,
} from '../../bounds/b1-rounding-constant';
import { b1ProofScopes } from '../../bounds/proofs/b1-steps';
import type { ProvedClaim } from '../../bounds/proofs/check-steps';
import { CLAIMS, claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { softEStepAttention } from '../../model/estep-head';
import { softEStepByHeadFloat64 } from '../../model/estep-head-float64';
import { softEStep } from '../../theory/estep';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck, ClaimResult, NumberValue, Plot, SeriesPoint } from './kit/claim-check';
import { limitHeadline, shown, tightestLimit } from './kit/headline';
import { ProofTally, withProof } from './kit/proof-check';
import { describeSpec, randomSpec, type SpecRanges } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { float64Tau, float32Tau, maxK } = claimEntry('B1').constants;

const RANGES: SpecRanges = { k: [2, 8], d: [1, 8], n: [20, 200], delta: [0.5, 8] };
if (RANGES.k[1] > maxK) throw new RangeError(`B1: the check's k range exceeds the bound's k ≤ ${maxK}`);

/** An E-step head under test: responsibilities of `points` for `centers` at inverse temperature β. */
export type B1Head = (points: Matrix, centers: Matrix, beta: number) => Matrix | Promise<Matrix>;

/** The heads B1 checks, one per precision: by default the float64 head formula and the float32 tfjs head. */
export type B1Heads = Readonly<Record<B1Precision, B1Head>>;

export const B1_HEADS: B1Heads = { float64: softEStepByHeadFloat64, float32: softEStepAttention };

/** B1's sizes: instances. */
export interface B1Scale {
  readonly cases: number;
}

/** One instance measured in both precisions: its worst point against τ + c·S·u per precision. */
interface Measured {
  readonly spec: MixtureSpec;
  readonly points: Matrix;
  readonly centers: Matrix;
  readonly seed: number;
  readonly beta: number;
  /** The instance's score scale S (b1StatedScale over all points). */
  readonly scoreScale: number;
  readonly worst: Readonly<Record<B1Precision, ReturnType<typeof b1WorstPoint>>>;
}

interface Failure {
  readonly precision: B1Precision;
  readonly spec: MixtureSpec;
  readonly seed: number;
  readonly beta: number;
  readonly point: number;
  /** The failing point's score scale S. */
  readonly scoreScale: number;
  readonly error: number;
  /** τ + c·S·u at that point. */
  readonly allowed: number;
}

/** Per precision: the worst ratio error / (τ + c·S·u), and the (S, error) of every instance's worst point. */
class Tally {
  worstRatio = 0;
  /** Where the worst ratio was found: the point's S and its instance. */
  worstAt = 'at every point';
  worstError = 0;
  largestScale = 0;
  failures = 0;
  readonly points: SeriesPoint[] = [];
}

type Tallies = Record<B1Precision, Tally>;

const finite = (x: number): number => (Number.isFinite(x) ? x : -1);

/**
 * B1: the E-step heads against theory softEStep, in float64 (the head's formula,
 * model/estep-head-float64.ts) and in float32 (tfjs), every point of every instance at every
 * score scale against τ + c·S·u (bounds/b1-rounding-constant.ts; S the point's own scale).
 * `heads` replaces the heads under test (negative controls).
 */
export function b1Check(claim: ProvedClaim = CLAIMS.B1, heads: B1Heads = B1_HEADS): ClaimCheck<B1Scale> {
  return {
    id: 'B1',
    scales: { quick: { cases: 20 }, default: { cases: 200 } },
    async run({ rng, scale, progress, steps }) {
      await initBackend();
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      const proof = new ProofTally(claim, steps);
      const tallies: Tallies = { float64: new Tally(), float32: new Tally() };
      for (let c = 0; c < cases; c++) {
        const sample = await measureCase(rng.split(c), c, heads); // stream c: case c
        judgeCase(sample, tallies, failures);
        const { spec, seed, beta, points, centers } = sample;
        const headWeights = await heads.float64(points, centers, beta);
        const headScores = float64HeadScores(points, centers, beta);
        const scopes = b1ProofScopes({ points, centers, beta, headScores, headWeights, headUnitRoundoff: B1_UNIT_ROUNDOFF.float64 });
        proof.add(`case ${c} (float64 head)`, scopes, spec.n * spec.k * spec.d, () => ({ spec, seed, beta }));
        progress.tick(c + 1, cases);
      }
      const result = present(cases, tallies, failures);
      return { ...result, ...withProof(result, proof.summary()) };
    },
  };
}

export const check = b1Check();

/** The check's own result, before the proof is added. */
function present(cases: number, tallies: Tallies, failures: SmallestCase<Failure>): ClaimResult {
  return {
    id: 'B1',
    verdict: verdictOf({ violations: failures.count, unresolved: 0 }),
    summary: `${cases} instances, every point against τ + c·S·u at its own score scale S — ${describe(tallies, 'float64')}; ${describe(tallies, 'float32')}`,
    numbers: numbersOf(cases, tallies, failures.count),
    samples: cases,
    failureProbability: 0,
    // B1: every point against its own τ + c·S·u, as the ratio error/(τ + c·S·u) ≤ 1; the worst precision shown.
    headline: limitHeadline(
      tightestLimit([
        {
          quantity: 'float64 error/(τ + c·S·u) per point',
          side: 'at most',
          limit: 1,
          measured: tallies.float64.worstRatio,
          where: tallies.float64.worstAt,
        },
        {
          quantity: 'float32 error/(τ + c·S·u) per point',
          side: 'at most',
          limit: 1,
          measured: tallies.float32.worstRatio,
          where: tallies.float32.worstAt,
        },
      ]),
    ),
    ...(failures.value ? { counterexample: failures.value } : {}),
    plots: B1_PRECISIONS.map((p) => plotOf(p, tallies[p].points)),
    notes: [
      'The error is per point: max_a |w_head − w_softEStep| / max_a w_softEStep, against τ + c·S·u with S the point’s score scale as the claim states it, β·max_a(|⟨X_i, μ_a⟩| + ‖μ_a‖²/2) (bounds b1StatedScale; the proof steps B1.1 and B1.2 use the larger, derivable b1LogitScale), u the head’s unit roundoff and τ = 1e-12 (float64) or 1e-6 (float32).',
      `c(d) = 2(2d + 5) + 2(d + 3)·2⁻⁵³/u (bounds/b1-rounding-constant.ts), the first-order part of the proof chain B1.1 (score error E ≤ ((2d + 5)u + (d + 3)·2⁻⁵³)·S) and B1.2 (softmax: e^{2E} − 1 + (k + 3)(u + 2⁻⁵³)); τ covers the (k + 3) softmax roundings for k ≤ ${maxK} (float32), so the check refuses larger k. No regime: every case is judged, at every score scale.`,
      'A ratio error/(τ + c·S·u) > 1 on any point makes the verdict violated; the counterexample is the smallest failing instance (n·k·d).',
      'β is 1 (the EM form with σ = 1) on half the instances, log-uniform in [1e-2, 1e2] on the rest.',
    ],
  };
}

/**
 * The float64 head's scores ⟨q_i, k_a⟩ = β(⟨X_i, μ_a⟩ − ‖μ_a‖²/2), in the order
 * model/estep-head-float64.ts computes them (key bias first, then the products, then the scaling
 * by β): that function returns only the responsibilities, and B1's rounding chain needs the scores.
 */
function float64HeadScores(points: Matrix, centers: Matrix, beta: number): Matrix {
  const { rows: n, cols: d } = points;
  const k = centers.rows;
  const data = new Float64Array(n * k);
  for (let a = 0; a < k; a++) {
    let norm = 0;
    for (let c = 0; c < d; c++) norm += centers.data[a * d + c]! ** 2;
    for (let i = 0; i < n; i++) {
      let s = -norm / 2;
      for (let c = 0; c < d; c++) s += points.data[i * d + c]! * centers.data[a * d + c]!;
      data[i * k + a] = beta * s;
    }
  }
  return { rows: n, cols: k, data };
}

/** Case c: a random instance, β = 1 on even cases and log-uniform in [1e-2, 1e2] on odd ones; both heads against softEStep. */
async function measureCase(caseRng: Rng, c: number, heads: B1Heads): Promise<Measured> {
  const spec = randomSpec(caseRng, RANGES);
  const { points, centers } = sampleInstance(spec, caseRng);
  const beta = c % 2 === 0 ? 1 : Math.exp(Math.log(1e-2) + Math.log(1e4) * caseRng.uniform());
  const reference = softEStep(points, centers, beta);
  const worst = {
    float64: b1WorstPoint(await heads.float64(points, centers, beta), reference, points, centers, beta, 'float64'),
    float32: b1WorstPoint(await heads.float32(points, centers, beta), reference, points, centers, beta, 'float32'),
  };
  return { spec, points, centers, seed: caseRng.seed, beta, scoreScale: b1StatedScale(points, centers, beta), worst };
}

/** Each precision's worst point of the instance against τ + c·S·u; a ratio > 1 is a violation. */
function judgeCase(sample: Measured, tallies: Tallies, failures: SmallestCase<Failure>): void {
  const { spec, seed, beta } = sample;
  for (const precision of B1_PRECISIONS) {
    const { ratio, point, error, scoreScale, allowed } = sample.worst[precision];
    const tally = tallies[precision];
    if (!(ratio <= tally.worstRatio)) {
      tally.worstRatio = ratio;
      tally.worstAt = `at S = ${shown(scoreScale)} (${describeSpec(spec)}, β = ${shown(beta)})`;
    }
    tally.worstError = Number.isNaN(error) ? Infinity : Math.max(tally.worstError, error);
    tally.largestScale = Math.max(tally.largestScale, sample.scoreScale);
    tally.points.push({ x: Math.max(scoreScale, 1e-6), y: Number.isFinite(error) ? Math.max(error, 1e-18) : 1 });
    if (!(ratio <= 1)) {
      tally.failures++;
      failures.offer(spec.n * spec.k * spec.d, { precision, spec, seed, beta, point, scoreScale, error: finite(error), allowed });
    }
  }
}

function describe(tallies: Tallies, p: B1Precision): string {
  const t = tallies[p];
  return `${p}: worst error/(τ + c·S·u) = ${t.worstRatio.toPrecision(3)} (τ = ${B1_TAU[p]}), ${t.failures} instance(s) over the bound`;
}

function numbersOf(cases: number, tallies: Tallies, failures: number): Record<string, NumberValue> {
  const numbers: Record<string, NumberValue> = {
    cases,
    float64Tau,
    float32Tau,
    maxK,
    float32MaxKDerived: b1MaxK('float32'),
    failures,
    backend: backendName(),
  };
  for (const p of B1_PRECISIONS) {
    const t = tallies[p];
    numbers[`${p}WorstRatio`] = finite(t.worstRatio);
    numbers[`${p}WorstError`] = finite(t.worstError);
    numbers[`${p}Failures`] = t.failures;
    numbers[`${p}LargestScoreScale`] = t.largestScale;
  }
  return numbers;
}

/** One precision's worst point per instance against its S, beside τ + c·S·u at d = 1 and d = 8. */
function plotOf(precision: B1Precision, measured: readonly SeriesPoint[]): Plot {
  const scales = measured.map((p) => p.x).sort((a, b) => a - b);
  const lo = scales[0] ?? 1e-3;
  const hi = Math.max(scales[scales.length - 1] ?? 1e3, lo * 10);
  const grid = Array.from({ length: 25 }, (_, j) => lo * (hi / lo) ** (j / 24));
  const line = (d: number) => grid.map((x) => ({ x, y: b1Allowed(d, 2, x, precision) }));
  return {
    title: `B1 (${precision}) is violated if any point's error exceeds τ + c·S·u for its own d, a line between the d = 1 and d = 8 lines shown (above the d = 8 line always is): E-step head error against the score scale, the worst point per instance`,
    xLabel: 'score scale S of the worst point = β·max_a (|⟨X, μ_a⟩| + ‖μ_a‖²/2)',
    yLabel: 'max_a |w_head − w_softEStep| / max_a w_softEStep (worst point per instance)',
    logX: true,
    logY: true,
    series: [
      { name: `τ + c·S·u, d = 8 (c = ${b1RoundingConstant(8, precision).toFixed(1)})`, role: 'bound', points: line(8) },
      { name: `τ + c·S·u, d = 1 (c = ${b1RoundingConstant(1, precision).toFixed(1)})`, role: 'reference', points: line(1) },
      { name: `measured (${precision === 'float32' ? 'float32, tfjs' : 'float64 head formula'})`, role: 'measured', points: measured },
    ],
  };
}
