import { c2MStepBound } from '../../bounds/c2-mstep-temperature';
import { c2RoundingAllowance } from '../../bounds/c2-rounding-allowance';
import { c2ProofScopes } from '../../bounds/proofs/c2-steps';
import type { ProvedClaim } from '../../bounds/proofs/check-steps';
import { CLAIMS, claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { hardMStepAttention } from '../../model/mstep-head';
import { hardLabelMStepHeadFloat64 } from '../../model/mstep-head-float64';
import type { Matrix } from '../../theory/matrix';
import { type MixtureSpec, sampleInstance } from '../../theory/mixture';
import { hardMStep } from '../../theory/mstep';
import type { Rng } from '../../theory/rng';
import { dataScale } from './kit/cases-data-scale';
import type { ClaimCheck, ClaimResult, Plot, SeriesPoint } from './kit/claim-check';
import { limitHeadline } from './kit/headline';
import { ProofTally, withProof } from './kit/proof-check';
import { describeSpec, randomSpec, type SpecRanges } from './kit/random-spec';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

// C2's own float32 tolerance (the registry's C2 entry).
const { float32RelativeTolerance } = claimEntry('C2').constants;
const BETAS = [0, 0.5, 1, 2, 4, 8, 16, 32];
const RANGES: SpecRanges = { k: [1, 8], d: [1, 8], n: [20, 300], delta: [0.5, 8] };

/** C2's sizes: instances, each checked at every β and cluster. */
interface C2Scale {
  readonly cases: number;
}

interface Failure {
  readonly spec: MixtureSpec;
  readonly seed: number;
  readonly beta: number;
  readonly cluster: number;
  readonly error: number;
  readonly bound: number;
  readonly precision: string;
}

/** The (instance, β, cluster, precision) with the largest error over what the verdict allows (the bound plus rounding). */
interface Tightest {
  readonly ratio: number;
  readonly where: string;
}

/** Per β, the (instance, cluster) closest to the bound, relative to max_i ‖X_i − mean_a‖. */
type ClosestByBeta = Map<number, { bound: number; measured: number }>;

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let c = 0; c < a.length; c++) s += (a[c]! - b[c]!) ** 2;
  return Math.sqrt(s);
}

/**
 * The float64 hard-label M-step head C2 measures: centroid token a's output at score β. The
 * claim's subject is hardLabelMStepHeadFloat64; a negative control breaks it
 * (properties/negative-controls-b2-c1-c2.test.ts).
 */
export type C2Head = (points: Matrix, labels: Int32Array, a: number, beta: number) => Float64Array;

/**
 * C2: the hard M-step head at β in {0, …, 32} on random instances (true labels): the float64
 * head and the tfjs float32 head against (n − n_a)/(n_a e^β + n − n_a)·max_i ‖X_i − mean_a‖.
 * Every step of C2's proof (`claim`'s steps: the registry's, or a variant for a negative control)
 * is checked on every (instance, β), per cluster.
 */
export function c2Check(claim: ProvedClaim = CLAIMS.C2, head: C2Head = hardLabelMStepHeadFloat64): ClaimCheck<C2Scale> {
  return {
    id: 'C2',
    scales: { quick: { cases: 10 }, default: { cases: 100 } },
    async run({ rng, scale, progress, steps }) {
      await initBackend();
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      const proof = new ProofTally(claim, steps);
      const closest: ClosestByBeta = new Map();
      let worstRatio = 0;
      let tightest: Tightest = { ratio: 0, where: 'at every check' };
      let checks = 0;
      for (let c = 0; c < cases; c++) {
        const outcome = await measureCase(rng.split(c), c, head, failures, closest, proof); // stream c: case c
        worstRatio = Math.max(worstRatio, outcome.worstRatio);
        if (!(outcome.tightest.ratio <= tightest.ratio)) tightest = outcome.tightest;
        checks += outcome.checks;
        progress.tick(c + 1, cases);
      }
      const result = present(cases, checks, worstRatio, tightest, failures, closest);
      return { ...result, ...withProof(result, proof.summary()) };
    },
  };
}

export const check = c2Check();

/** The check's own result, before the proof is added. */
function present(
  cases: number,
  checks: number,
  worstRatio: number,
  tightest: Tightest,
  failures: SmallestCase<Failure>,
  closest: ClosestByBeta,
): ClaimResult {
  return {
    id: 'C2',
    verdict: verdictOf({ violations: failures.count, unresolved: 0 }),
    summary: `${checks} (instance, β, cluster) checks with β ≤ ${BETAS[BETAS.length - 1]}: worst ‖out_a − mean_a‖ / bound = ${worstRatio.toFixed(4)} in float64 (bound ratio 1); float32 within bound + ${float32RelativeTolerance}·data scale`,
    // C2: both heads against the bound plus their rounding allowance, as a ratio ≤ 1.
    headline: limitHeadline({
      quantity: '‖out_a − mean_a‖ / ((n − n_a)/(n_a e^β + n − n_a)·max_i ‖X_i − mean_a‖ + rounding allowance)',
      side: 'at most',
      limit: 1,
      measured: tightest.ratio,
      where: tightest.where,
    }),
    numbers: { cases, checks, worstRatioToBound: worstRatio, float32RelativeTolerance, failures: failures.count, backend: backendName() },
    samples: checks,
    failureProbability: 0,
    ...(failures.value ? { counterexample: failures.value } : {}),
    plots: [plotOf(closest)],
    notes: [
      'Proof: C2.1 … C2.3 and the end statement evaluated in float64 (theory mStep with scores e^β·1{ẑ_i = a}, theory hardMStep) per (instance, β, cluster); the proof case is one (instance, β).',
    ],
  };
}

/** One instance at every β and cluster: both heads against the bound plus their rounding allowance. */
async function measureCase(
  caseRng: Rng,
  c: number,
  head: C2Head,
  failures: SmallestCase<Failure>,
  closest: ClosestByBeta,
  proof: ProofTally,
): Promise<{ worstRatio: number; tightest: Tightest; checks: number }> {
  const spec = randomSpec(caseRng, RANGES);
  const { points, labels } = sampleInstance(spec, caseRng);
  const means = hardMStep(points, labels, zerosLike(spec.k, spec.d)).centers; // every cluster of a sampled instance is non-empty
  const scale = dataScale(points);
  const sizeKey = spec.n * spec.k * spec.d;
  let worstRatio = 0;
  let tightest: Tightest = { ratio: 0, where: 'at every check' };
  let checks = 0;
  for (const beta of BETAS) {
    proof.add(`case ${c}, β = ${beta}`, c2ProofScopes({ points, labels, k: spec.k, beta }), sizeKey, () => ({
      spec,
      seed: caseRng.seed,
      beta,
    }));
    const out32 = await hardMStepAttention(points, labels, spec.k, beta);
    for (let a = 0; a < spec.k; a++) {
      checks++;
      const mean = means.data.subarray(a * spec.d, (a + 1) * spec.d);
      let deviation = 0;
      for (let i = 0; i < points.rows; i++)
        deviation = Math.max(deviation, distance(points.data.subarray(i * spec.d, (i + 1) * spec.d), mean));
      const size = labels.filter((z) => z === a).length;
      const bound = c2MStepBound(points.rows, size, beta, deviation);
      const error64 = distance(head(points, labels, a, beta), mean);
      const error32 = distance(out32.data.subarray(a * spec.d, (a + 1) * spec.d), mean);
      if (bound > 0) worstRatio = Math.max(worstRatio, error64 / bound);
      const entry = closest.get(beta) ?? { bound: 0, measured: 0 };
      if (bound > 0 && error64 / bound >= entry.measured / Math.max(entry.bound, Number.MIN_VALUE))
        closest.set(beta, { bound: bound / deviation, measured: error64 / deviation });
      const seed = caseRng.seed;
      for (const [precision, error] of [
        ['float64', error64],
        ['float32', error32],
      ] as const) {
        const allowed = bound + c2RoundingAllowance(precision, points.rows, scale);
        if (!(error / allowed <= tightest.ratio))
          tightest = {
            ratio: error / allowed,
            where: `at case ${c} (${describeSpec(spec)}), β = ${beta}, cluster ${a}, ${precision} head`,
          };
        if (error > allowed) failures.offer(sizeKey, { spec, seed, beta, cluster: a, error, bound, precision });
      }
    }
  }
  return { worstRatio, tightest, checks };
}

function plotOf(closest: ClosestByBeta): Plot {
  const boundSeries: SeriesPoint[] = [];
  const measuredSeries: SeriesPoint[] = [];
  for (const beta of BETAS) {
    const e = closest.get(beta);
    if (e && e.bound > 0) {
      boundSeries.push({ x: beta, y: e.bound });
      if (e.measured > 0) measuredSeries.push({ x: beta, y: e.measured });
    }
  }
  return {
    title:
      'C2 is violated if any (instance, β, cluster) error exceeds its own bound plus rounding, in float64 or float32: hard M-step head error against β, the float64 case closest to its bound per β (bound drawn for that case)',
    xLabel: 'β',
    yLabel: '‖out_a − mean_a‖ / max_i ‖X_i − mean_a‖',
    logY: true,
    series: [
      { name: 'bound (n − n_a)/(n_a e^β + n − n_a)', role: 'bound', points: boundSeries },
      { name: 'measured (float64 head)', role: 'measured', points: measuredSeries },
    ],
  };
}

function zerosLike(k: number, d: number): Matrix {
  return { rows: k, cols: d, data: new Float64Array(k * d) };
}
