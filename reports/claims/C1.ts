import { claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { softMStepAttention } from '../../model/mstep-head';
import { softMStepHeadFloat64 } from '../../model/mstep-head-float64';
import { softEStep } from '../../theory/estep';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import { mStep } from '../../theory/mstep';
import type { Rng } from '../../theory/rng';
import { dataScale } from './kit/cases-data-scale';
import type { ClaimCheck, Headline } from './kit/claim-check';
import { type LimitCheck, limitHeadline, shown, tightestLimit } from './kit/headline';
import { describeSpec, randomSpec, type SpecRanges } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { float64Tolerance, float32RelativeTolerance } = claimEntry('C1').constants;

/** max_a ‖out_a − expected_a‖ over the data scale. */
function relativeError(out: Matrix, expected: Matrix, scale: number): number {
  let error = 0;
  for (let a = 0; a < out.rows; a++) {
    let s = 0;
    for (let j = 0; j < out.cols; j++) s += (out.data[a * out.cols + j]! - expected.data[a * out.cols + j]!) ** 2;
    error = Math.max(error, Math.sqrt(s) / scale);
  }
  return Number.isNaN(error) ? Infinity : error;
}

const RANGES: SpecRanges = { k: [1, 8], d: [1, 8], n: [20, 300], delta: [0.5, 8] };

/** C1's sizes: instances. */
interface C1Scale {
  readonly cases: number;
}

type Precision = 'float64' | 'float32';

/**
 * The soft M-step heads C1 measures, per precision: the k×d outputs for responsibilities w. The
 * claim's subject is the float64 head and the tfjs head; a negative control breaks them
 * (properties/negative-controls-b2-c1-c2.test.ts).
 */
export type C1Heads = Readonly<Record<Precision, (points: Matrix, responsibilities: Matrix) => Matrix | Promise<Matrix>>>;

const C1_HEADS: C1Heads = { float64: softMStepHeadFloat64, float32: softMStepAttention };

const TOLERANCE: Readonly<Record<Precision, number>> = { float64: float64Tolerance, float32: float32RelativeTolerance };

interface Failure {
  readonly spec: MixtureSpec;
  readonly seed: number;
  readonly beta: number;
  readonly precision: Precision;
  readonly error: number;
  readonly tolerance: number;
}

/** One instance: both heads' relative errors, or `undefined` when a cluster has zero mass (the mean is undefined). */
interface Measured {
  readonly spec: MixtureSpec;
  readonly seed: number;
  readonly beta: number;
  readonly errors?: Readonly<Record<Precision, number>>;
}

const finite = (x: number): number => (Number.isFinite(x) ? x : -1);

/**
 * C1: the soft M-step head (score log w_ia, value X_i) against theory mStep (Σ_i w_ia X_i / Σ_i
 * w_ia), in float64 (model/mstep-head-float64.ts, the head's own formula) to 1e-12 and in float32
 * (tfjs) to 1e-5, with w the soft E-step at β log-uniform in [0.05, 5]. Error: max_a ‖out_a − μ_a‖
 * over the data scale max(1, max_i ‖X_i‖_∞) (sums of n values carry about n·u of it).
 */
export function c1Check(heads: C1Heads = C1_HEADS): ClaimCheck<C1Scale> {
  return {
    id: 'C1',
    scales: { quick: { cases: 20 }, default: { cases: 200 } },
    async run({ rng, scale, progress }) {
      await initBackend();
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      let worst = 0;
      let worst64 = 0;
      const worstAt: Record<Precision, string> = { float64: 'at every instance', float32: 'at every instance' };
      let skipped = 0;
      for (let c = 0; c < cases; c++) {
        const sample = await measureCase(rng.split(c), heads); // stream c: case c
        progress.tick(c + 1, cases);
        if (!sample.errors) {
          skipped++;
          continue;
        }
        if (!(sample.errors.float64 <= worst64)) [worst64, worstAt.float64] = [sample.errors.float64, caseOf(c, sample)];
        if (!(sample.errors.float32 <= worst)) [worst, worstAt.float32] = [sample.errors.float32, caseOf(c, sample)];
        judgeCase(sample, sample.errors, failures);
      }
      const samples = cases - skipped;
      return {
        id: 'C1',
        verdict: verdictOf({ violations: failures.count, unresolved: samples === 0 ? 1 : 0 }),
        summary: `${samples} instances: worst ‖head − Σw X/Σw‖ / data scale = ${worst64.toExponential(2)} in float64 (allowed ${float64Tolerance}) and ${worst.toExponential(2)} in float32 (allowed ${float32RelativeTolerance})`,
        headline: headlineOf({ float64: worst64, float32: worst }, worstAt),
        numbers: {
          cases,
          samples,
          skippedEmptyClusters: skipped,
          worstFloat64RelativeError: finite(worst64),
          float64Tolerance,
          worstRelativeError: finite(worst),
          float32RelativeTolerance,
          failures: failures.count,
          backend: backendName(),
        },
        samples,
        failureProbability: 0,
        ...(failures.value ? { counterexample: failures.value } : {}),
        notes: ['Instances whose responsibilities leave a cluster with zero mass are skipped (the weighted mean is undefined there).'],
      };
    },
  };
}

export const check = c1Check();

/** C1's row: the precision whose worst error is nearest to (or beyond) its tolerance. */
function headlineOf(worst: Readonly<Record<Precision, number>>, where: Readonly<Record<Precision, string>>): Headline {
  const limit = (precision: Precision): LimitCheck => ({
    quantity: `${precision} ‖head − Σw X/Σw‖ / data scale`,
    side: 'at most',
    limit: TOLERANCE[precision],
    measured: worst[precision],
    where: where[precision],
  });
  return limitHeadline(tightestLimit([limit('float64'), limit('float32')]));
}

/** Instance c as the headline names it. */
function caseOf(c: number, { spec, beta }: Measured): string {
  return `at instance ${c} (${describeSpec(spec)}, β=${shown(beta)})`;
}

/** A random instance, β log-uniform in [0.05, 5], both heads against mStep at the soft E-step's responsibilities. */
async function measureCase(caseRng: Rng, heads: C1Heads): Promise<Measured> {
  const spec = randomSpec(caseRng, RANGES);
  const instance = sampleInstance(spec, caseRng);
  const beta = Math.exp(Math.log(0.05) + Math.log(100) * caseRng.uniform());
  const w = softEStep(instance.points, instance.centers, beta);
  const expected = mStep(instance.points, w, instance.centers);
  const measured = { spec, seed: caseRng.seed, beta };
  if (expected.emptyClusters.length > 0) return measured;
  const scale = dataScale(instance.points);
  const float64 = relativeError(await heads.float64(instance.points, w), expected.centers, scale);
  const float32 = relativeError(await heads.float32(instance.points, w), expected.centers, scale);
  return { ...measured, errors: { float64, float32 } };
}

function judgeCase({ spec, seed, beta }: Measured, errors: Readonly<Record<Precision, number>>, failures: SmallestCase<Failure>): void {
  for (const precision of ['float64', 'float32'] as const) {
    const tolerance = TOLERANCE[precision];
    if (!(errors[precision] <= tolerance))
      failures.offer(spec.n * spec.k * spec.d, { spec, seed, beta, precision, error: finite(errors[precision]), tolerance });
  }
}
