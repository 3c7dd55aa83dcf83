import { test } from '@fast-check/jest';
import { f3MislabelBound } from '../bounds/f3-mislabel-bound';
import { claimEntry } from '../bounds/registry';
import { bonferroni } from '../bounds/repetitions';
import { initBackend } from '../model/backend';
import { specAt, transformerInitCenters } from '../model/clustering/clustering-task';
import type { LoadedClusteringTransformer } from '../model/clustering/load-checkpoint';
import { compareFromSameInit, type SameInitErrors } from '../model/clustering/method-comparison';
import { clusteringPreset } from '../model/clustering/presets';
import { consecutiveRises } from '../reports/claims/kit/consecutive-rises';
import { meanAgainstAllowance } from '../reports/claims/kit/mean-against-allowance';
import { sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { type F3RateCase, f3RateCaseArbitrary } from './arbitraries/f3RateCase';
import { FIXTURE_KS, FIXTURE_SEED, loadFixtureTransformer } from './f3-fixtures';

/*
 * Claim F3 as a rate in n (issue 14): the committed transformers (f3-fixtures.ts), given the
 * perturbed-truth init, and Lloyd from the same init and the oracle on the same fresh instances at
 * each n of F3 (c), judged with F3's own tests (reports/claims/F3.ts). Instances per n are fixed
 * before any data. A property fails only on evidence, a lower confidence bound above its
 * allowance; fast-check stops at the first failing case (shrinking would re-measure every
 * candidate) and prints its seed and path.
 */

const C = claimEntry('F3').constants;
const { deltaRange } = clusteringPreset({ runSeed: FIXTURE_SEED, quick: false, k: FIXTURE_KS[0], nRange: [C.minN, C.maxN] });
/** F3 (c)'s n: doubling from the pre-training range's min to its max. */
const NS = Array.from({ length: Math.log2(C.maxN / C.minN) + 1 }, (_, i) => C.minN * 2 ** i);
const INSTANCES = [400, 300, 200, 100];
const EMULATION_NS = NS.filter((n) => n >= C.emulationFromN);
const EMULATION_MULTIPLE = 1 + C.emulationFactor;
const CASES = 4;
const FAILURE_PROBABILITY = 1e-3;
/** Two one-sided bounds per rise step. */
const RISE_SIDE_ALPHA = bonferroni(FAILURE_PROBABILITY, CASES * (NS.length - 1) * 2);
const LEVEL_ALPHA = bonferroni(FAILURE_PROBABILITY, CASES * NS.length);
const EMULATION_ALPHA = bonferroni(FAILURE_PROBABILITY, CASES * EMULATION_NS.length);

const rateRange = (k: number) => 1 - 1 / k;
const paired = (a: readonly number[], b: readonly number[], multiple = 1) => a.map((x, j) => x - multiple * b[j]!);

interface Point {
  readonly n: number;
  readonly errors: SameInitErrors;
}

const models = new Map<number, LoadedClusteringTransformer>();

beforeAll(async () => {
  await initBackend();
  for (const k of FIXTURE_KS) models.set(k, loadFixtureTransformer(k));
});

afterAll(() => {
  for (const { model } of models.values()) model.dispose();
});

// The three properties draw the same cases (one global seed), so each case is measured once.
const measured = new Map<string, Point[]>();

/** Per n, fresh instances each with one perturbed-truth init that the transformer and Lloyd start from, as F3 measures. */
function measure(c: F3RateCase): Point[] {
  const key = JSON.stringify(c);
  const { model, config } = models.get(c.k)!;
  const points =
    measured.get(key) ??
    NS.map((n, i) => {
      const rng = new Rng(c.seed).split(i);
      const cases = Array.from({ length: INSTANCES[i]! }, (_, j) => {
        const r = rng.split(j);
        const instance = sampleInstance(specAt(config, c.delta * config.sigma, n), r);
        return { instance, init: transformerInitCenters('perturbed-truth', instance, config.lambda0, r)! };
      });
      return { n, errors: compareFromSameInit(model, cases) };
    });
  measured.set(key, points);
  return points;
}

const cases = f3RateCaseArbitrary(FIXTURE_KS, deltaRange);
const parameters = { numRuns: CASES, endOnFailure: true };

describe(`F3: the committed transformers (k ∈ {${FIXTURE_KS.join(', ')}}, Δ/σ ∈ [${deltaRange.join(', ')}]) at n ∈ {${NS.join(', ')}}`, () => {
  test.prop([cases], parameters)(
    `F3: (c) the paired excess transformer − oracle shows no significant rise between consecutive n (tolerance ${C.riseTolerance}; failure probability ${FAILURE_PROBABILITY})`,
    (c) => {
      const excess = (p: Point) => paired(p.errors.transformer.aligned, p.errors.oracle.aligned);
      const rises = consecutiveRises(measure(c), excess, 2 * rateRange(c.k), RISE_SIDE_ALPHA, C.riseTolerance);
      expect(rises.filter((s) => s.outcome === 'violated').map((s) => ({ from: s.earlier.n, to: s.later.n, lower: s.lower }))).toEqual([]);
    },
  );

  test.prop([cases], parameters)(
    `F3: (a) the mean aligned error is not significantly above ${C.factor}(k−1)Φ(−Δ/2σ) + ${C.additive} at any n (failure probability ${FAILURE_PROBABILITY})`,
    (c) => {
      const bound = f3MislabelBound(c.k, c.delta);
      const tests = measure(c).map((p) => ({
        n: p.n,
        ...meanAgainstAllowance(p.errors.transformer.aligned, LEVEL_ALPHA, rateRange(c.k), bound),
      }));
      expect(tests.filter((t) => t.outcome === 'violated')).toEqual([]);
    },
  );

  test.prop([cases], parameters)(
    `F3: (b) at n ≥ ${C.emulationFromN} the paired mean of transformer − ${EMULATION_MULTIPLE}·Lloyd (same init) is not significantly above ${C.emulationAdditive} (failure probability ${FAILURE_PROBABILITY})`,
    (c) => {
      const tests = measure(c)
        .filter((p) => EMULATION_NS.includes(p.n))
        .map((p) => ({
          n: p.n,
          ...meanAgainstAllowance(
            paired(p.errors.transformer.aligned, p.errors.lloyd.aligned, EMULATION_MULTIPLE),
            EMULATION_ALPHA,
            (1 + EMULATION_MULTIPLE) * rateRange(c.k),
            C.emulationAdditive,
          ),
        }));
      expect(tests.filter((t) => t.outcome === 'violated')).toEqual([]);
    },
  );
});
