import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { clopperPearsonInterval, clopperPearsonLower } from '../bounds/clopper-pearson';
import {
  envelopeExponentRatio,
  logMinimaxEnvelope,
  logSimplexUnionBound,
  logSingleRunEnvelope,
  logUnionBoundPerCluster,
  logWeightedUnionBound,
} from '../bounds/minimax';
import { bonferroni, trialsToResolveRate } from '../bounds/repetitions';
import { oracleLabels } from '../theory/estep';
import { makeCenters } from '../theory/layouts';
import { sampleInstance } from '../theory/mixture';
import { logPhi, phi } from '../theory/normal';
import { Rng } from '../theory/rng';
import { mixtureSpecArbitrary } from './arbitraries/mixtureSpec';
import { testSeed } from './seed';

/** Oracle errors and points per true cluster of an instance. */
function oracleErrorsPerCluster(instance: ReturnType<typeof sampleInstance>): { errors: number[]; trials: number[] } {
  const { k } = instance.spec;
  const predicted = oracleLabels(instance.points, instance.centers);
  const errors = new Array<number>(k).fill(0);
  const trials = new Array<number>(k).fill(0);
  instance.labels.forEach((a, i) => {
    trials[a] = trials[a]! + 1;
    if (predicted[i] !== a) errors[a] = errors[a]! + 1;
  });
  return { errors, trials };
}

describe('F1: union bound and minimax envelopes', () => {
  it('F1: −log Φ(−Δ/2)/(Δ²/8) is 3.68, 1.89, 1.29, 1.09 at Δ = 2, 4, 8, 16 (F1 states 1.29 for 1.2950)', () => {
    const expected: [number, number][] = [
      [2, 3.682],
      [4, 1.892],
      [8, 1.295],
      [16, 1.094],
    ];
    for (const [delta, ratio] of expected) expect(envelopeExponentRatio(delta, 1)).toBeCloseTo(ratio, 3);
    expect(envelopeExponentRatio(8, 2)).toBeCloseTo(envelopeExponentRatio(4, 1), 14);
  });

  test.prop([fc.double({ min: 0.5, max: 60, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.integer({ min: 2, max: 10 })])(
    'F1: bounds are finite in log space far into the tail (Φ(−16) ≈ 6e-58), and the ratio decreases towards 1',
    (snr, sigma, k) => {
      const delta = snr * sigma;
      for (const value of [logSimplexUnionBound(k, delta, sigma), logMinimaxEnvelope(delta, sigma), logSingleRunEnvelope(delta, sigma)]) {
        expect(Number.isFinite(value)).toBe(true);
      }
      expect(logSimplexUnionBound(k, delta, sigma)).toBeCloseTo(Math.log(k - 1) + logPhi(-snr / 2), 10);
      expect(envelopeExponentRatio(delta, sigma)).toBeGreaterThan(1);
      expect(envelopeExponentRatio(delta * 1.1, sigma)).toBeLessThan(envelopeExponentRatio(delta, sigma));
    },
  );

  test.prop([
    fc.integer({ min: 2, max: 8 }),
    fc.integer({ min: 0, max: 4 }),
    fc.double({ min: 0.5, max: 40, noNaN: true }),
    fc.double({ min: 0.2, max: 3, noNaN: true }),
    fc.integer({ min: 0, max: 0xffffffff }),
  ])('F1: for simplex centers the per-cluster and averaged union bounds are (k−1)Φ(−Δ/2σ)', (k, extraD, delta, sigma, seed) => {
    const centers = makeCenters('simplex', k, k - 1 + extraD, delta, new Rng(seed));
    const expected = logSimplexUnionBound(k, delta, sigma);
    for (const logB of logUnionBoundPerCluster(centers, sigma)) expect(logB).toBeCloseTo(expected, 8);
    expect(logWeightedUnionBound(centers, sigma, new Array<number>(k).fill(1 / k))).toBeCloseTo(expected, 8);
  });

  it('F1: bad input names the parameter and the value', () => {
    const centers = makeCenters('simplex', 3, 2, 1, new Rng(1));
    expect(() => logSimplexUnionBound(1, 2, 1)).toThrow(/k must be an integer >= 2, got 1/);
    expect(() => logMinimaxEnvelope(2, 0)).toThrow(/sigma must be a finite number > 0, got 0/);
    expect(() => logUnionBoundPerCluster(centers, -1)).toThrow(/sigma must be a finite number > 0, got -1/);
    expect(() => logWeightedUnionBound(centers, 1, [0.5, 0.5])).toThrow(/weights length must be equal to k = 3, got 2/);
  });

  // F1, statistical. Each case tests every cluster a with a one-sided Clopper–Pearson test of
  // p_a ≤ B_a at alpha = 1e-6 / (runs · max k): the property fails although F1 holds with
  // probability ≤ 1e-6. Clusters have exactly n/k points, so each count is Bin(n/k, p_a). The
  // points per cluster are the fewest that confirm p ≤ 1.5·B with probability ≥ 0.99 when B = 0.02.
  const unionRuns = 40;
  const unionMaxK = 5;
  const unionAlpha = bonferroni(1e-6, unionRuns * unionMaxK);
  const pointsPerCluster = trialsToResolveRate({ rate: 0.02, relativeResolution: 0.5, alpha: unionAlpha, beta: 0.01 }, 1e6)!;
  test.prop(
    [
      mixtureSpecArbitrary({ minK: 2, maxK: unionMaxK, maxD: 4, maxN: unionMaxK * 2, deltaRange: [0.5, 6], sigmaRange: [0.5, 2] }),
      fc.integer({ min: 0, max: 0xffffffff }),
    ],
    { numRuns: unionRuns },
  )(
    `F1: union bound Σ_{b≠a} Φ(−‖μ_a−μ_b‖/2σ) holds per cluster (statistical, failure probability 1e-6, ${pointsPerCluster} points per cluster)`,
    (spec, seed) => {
      const instance = sampleInstance({ ...spec, n: spec.k * pointsPerCluster }, new Rng(seed));
      const { errors, trials } = oracleErrorsPerCluster(instance);
      const bounds = logUnionBoundPerCluster(instance.centers, spec.sigma).map(Math.exp);
      errors.forEach((e, a) => expect(clopperPearsonLower(e, trials[a]!, unionAlpha)).toBeLessThanOrEqual(bounds[a]!));
    },
  );

  // F1, statistical. For k = 2 with equal weights each point errs with probability exactly
  // Φ(−Δ/2σ). Two-sided Clopper–Pearson at alpha = 1e-6 / 4 per Δ: failure probability 1e-6. The
  // points are the fewest that confirm p ≤ 1.25·Φ(−Δ/2σ) with probability ≥ 0.99.
  it('F1: for k = 2 with equal weights the oracle error is exactly Φ(−Δ/2σ) (statistical, failure probability 1e-6)', () => {
    const name = 'F1: for k = 2 the oracle error is exactly Φ(−Δ/2σ)';
    const rng = new Rng(testSeed(name));
    const snrs = [1, 2, 3, 4];
    const alpha = bonferroni(1e-6, snrs.length);
    const sigma = 1.5;
    for (const snr of snrs) {
      const exact = phi(-snr / 2);
      const n = 2 * Math.ceil(trialsToResolveRate({ rate: exact, relativeResolution: 0.25, alpha: alpha / 2, beta: 0.01 }, 1e7)! / 2);
      const instance = sampleInstance(
        { k: 2, d: 3, n, delta: snr * sigma, sigma, layout: 'simplex', variant: { kind: 'isotropic' } },
        rng.split(snr),
      );
      const { errors } = oracleErrorsPerCluster(instance);
      const { lower, upper } = clopperPearsonInterval(errors[0]! + errors[1]!, n, alpha);
      expect({ snr, n, exact, inside: lower <= exact && exact <= upper }).toEqual({ snr, n, exact, inside: true });
    }
  });
});
