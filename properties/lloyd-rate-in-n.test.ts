import { test } from '@fast-check/jest';
import { type BernsteinMeanTest, bernsteinMeanLower, bernsteinMeanUpper, runsToResolveBernsteinMean } from '../bounds/f2-bernstein-mean';
import { f2RegimeN, inF2Regime } from '../bounds/f2-regime';
import { logMinimaxEnvelope, logSingleRunEnvelope } from '../bounds/minimax';
import { claimEntry } from '../bounds/registry';
import { bonferroni } from '../bounds/repetitions';
import { consecutiveRises } from '../reports/claims/kit/consecutive-rises';
import { oracleLabels } from '../theory/estep';
import { perturbedTruth } from '../theory/init';
import { lloyd } from '../theory/lloyd';
import { mislabelRate } from '../theory/mislabel';
import { type MixtureSpec, sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { type F2RegimeCase, f2RegimeCaseArbitrary } from './arbitraries/f2RegimeCase';

/*
 * Claim F2 as a rate in n (issue 14): Lloyd from perturbed truth (Λ_0 = 0.3, ⌈4 ln n⌉ iterations)
 * and the oracle on the same fresh instances at n0, 2n0 and 4n0, n0 the fewest points ≥ 1000 with
 * k·d/n ≤ 0.05, judged with F2's own tests (reports/claims/F2.ts). Runs are planned from (k, Δ/σ)
 * before any data. A property fails only on evidence: each one-sided bound misses at its α, and
 * the resolution bound misses at β under the claim; fast-check stops at the first failing case
 * (shrinking would re-measure every candidate) and prints its seed and path.
 */

const { lambda0, iterationFactor, oracleGap, kdOverNMax } = claimEntry('F2').constants;
/** F3 (c)'s tolerance on a rise of the excess over the oracle; F2 states none. */
const { riseTolerance } = claimEntry('F3').constants;

const CASES = 3;
const DOUBLINGS = 2;
/** Runs at n0 and 2n0; at 4n0 too unless the resolution plan needs more. */
const RUNS = 64;
/** F2's resolution (reports/claims/F2.ts): a mean test is resolved when its upper bound is ≤ (1 + 1)·bound. */
const RESOLUTION = 1;
/** The resolution bound is asserted only where F2's worst-case plan needs at most this many runs (Δ/σ ≤ 4.09 at LEVEL_ALPHA). */
const RESOLUTION_MAX_RUNS = 200;
/** F2 (c) clips |Lloyd − oracle| here (clipping only lowers a mean, so a rejection stays valid). */
const GAP_CLIP = 5 * oracleGap;
const FAILURE_PROBABILITY = 1e-3;
/** Two one-sided bounds per rise step. */
const RISE_SIDE_ALPHA = bonferroni(FAILURE_PROBABILITY, CASES * DOUBLINGS * 2);
/** (a), (c) and the resolution of (a) per case; (b) is checked on every run and cannot miss. */
const LEVEL_ALPHA = bonferroni(FAILURE_PROBABILITY, CASES * 3);

/** F2 (a): mean error ≤ exp(−Δ²/8σ²), errors clipped at (b)'s single-run bound exp(−Δ²/16σ²). */
function meanTest(delta: number): BernsteinMeanTest {
  return { bound: Math.exp(logMinimaxEnvelope(delta, 1)), clip: Math.exp(logSingleRunEnvelope(delta, 1)), alpha: LEVEL_ALPHA };
}

const gapTest: BernsteinMeanTest = { bound: oracleGap, clip: GAP_CLIP, alpha: LEVEL_ALPHA };

/**
 * Runs at 4n0 and whether (a) must resolve there, from Δ/σ alone: F2's worst-case plan where it fits
 * RESOLUTION_MAX_RUNS and (1 + η)·bound < clip (for Δ/σ ≤ 3.33 the single-run bound implies it), else RUNS.
 */
function largestNPlan(delta: number): { readonly runs: number; readonly resolves: boolean } {
  const test = meanTest(delta);
  const required = runsToResolveBernsteinMean(test, RESOLUTION, LEVEL_ALPHA);
  const resolves = required <= RESOLUTION_MAX_RUNS && (1 + RESOLUTION) * test.bound < test.clip;
  return { runs: resolves ? Math.max(RUNS, required) : RUNS, resolves };
}

interface Point {
  readonly n: number;
  readonly errors: readonly number[];
  /** |Lloyd − oracle| per run, on the same instance. */
  readonly gaps: readonly number[];
}

function measurePoint(c: F2RegimeCase, n: number, runs: number, rng: Rng): Point {
  const spec: MixtureSpec = { layout: c.layout, k: c.k, d: c.d, n, delta: c.delta, sigma: 1, variant: { kind: 'isotropic' } };
  if (!inF2Regime(spec, kdOverNMax)) throw new Error(`outside F2's regime: ${JSON.stringify(spec)}`);
  const errors: number[] = [];
  const gaps: number[] = [];
  for (let r = 0; r < runs; r++) {
    const runRng = rng.split(r);
    const instance = sampleInstance(spec, runRng);
    const init = perturbedTruth(instance.centers, lambda0, runRng);
    const { labels } = lloyd(instance.points, init, { maxIterations: Math.ceil(iterationFactor * Math.log(n)) });
    const error = mislabelRate(labels, instance.labels, c.k);
    errors.push(error);
    gaps.push(Math.abs(error - mislabelRate(oracleLabels(instance.points, instance.centers), instance.labels, c.k)));
  }
  return { n, errors, gaps };
}

// Both properties draw the same cases (one global seed), so each case is measured once.
const measured = new Map<string, Point[]>();

function measure(c: F2RegimeCase): Point[] {
  const key = JSON.stringify(c);
  const n0 = f2RegimeN(c.k, c.d, kdOverNMax);
  const points =
    measured.get(key) ??
    Array.from({ length: DOUBLINGS + 1 }, (_, i) =>
      measurePoint(c, n0 * 2 ** i, i === DOUBLINGS ? largestNPlan(c.delta).runs : RUNS, new Rng(c.seed).split(i)),
    );
  measured.set(key, points);
  return points;
}

describe('F2: Lloyd from a good init, as n grows in the regime', () => {
  test.prop([f2RegimeCaseArbitrary()], { numRuns: CASES, endOnFailure: true })(
    `F2: the paired excess |Lloyd − oracle| shows no significant rise from n0 to 2n0 to 4n0 (rise tolerance ${riseTolerance}; failure probability ${FAILURE_PROBABILITY})`,
    (c) => {
      const rises = consecutiveRises(measure(c), (p) => p.gaps, 1 - 1 / c.k, RISE_SIDE_ALPHA, riseTolerance);
      expect(rises.filter((s) => s.outcome === 'violated').map((s) => ({ from: s.earlier.n, to: s.later.n, lower: s.lower }))).toEqual([]);
    },
  );

  test.prop([f2RegimeCaseArbitrary()], { numRuns: CASES, endOnFailure: true })(
    `F2: no run errs above exp(−Δ²/16σ²); at 4n0 the mean error and mean |Lloyd − oracle| are not significantly above exp(−Δ²/8σ²) and ${oracleGap}, and the mean error resolves (upper bound ≤ 2·exp(−Δ²/8σ²)) where F2's plan needs ≤ ${RESOLUTION_MAX_RUNS} runs (failure probability ${FAILURE_PROBABILITY})`,
    (c) => {
      const points = measure(c);
      const errorTest = meanTest(c.delta);
      const largest = points[DOUBLINGS]!;
      const above = points.flatMap((p) => p.errors.filter((e) => e > errorTest.clip).map((error) => ({ n: p.n, error })));
      expect(above.slice(0, 3)).toEqual([]);
      expect(bernsteinMeanLower(largest.errors, errorTest)).toBeLessThanOrEqual(errorTest.bound);
      expect(bernsteinMeanLower(largest.gaps, gapTest)).toBeLessThanOrEqual(gapTest.bound);
      if (largestNPlan(c.delta).resolves)
        expect(bernsteinMeanUpper(largest.errors, errorTest)).toBeLessThanOrEqual((1 + RESOLUTION) * errorTest.bound);
    },
  );
});
