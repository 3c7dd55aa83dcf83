import { e1InRegime } from '../../bounds/e1-margin-regime';
import { claimEntry } from '../../bounds/registry';
import { type AttentionLloydResult, runAttentionLloyd } from '../../model/attention-lloyd';
import { backendName, initBackend } from '../../model/backend';
import { perturbedTruth } from '../../theory/init';
import { lloyd } from '../../theory/lloyd';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import type { Rng } from '../../theory/rng';
import { dataScale } from './kit/cases-data-scale';
import type { ClaimCheck, ClaimResult, Plot, SeriesPoint } from './kit/claim-check';
import { limitHeadline, tightestLimit } from './kit/headline';
import { describeSpec, randomSpec, type SpecRanges } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { marginThreshold, centroidRelativeTolerance } = claimEntry('E1').constants;
const ITERATIONS = 10;
/** Λ_0 of the perturbed-truth initialization. */
const INIT_PERTURBATION = 0.3;

/** E1's sizes: runs, and the range of mixtures they are drawn from. */
interface E1Scale {
  readonly cases: number;
  readonly ranges: SpecRanges;
}

interface Failure {
  readonly spec: MixtureSpec;
  readonly seed: number;
  readonly labelDisagreements: number;
  readonly centroidError: number;
}

/** One run of the attention-Lloyd beside float64 Lloyd from the same initialization. */
interface Measured extends Failure {
  readonly minMargins: readonly number[];
}

/**
 * The attention-Lloyd E1 measures: T steps from `init` at its default β. The claim's subject is the
 * hand-set transformer runAttentionLloyd; a negative control breaks it
 * (properties/negative-controls-d1-e1-e2.test.ts).
 */
export type E1AttentionLloyd = (
  points: Matrix,
  init: Matrix,
  options: { iterations: number },
) => Promise<Pick<AttentionLloydResult, 'labels' | 'centers' | 'minMargins'>>;

/**
 * E1: the T = 10 attention-Lloyd (default β) against float64 Lloyd for 10 iterations, from
 * perturbed-truth (Λ_0 = 0.3) on random mixtures with Δ/σ in [2, 10]. Cases whose margins fall
 * below 110 at some step are classed outside the regime and only counted.
 */
export function e1Check(attentionLloyd: E1AttentionLloyd = runAttentionLloyd): ClaimCheck<E1Scale> {
  return {
    id: 'E1',
    scales: {
      quick: { cases: 6, ranges: { k: [2, 5], d: [2, 6], n: [50, 200], delta: [2, 10] } },
      default: { cases: 60, ranges: { k: [2, 8], d: [2, 10], n: [100, 600], delta: [2, 10] } },
    },
    async run({ rng, scale, progress }) {
      await initBackend();
      const tally: Tally = {
        cases: scale.cases,
        inside: 0,
        labelMismatches: 0,
        disagreementsOutside: 0,
        worstCentroid: { error: 0, where: 'in every run inside' },
        points: [],
      };
      const failures = new SmallestCase<Failure>();
      for (let c = 0; c < scale.cases; c++) {
        const { minMargins, ...run } = await measureCase(rng.split(c), scale.ranges, attentionLloyd); // stream c: case c
        tally.points.push({ x: Math.max(Math.min(...minMargins), 1e-6), y: run.labelDisagreements / run.spec.n });
        if (e1InRegime(minMargins)) {
          tally.inside++;
          if (!(run.centroidError <= tally.worstCentroid.error))
            tally.worstCentroid = { error: run.centroidError, where: `at run ${c} (${describeSpec(run.spec)})` };
          if (run.labelDisagreements > 0) tally.labelMismatches++;
          if (run.labelDisagreements > 0 || run.centroidError > centroidRelativeTolerance)
            failures.offer(run.spec.n * run.spec.k * run.spec.d, run);
        } else if (run.labelDisagreements > 0) tally.disagreementsOutside++;
        progress.tick(c + 1, scale.cases);
      }
      return present(tally, failures);
    },
  };
}

export const check = e1Check();

/** What E1's runs add up to. */
interface Tally {
  readonly cases: number;
  inside: number;
  /** Runs inside the regime with some label differing from float64 Lloyd. */
  labelMismatches: number;
  disagreementsOutside: number;
  /** The largest centroid error over the data scale inside the regime, and its run. */
  worstCentroid: { error: number; where: string };
  readonly points: SeriesPoint[];
}

function present(tally: Tally, failures: SmallestCase<Failure>): ClaimResult {
  const { cases, inside, worstCentroid, points } = tally;
  return {
    id: 'E1',
    verdict: verdictOf({ violations: failures.count, unresolved: inside === 0 ? 1 : 0 }),
    summary: `${inside} of ${cases} runs inside the margin regime (min β·g/2 ≥ ${marginThreshold} at all ${ITERATIONS + 1} E-steps): ${failures.count} label or centroid mismatches; worst centroid error ${worstCentroid.error.toExponential(2)} of the data scale (allowed ${centroidRelativeTolerance})`,
    // E1: inside the regime, no label may differ and every centroid must agree to the tolerance.
    headline: limitHeadline(
      tightestLimit([
        {
          quantity: 'runs inside the regime with a label differing from float64 Lloyd',
          side: 'at most',
          limit: 0,
          measured: tally.labelMismatches,
          where: `among ${inside} runs inside`,
        },
        {
          quantity: 'centroid error / data scale inside the regime',
          side: 'at most',
          limit: centroidRelativeTolerance,
          measured: worstCentroid.error,
          where: worstCentroid.where,
        },
      ]),
    ),
    numbers: {
      cases,
      insideRegime: inside,
      outsideRegime: cases - inside,
      mismatchesInside: failures.count,
      runsWithLabelDisagreementOutside: tally.disagreementsOutside,
      worstCentroidRelativeError: worstCentroid.error,
      centroidRelativeTolerance,
      marginThreshold,
      iterations: ITERATIONS,
      backend: backendName(),
    },
    samples: inside,
    failureProbability: 0,
    ...(failures.value ? { counterexample: failures.value } : {}),
    plots: [plotOf(points)],
    notes: [
      `Default β = 2·110/(0.01·Δ̂_0²) from the initial centers' separation Δ̂_0 (model/attention-lloyd.ts). Smallest margin seen ${Math.min(...points.map((p) => p.x)).toExponential(2)}.`,
      'Empty clusters keep their previous center in both implementations (the theory policy).',
    ],
  };
}

/** A random mixture, both Lloyds from one perturbed-truth init: label disagreements and the centroid error over the data scale. */
async function measureCase(caseRng: Rng, ranges: SpecRanges, attentionLloyd: E1AttentionLloyd): Promise<Measured> {
  const spec = randomSpec(caseRng, ranges);
  const instance = sampleInstance(spec, caseRng);
  const init = perturbedTruth(instance.centers, INIT_PERTURBATION, caseRng);
  const run = await attentionLloyd(instance.points, init, { iterations: ITERATIONS });
  const reference = lloyd(instance.points, init, { maxIterations: ITERATIONS });
  const labelDisagreements = run.labels.reduce((s, a, i) => s + (a === reference.labels[i] ? 0 : 1), 0);
  const scale = dataScale(instance.points);
  const centroidError = run.centers.data.reduce((m, v, t) => Math.max(m, Math.abs(v - reference.centers.data[t]!)), 0) / scale;
  return { spec, seed: caseRng.seed, labelDisagreements, centroidError, minMargins: run.minMargins };
}

function plotOf(points: SeriesPoint[]): Plot {
  return {
    title: `E1 is violated if a run at or right of the margin line (min β·g/2 ≥ ${marginThreshold}) has any label differing from float64 Lloyd, or a centroid off by more than ${centroidRelativeTolerance} of the data scale (not drawn); runs left of it are outside the regime: attention-Lloyd label disagreement against the smallest margin`,
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
  };
}
