import { b1InDeclaredRegime } from '../../bounds/b1-declared-regime';
import { b1LogitScale, b1PointwiseError, b1RoundingBound, FLOAT32_UNIT_ROUNDOFF } from '../../bounds/b1-logit-scale';
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
import { ProofTally, withProof } from './kit/proof-check';
import { randomSpec, type SpecRanges } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { float64Tolerance, float32RelativeTolerance, regimeMaxWidth, float32MaxScoreScale, float64MaxScoreScale } =
  claimEntry('B1').constants;

const PRECISIONS = ['float64', 'float32'] as const;
type Precision = (typeof PRECISIONS)[number];
const TOLERANCE: Readonly<Record<Precision, number>> = { float64: float64Tolerance, float32: float32RelativeTolerance };
const RANGES: SpecRanges = { k: [2, 8], d: [1, 8], n: [20, 200], delta: [0.5, 8] };

/** B1's sizes: instances. */
interface B1Scale {
  readonly cases: number;
}

/** One instance measured in both precisions. */
interface Measured {
  readonly spec: MixtureSpec;
  readonly points: Matrix;
  readonly centers: Matrix;
  readonly seed: number;
  readonly beta: number;
  /** The score scale S (b1LogitScale). */
  readonly scoreScale: number;
  readonly errors: Readonly<Record<Precision, number>>;
}

interface Failure {
  readonly precision: Precision;
  readonly spec: MixtureSpec;
  readonly seed: number;
  readonly beta: number;
  /** The score scale S of the failing case. */
  readonly scoreScale: number;
  readonly error: number;
  readonly tolerance: number;
  readonly insideDeclaredRegime: boolean;
}

/** Worst error and failures on one side (inside or outside the declared regime) of one precision. */
class Side {
  cases = 0;
  worst = 0;
  failures = 0;
  smallestFailingScale = Infinity;
  largestScale = 0;
  offer(error: number, scale: number, failed: boolean): void {
    this.cases++;
    this.worst = Number.isNaN(error) ? Infinity : Math.max(this.worst, error);
    this.largestScale = Math.max(this.largestScale, scale);
    if (failed) {
      this.failures++;
      this.smallestFailingScale = Math.min(this.smallestFailingScale, scale);
    }
  }
}

type Sides = Record<Precision, { inside: Side; outside: Side }>;

const finite = (x: number): number => (Number.isFinite(x) ? x : -1);

/**
 * B1: the E-step head against theory softEStep, in float64 (the head's formula,
 * model/estep-head-float64.ts) and in float32 (tfjs). Error: per point, max_a |Δw_ia| / max_a
 * |w_ia| (b1PointwiseError), against 1e-12 (float64) and 1e-5 (float32) on EVERY case: claim
 * states B1 with no regime. The registry's declared regime (d, k ≤ 8, score scale S below a
 * derived maximum per precision) is where a worst-case rounding bound guarantees the tolerance;
 * results are split by it, so a failure says whether it lies where rounding alone explains it.
 */
export function b1Check(claim: ProvedClaim = CLAIMS.B1): ClaimCheck<B1Scale> {
  return {
    id: 'B1',
    scales: { quick: { cases: 20 }, default: { cases: 200 } },
    async run({ rng, scale, progress, steps }) {
      await initBackend();
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      const proof = new ProofTally(claim, steps);
      const sides: Sides = {
        float64: { inside: new Side(), outside: new Side() },
        float32: { inside: new Side(), outside: new Side() },
      };
      const measured: SeriesPoint[] = [];
      for (let c = 0; c < cases; c++) {
        const sample = await measureCase(rng.split(c), c); // stream c: case c
        judgeCase(sample, sides, failures);
        const { spec, seed, beta, points, centers } = sample;
        const headWeights = softEStepByHeadFloat64(points, centers, beta);
        const headScores = float64HeadScores(points, centers, beta);
        const scopes = b1ProofScopes({ points, centers, beta, headScores, headWeights, headUnitRoundoff: 2 ** -53 });
        proof.add(`case ${c} (float64 head)`, scopes, spec.n * spec.k * spec.d, () => ({ spec, seed, beta }));
        measured.push({ x: Math.max(sample.scoreScale, 1e-6), y: Math.max(sample.errors.float32, 1e-12) });
        progress.tick(c + 1, cases);
      }
      const result = present(cases, sides, failures, measured);
      return { ...result, ...withProof(result, proof.summary()) };
    },
  };
}

export const check = b1Check();

/** The check's own result, before the proof is added. */
function present(cases: number, sides: Sides, failures: SmallestCase<Failure>, measured: SeriesPoint[]): ClaimResult {
  return {
    id: 'B1',
    verdict: verdictOf({ violations: failures.count, unresolved: 0 }),
    summary: `${cases} instances, error max_a|Δw_ia|/max_a|w_ia| per point — ${describe(sides, 'float64')} (allowed ${float64Tolerance}); ${describe(sides, 'float32')} (allowed ${float32RelativeTolerance})`,
    numbers: numbersOf(cases, sides, failures.count),
    samples: cases,
    failureProbability: 0,
    ...(failures.value ? { counterexample: failures.value } : {}),
    plots: [plotOf(measured)],
    notes: [
      "The error is per point: max_a |w_head − w_softEStep| / max_a w_softEStep (≈ absolute, since max_a w ≥ 1/k), against claim B1's 1e-12 (float64) and 1e-5 (float32) with no scaling by the scores.",
      `Every case is judged: claim B1 states no regime, so a failure at any score scale makes the verdict violated. The registry declares the regime where a worst-case first-order rounding bound (bounds/b1-logit-scale.ts) guarantees the tolerance: d, k ≤ ${regimeMaxWidth} and S ≤ ${float32MaxScoreScale.toFixed(2)} (float32) or S ≤ ${float64MaxScoreScale.toFixed(1)} (float64); the property tests assert there. Outside it the head's scores ⟨X, μ⟩ − ‖μ‖²/2 carry a rounding error of order u·S that no implementation of this construction avoids, so a failure there is a genuine precision limit of the construction, reported with the smallest failing S.`,
      'The score scale S is reported as a diagnostic only.',
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
async function measureCase(caseRng: Rng, c: number): Promise<Measured> {
  const spec = randomSpec(caseRng, RANGES);
  const instance = sampleInstance(spec, caseRng);
  const beta = c % 2 === 0 ? 1 : Math.exp(Math.log(1e-2) + Math.log(1e4) * caseRng.uniform());
  const reference = softEStep(instance.points, instance.centers, beta);
  const scoreScale = b1LogitScale(instance.points, instance.centers, beta);
  const errors = {
    float64: b1PointwiseError(softEStepByHeadFloat64(instance.points, instance.centers, beta), reference),
    float32: b1PointwiseError(await softEStepAttention(instance.points, instance.centers, beta), reference),
  };
  return { spec, points: instance.points, centers: instance.centers, seed: caseRng.seed, beta, scoreScale, errors };
}

/** Every case is judged against each precision's tolerance; the declared regime only sorts it into a side. */
function judgeCase(sample: Measured, sides: Sides, failures: SmallestCase<Failure>): void {
  const { spec, seed, beta, scoreScale } = sample;
  for (const precision of PRECISIONS) {
    const tolerance = TOLERANCE[precision];
    const inside = b1InDeclaredRegime(precision, spec.k, spec.d, scoreScale);
    const error = sample.errors[precision];
    const failed = !(error <= tolerance);
    sides[precision][inside ? 'inside' : 'outside'].offer(error, scoreScale, failed);
    if (failed)
      failures.offer(spec.n * spec.k * spec.d, {
        precision,
        spec,
        seed,
        beta,
        scoreScale,
        error: finite(error),
        tolerance,
        insideDeclaredRegime: inside,
      });
  }
}

function describe(sides: Sides, p: Precision): string {
  const { inside, outside } = sides[p];
  const failing = inside.failures + outside.failures;
  const smallest = Math.min(inside.smallestFailingScale, outside.smallestFailingScale);
  return `${p}: worst ${inside.worst.toExponential(2)} inside the declared regime (${inside.cases} cases), ${outside.worst.toExponential(2)} outside (${outside.cases} cases); ${failing} over the tolerance${failing > 0 ? `, the smallest failing S = ${smallest.toPrecision(3)}` : ''}`;
}

function numbersOf(cases: number, sides: Sides, failures: number): Record<string, NumberValue> {
  const numbers: Record<string, NumberValue> = {
    cases,
    float64Tolerance,
    float32RelativeTolerance,
    float32MaxScoreScale,
    float64MaxScoreScale,
    regimeMaxWidth,
    failures,
    backend: backendName(),
  };
  for (const p of PRECISIONS) {
    for (const where of ['inside', 'outside'] as const) {
      const s = sides[p][where];
      const tag = `${p}${where === 'inside' ? 'Inside' : 'Outside'}Regime`;
      numbers[`${tag}Cases`] = s.cases;
      numbers[`${tag}WorstError`] = finite(s.worst);
      numbers[`${tag}Failures`] = s.failures;
      if (Number.isFinite(s.smallestFailingScale)) numbers[`${tag}SmallestFailingScoreScale`] = s.smallestFailingScale;
      numbers[`${tag}LargestScoreScale`] = s.largestScale;
    }
  }
  return numbers;
}

/** The float32 errors against S, beside the tolerance, the worst-case rounding bound and the regime edge. */
function plotOf(measured: readonly SeriesPoint[]): Plot {
  const scales = measured.map((p) => p.x).sort((a, b) => a - b);
  const lo = scales[0]!;
  const hi = scales[scales.length - 1]!;
  const grid = Array.from({ length: 25 }, (_, j) => lo * (hi / lo) ** (j / 24));
  return {
    title: 'B1: float32 E-step head error against the score scale',
    xLabel: 'score scale S = β·max(Σ|X_c μ_c| + ‖μ‖²/2, ‖X − μ‖²/2)',
    yLabel: 'max_i max_a |w_attention − w_softEStep| / max_a w_softEStep',
    logX: true,
    logY: true,
    series: [
      {
        name: `tolerance ${float32RelativeTolerance}`,
        role: 'bound',
        points: [
          { x: lo, y: float32RelativeTolerance },
          { x: hi, y: float32RelativeTolerance },
        ],
      },
      {
        name: 'worst-case rounding bound (d = k = 8)',
        role: 'reference',
        points: grid.map((x) => ({ x, y: b1RoundingBound(regimeMaxWidth, regimeMaxWidth, x, FLOAT32_UNIT_ROUNDOFF) })),
      },
      {
        name: `declared float32 regime edge S = ${float32MaxScoreScale.toFixed(2)}`,
        role: 'reference',
        points: [
          { x: float32MaxScoreScale, y: 1e-12 },
          { x: float32MaxScoreScale, y: 1 },
        ],
      },
      { name: 'measured (float32, tfjs)', role: 'measured', points: measured },
    ],
  };
}
