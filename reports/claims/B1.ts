import { b1LogitScale, b1Tolerance } from '../../bounds/b1-logit-scale';
import { claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { softEStepAttention } from '../../model/estep-head';
import { softEStepByHeadFloat64 } from '../../model/estep-head-float64';
import { softEStep } from '../../theory/estep';
import type { Matrix } from '../../theory/matrix';
import { sampleInstance, type MixtureSpec } from '../../theory/mixture';
import type { ClaimCheck, SeriesPoint } from '../claim-check';
import { randomSpec } from '../random-spec';
import { SmallestCase } from '../smallest-case';

const { float64Tolerance, float32RelativeTolerance } = claimEntry('B1').constants as { float64Tolerance: number; float32RelativeTolerance: number };

function maxAbsDifference(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let t = 0; t < a.data.length; t++) worst = Math.max(worst, Math.abs(a.data[t]! - b.data[t]!));
  return worst;
}

/**
 * B1: the E-step head against theory softEStep, in float64 (the head's formula) and in float32
 * (tfjs). Errors are judged relative to the score scale S = β·max(|⟨X, μ⟩| + ‖μ‖²/2): rounding
 * of the scores is about u·S, so that is what "relative" can mean for a softmax output.
 */
export const check: ClaimCheck = {
  id: 'B1',
  async run({ rng, quick, progress }) {
    await initBackend();
    const cases = quick ? 20 : 200;
    const failures = new SmallestCase<{ spec: MixtureSpec; seed: number; beta: number; reason: string }>();
    let worst64 = 0;
    let worst32 = 0;
    let worstAbsolute32 = 0;
    const measured: SeriesPoint[] = [];
    for (let c = 0; c < cases; c++) {
      const caseRng = rng.split(c);
      const spec = randomSpec(caseRng, { k: [2, 8], d: [1, 8], n: [20, 200], delta: [0.5, 8] });
      const instance = sampleInstance(spec, caseRng);
      const beta = c % 2 === 0 ? 1 : Math.exp(Math.log(1e-2) + Math.log(1e4) * caseRng.uniform());
      const reference = softEStep(instance.points, instance.centers, beta);
      const scale = Math.max(1, b1LogitScale(instance.points, instance.centers, beta));
      const error64 = maxAbsDifference(softEStepByHeadFloat64(instance.points, instance.centers, beta), reference);
      const error32 = maxAbsDifference(await softEStepAttention(instance.points, instance.centers, beta), reference);
      worst64 = Math.max(worst64, error64 / scale);
      worst32 = Math.max(worst32, error32 / scale);
      worstAbsolute32 = Math.max(worstAbsolute32, error32);
      measured.push({ x: scale, y: Math.max(error32, 1e-12) });
      const size = spec.n * spec.k * spec.d;
      if (error64 > b1Tolerance(float64Tolerance, scale)) failures.offer(size, { spec, seed: caseRng.seed, beta, reason: `float64 head error ${error64} > ${float64Tolerance}·${scale}` });
      if (error32 > b1Tolerance(float32RelativeTolerance, scale)) failures.offer(size, { spec, seed: caseRng.seed, beta, reason: `float32 head error ${error32} > ${float32RelativeTolerance}·${scale}` });
      progress.tick(c + 1, cases);
    }
    const scales = measured.map((p) => p.x).sort((a, b) => a - b);
    const toleranceLine = [scales[0]!, scales[scales.length - 1]!].map((x) => ({ x, y: b1Tolerance(float32RelativeTolerance, x) }));
    return {
      id: 'B1',
      verdict: failures.count === 0 ? 'holds' : 'violated',
      summary: `${cases} instances: worst error/score-scale ${worst64.toExponential(2)} in float64 (allowed ${float64Tolerance}) and ${worst32.toExponential(2)} in float32 (allowed ${float32RelativeTolerance}); worst absolute float32 error ${worstAbsolute32.toExponential(2)}`,
      numbers: { cases, worstFloat64RelativeError: worst64, float64Tolerance, worstFloat32RelativeError: worst32, float32RelativeTolerance, worstFloat32AbsoluteError: worstAbsolute32, failures: failures.count, backend: backendName() },
      samples: cases,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
      plots: [
        {
          title: 'B1: float32 E-step head error against the score scale',
          xLabel: 'score scale S = β·max(|⟨X,μ⟩| + ‖μ‖²/2)',
          yLabel: 'max |w_attention − w_softEStep|',
          logX: true,
          logY: true,
          series: [
            { name: 'tolerance 1e-5·max(1, S)', role: 'bound', points: toleranceLine },
            { name: 'measured (float32, tfjs)', role: 'measured', points: measured },
          ],
        },
      ],
      notes: [
        'Relative error is taken against the score scale S: scores are rounded to about u·S (u the unit roundoff), and the softmax moves each output by at most about that. The absolute error is reported beside it.',
        'β is 1 (the EM form with σ = 1) on half the instances, log-uniform in [1e-2, 1e2] on the rest.',
      ],
    };
  },
};
