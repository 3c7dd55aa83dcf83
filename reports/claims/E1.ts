import { e1InRegime } from '../../bounds/e1-margin-regime';
import { claimEntry } from '../../bounds/registry';
import { runAttentionLloyd } from '../../model/attention-lloyd';
import { backendName, initBackend } from '../../model/backend';
import { perturbedTruth } from '../../theory/init';
import { lloyd } from '../../theory/lloyd';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { ClaimCheck, SeriesPoint } from './kit/claim-check';
import { randomSpec } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';

const { marginThreshold, centroidRelativeTolerance } = claimEntry('E1').constants;
const ITERATIONS = 10;

/**
 * E1: the T = 10 attention-Lloyd (default β) against float64 Lloyd for 10 iterations, from
 * perturbed-truth (Λ_0 = 0.3) on random mixtures with Δ/σ in [2, 10]. Cases whose margins fall
 * below 110 at some step are classed outside the regime and only counted.
 */
export const check: ClaimCheck = {
  id: 'E1',
  async run({ rng, quick, progress }) {
    await initBackend();
    const cases = quick ? 6 : 60;
    const failures = new SmallestCase<{ spec: MixtureSpec; seed: number; labelDisagreements: number; centroidError: number }>();
    let inside = 0;
    let worstCentroidError = 0;
    let disagreementsOutside = 0;
    const points: SeriesPoint[] = [];
    for (let c = 0; c < cases; c++) {
      const caseRng = rng.split(c);
      const spec = randomSpec(
        caseRng,
        quick ? { k: [2, 5], d: [2, 6], n: [50, 200], delta: [2, 10] } : { k: [2, 8], d: [2, 10], n: [100, 600], delta: [2, 10] },
      );
      const instance = sampleInstance(spec, caseRng);
      const init = perturbedTruth(instance.centers, 0.3, caseRng);
      const run = await runAttentionLloyd(instance.points, init, { iterations: ITERATIONS });
      const reference = lloyd(instance.points, init, { maxIterations: ITERATIONS });
      const disagreements = run.labels.reduce((s, a, i) => s + (a === reference.labels[i] ? 0 : 1), 0);
      const scale = instance.points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
      const centroidError = run.centers.data.reduce((m, v, t) => Math.max(m, Math.abs(v - reference.centers.data[t]!)), 0) / scale;
      const minMargin = Math.min(...run.minMargins);
      points.push({ x: Math.max(minMargin, 1e-6), y: disagreements / spec.n });
      if (e1InRegime(run.minMargins)) {
        inside++;
        worstCentroidError = Math.max(worstCentroidError, centroidError);
        if (disagreements > 0 || centroidError > centroidRelativeTolerance)
          failures.offer(spec.n * spec.k * spec.d, { spec, seed: caseRng.seed, labelDisagreements: disagreements, centroidError });
      } else if (disagreements > 0) disagreementsOutside++;
      progress.tick(c + 1, cases);
    }
    const verdict = failures.count > 0 ? 'violated' : inside === 0 ? 'inconclusive' : 'holds';
    const xs = points.map((p) => p.x);
    return {
      id: 'E1',
      verdict,
      summary: `${inside} of ${cases} runs inside the margin regime (min β·g/2 ≥ ${marginThreshold} at all ${ITERATIONS + 1} E-steps): ${failures.count} label or centroid mismatches; worst centroid error ${worstCentroidError.toExponential(2)} of the data scale (allowed ${centroidRelativeTolerance})`,
      numbers: {
        cases,
        insideRegime: inside,
        outsideRegime: cases - inside,
        mismatchesInside: failures.count,
        runsWithLabelDisagreementOutside: disagreementsOutside,
        worstCentroidRelativeError: worstCentroidError,
        centroidRelativeTolerance,
        marginThreshold,
        iterations: ITERATIONS,
        backend: backendName(),
      },
      samples: inside,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
      plots: [
        {
          title: 'E1: attention-Lloyd label disagreement with float64 Lloyd against the smallest margin',
          xLabel: 'min over steps and points of β·g/2',
          yLabel: 'share of labels differing from float64 Lloyd',
          logX: true,
          series: [
            {
              name: 'margin threshold 110',
              role: 'reference',
              points: [
                { x: marginThreshold, y: 0 },
                { x: marginThreshold, y: 1 },
              ],
            },
            { name: 'runs', role: 'measured', points },
          ],
        },
      ],
      notes: [
        `Default β = 2·110/(0.01·Δ̂_0²) from the initial centers' separation Δ̂_0 (model/attention-lloyd.ts). Smallest margin seen ${Math.min(...xs).toExponential(2)}.`,
        'Empty clusters keep their previous center in both implementations (the theory policy).',
      ],
    };
  },
};
