import { claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { softMStepAttention } from '../../model/mstep-head';
import { softEStep } from '../../theory/estep';
import { sampleInstance, type MixtureSpec } from '../../theory/mixture';
import { mStep } from '../../theory/mstep';
import type { ClaimCheck } from '../claim-check';
import { randomSpec } from '../random-spec';
import { SmallestCase } from '../smallest-case';

const { float32RelativeTolerance } = claimEntry('C1').constants as { float32RelativeTolerance: number };

/**
 * C1: the soft M-step head (score log w_ia, value X_i) in float32 against theory mStep, with w
 * the soft E-step at β log-uniform in [0.05, 5]. Error: max_a ‖out_a − μ_a‖ over the data scale
 * max_i ‖X_i‖_∞ (float32 sums of n values carry about n·u of it).
 */
export const check: ClaimCheck = {
  id: 'C1',
  async run({ rng, quick, progress }) {
    await initBackend();
    const cases = quick ? 20 : 200;
    const failures = new SmallestCase<{ spec: MixtureSpec; seed: number; beta: number; error: number }>();
    let worst = 0;
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
      const out = await softMStepAttention(instance.points, w);
      const scale = instance.points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
      let error = 0;
      for (let a = 0; a < spec.k; a++) {
        let s = 0;
        for (let j = 0; j < spec.d; j++) s += (out.data[a * spec.d + j]! - expected.centers.data[a * spec.d + j]!) ** 2;
        error = Math.max(error, Math.sqrt(s) / scale);
      }
      worst = Math.max(worst, error);
      if (error > float32RelativeTolerance) failures.offer(spec.n * spec.k * spec.d, { spec, seed: caseRng.seed, beta, error });
    }
    const samples = cases - skipped;
    return {
      id: 'C1',
      verdict: samples === 0 ? 'inconclusive' : failures.count === 0 ? 'holds' : 'violated',
      summary: `${samples} instances: worst ‖head − Σw X/Σw‖ / data scale = ${worst.toExponential(2)} in float32 (allowed ${float32RelativeTolerance})`,
      numbers: { cases, samples, skippedEmptyClusters: skipped, worstRelativeError: worst, float32RelativeTolerance, failures: failures.count, backend: backendName() },
      samples,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
      notes: ['Instances whose responsibilities leave a cluster with zero mass are skipped (the weighted mean is undefined there).'],
    };
  },
};
