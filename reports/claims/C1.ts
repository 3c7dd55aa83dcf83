import { claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { softMStepAttention } from '../../model/mstep-head';
import { softMStepHeadFloat64 } from '../../model/mstep-head-float64';
import { softEStep } from '../../theory/estep';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import { mStep } from '../../theory/mstep';
import type { ClaimCheck } from './kit/claim-check';
import { randomSpec } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';

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

/**
 * C1: the soft M-step head (score log w_ia, value X_i) against theory mStep (Σ_i w_ia X_i / Σ_i
 * w_ia), in float64 (model/mstep-head-float64.ts, the head's own formula) to 1e-12 and in float32
 * (tfjs) to 1e-5, with w the soft E-step at β log-uniform in [0.05, 5]. Error: max_a ‖out_a − μ_a‖
 * over the data scale max(1, max_i ‖X_i‖_∞) (sums of n values carry about n·u of it).
 */
export const check: ClaimCheck = {
  id: 'C1',
  async run({ rng, quick, progress }) {
    await initBackend();
    const cases = quick ? 20 : 200;
    const failures = new SmallestCase<{
      spec: MixtureSpec;
      seed: number;
      beta: number;
      precision: 'float64' | 'float32';
      error: number;
      tolerance: number;
    }>();
    let worst = 0;
    let worst64 = 0;
    let skipped = 0;
    for (let c = 0; c < cases; c++) {
      const caseRng = rng.split(c);
      const spec = randomSpec(caseRng, { k: [1, 8], d: [1, 8], n: [20, 300], delta: [0.5, 8] });
      const instance = sampleInstance(spec, caseRng);
      const beta = Math.exp(Math.log(0.05) + Math.log(100) * caseRng.uniform());
      const w = softEStep(instance.points, instance.centers, beta);
      const expected = mStep(instance.points, w, instance.centers);
      progress.tick(c + 1, cases);
      if (expected.emptyClusters.length > 0) {
        skipped++;
        continue;
      }
      const scale = instance.points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
      const error64 = relativeError(softMStepHeadFloat64(instance.points, w), expected.centers, scale);
      const error = relativeError(await softMStepAttention(instance.points, w), expected.centers, scale);
      worst64 = Math.max(worst64, error64);
      worst = Math.max(worst, error);
      const size = spec.n * spec.k * spec.d;
      if (!(error64 <= float64Tolerance))
        failures.offer(size, {
          spec,
          seed: caseRng.seed,
          beta,
          precision: 'float64',
          error: Number.isFinite(error64) ? error64 : -1,
          tolerance: float64Tolerance,
        });
      if (!(error <= float32RelativeTolerance))
        failures.offer(size, {
          spec,
          seed: caseRng.seed,
          beta,
          precision: 'float32',
          error: Number.isFinite(error) ? error : -1,
          tolerance: float32RelativeTolerance,
        });
    }
    const samples = cases - skipped;
    return {
      id: 'C1',
      verdict: samples === 0 ? 'inconclusive' : failures.count === 0 ? 'holds' : 'violated',
      summary: `${samples} instances: worst ‖head − Σw X/Σw‖ / data scale = ${worst64.toExponential(2)} in float64 (allowed ${float64Tolerance}) and ${worst.toExponential(2)} in float32 (allowed ${float32RelativeTolerance})`,
      numbers: {
        cases,
        samples,
        skippedEmptyClusters: skipped,
        worstFloat64RelativeError: Number.isFinite(worst64) ? worst64 : -1,
        float64Tolerance,
        worstRelativeError: Number.isFinite(worst) ? worst : -1,
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
