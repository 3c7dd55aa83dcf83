import { c2MStepBound } from '../../bounds/c2-mstep-temperature';
import { claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { hardMStepAttention } from '../../model/mstep-head';
import { hardLabelMStepHeadFloat64 } from '../../model/mstep-head-float64';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import { hardMStep } from '../../theory/mstep';
import type { ClaimCheck, SeriesPoint } from './kit/claim-check';
import { randomSpec } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';

// C2's own float32 tolerance (the registry's C2 entry).
const { float32RelativeTolerance } = claimEntry('C2').constants;
const EPS64 = 2 ** -52;
const BETAS = [0, 0.5, 1, 2, 4, 8, 16, 32];

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let c = 0; c < a.length; c++) s += (a[c]! - b[c]!) ** 2;
  return Math.sqrt(s);
}

/**
 * C2: the hard M-step head at β in {0, …, 32} on random instances (true labels): the float64
 * head and the tfjs float32 head against (n − n_a)/(n_a e^β + n − n_a)·max_i ‖X_i − mean_a‖.
 */
export const check: ClaimCheck = {
  id: 'C2',
  async run({ rng, quick, progress }) {
    await initBackend();
    const cases = quick ? 10 : 100;
    const failures = new SmallestCase<{
      spec: MixtureSpec;
      seed: number;
      beta: number;
      cluster: number;
      error: number;
      bound: number;
      precision: string;
    }>();
    let worstRatio = 0;
    let checks = 0;
    const worstByBeta = new Map<number, { bound: number; measured: number }>();
    for (let c = 0; c < cases; c++) {
      const caseRng = rng.split(c);
      const spec = randomSpec(caseRng, { k: [1, 8], d: [1, 8], n: [20, 300], delta: [0.5, 8] });
      const { points, labels } = sampleInstance(spec, caseRng);
      const means = hardMStep(points, labels, zerosLike(spec.k, spec.d)).centers; // every cluster of a sampled instance is non-empty
      const scale = points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
      for (const beta of BETAS) {
        const out32 = await hardMStepAttention(points, labels, spec.k, beta);
        for (let a = 0; a < spec.k; a++) {
          checks++;
          const mean = means.data.subarray(a * spec.d, (a + 1) * spec.d);
          let deviation = 0;
          for (let i = 0; i < points.rows; i++)
            deviation = Math.max(deviation, distance(points.data.subarray(i * spec.d, (i + 1) * spec.d), mean));
          const size = labels.filter((z) => z === a).length;
          const bound = c2MStepBound(points.rows, size, beta, deviation);
          const error64 = distance(hardLabelMStepHeadFloat64(points, labels, a, beta), mean);
          const error32 = distance(out32.data.subarray(a * spec.d, (a + 1) * spec.d), mean);
          if (bound > 0) worstRatio = Math.max(worstRatio, error64 / bound);
          const entry = worstByBeta.get(beta) ?? { bound: 0, measured: 0 };
          if (bound > 0 && error64 / bound >= entry.measured / Math.max(entry.bound, Number.MIN_VALUE))
            worstByBeta.set(beta, { bound: bound / deviation, measured: error64 / deviation });
          const sizeKey = spec.n * spec.k * spec.d;
          if (error64 > bound + 8 * points.rows * EPS64 * scale)
            failures.offer(sizeKey, { spec, seed: caseRng.seed, beta, cluster: a, error: error64, bound, precision: 'float64' });
          if (error32 > bound + float32RelativeTolerance * scale)
            failures.offer(sizeKey, { spec, seed: caseRng.seed, beta, cluster: a, error: error32, bound, precision: 'float32' });
        }
      }
      progress.tick(c + 1, cases);
    }
    const boundSeries: SeriesPoint[] = [];
    const measuredSeries: SeriesPoint[] = [];
    for (const beta of BETAS) {
      const e = worstByBeta.get(beta);
      if (e && e.bound > 0) {
        boundSeries.push({ x: beta, y: e.bound });
        if (e.measured > 0) measuredSeries.push({ x: beta, y: e.measured });
      }
    }
    return {
      id: 'C2',
      verdict: failures.count === 0 ? 'holds' : 'violated',
      summary: `${checks} (instance, β, cluster) checks with β ≤ ${BETAS[BETAS.length - 1]}: worst ‖out_a − mean_a‖ / bound = ${worstRatio.toFixed(4)} in float64 (bound ratio 1); float32 within bound + ${float32RelativeTolerance}·data scale`,
      numbers: { cases, checks, worstRatioToBound: worstRatio, float32RelativeTolerance, failures: failures.count, backend: backendName() },
      samples: checks,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
      plots: [
        {
          title: 'C2: hard M-step head error against the temperature bound (case closest to the bound, per β)',
          xLabel: 'β',
          yLabel: '‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖',
          logY: true,
          series: [
            { name: 'bound (n − n_a)/(n_a e^β + n − n_a)', role: 'bound', points: boundSeries },
            { name: 'measured (float64 head)', role: 'measured', points: measuredSeries },
          ],
        },
      ],
    };
  },
};

function zerosLike(k: number, d: number): Matrix {
  return { rows: k, cols: d, data: new Float64Array(k * d) };
}
