import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { munkres } from 'munkres';
import { initializationError, kmeansPlusPlus, perturbedTruth, spectralInit } from '../theory/init';
import { squaredDistance } from '../theory/matrix';
import { Rng } from '../theory/rng';
import { instanceArbitrary } from './arbitraries/instance';

const seedArbitrary = fc.integer({ min: 0, max: 0xffffffff });

describe('initializations (CLAIMS.md §2)', () => {
  test.prop([instanceArbitrary({ minK: 2, maxK: 8, maxD: 8 }), fc.double({ min: 0, max: 2, noNaN: true }), seedArbitrary])(
    'perturbed-truth hits Λ_0 exactly',
    (instance, lambda0, seed) => {
      const init = perturbedTruth(instance.centers, lambda0, new Rng(seed));
      expect(Math.abs(initializationError(init, instance.centers) - lambda0)).toBeLessThanOrEqual(1e-9 * Math.max(1, lambda0));
    },
  );

  test.prop([instanceArbitrary({ maxK: 6 }), seedArbitrary])(
    'k-means++ returns k distinct data points when the data has k distinct points',
    (instance, seed) => {
      const init = kmeansPlusPlus(instance.points, instance.spec.k, new Rng(seed));
      for (let a = 0; a < init.rows; a++) {
        let onAPoint = false;
        for (let i = 0; i < instance.points.rows && !onAPoint; i++) onAPoint = squaredDistance(init, a, instance.points, i) === 0;
        expect(onAPoint).toBe(true);
        for (let b = 0; b < a; b++) expect(squaredDistance(init, a, init, b)).toBeGreaterThan(0);
      }
    },
  );

  // Well separated (Δ = 16σ, at least 40 points a cluster): after optimal matching every spectral
  // center lies within Δ/4 of a distinct true center.
  test.prop(
    [
      instanceArbitrary({ minK: 2, maxK: 5, maxD: 10, minPointsPerCluster: 40, maxN: 400, deltaRange: [16, 16], sigmaRange: [1, 1] }),
      seedArbitrary,
    ],
    { numRuns: 50 },
  )('spectral init recovers the centers of well-separated mixtures', (instance, seed) => {
    const init = spectralInit(instance.points, instance.spec.k, new Rng(seed));
    const k = instance.spec.k;
    const costs = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => squaredDistance(init, a, instance.centers, b)));
    const worst = Math.max(...munkres(costs).map(([a, b]) => Math.sqrt(costs[a!]![b!]!)));
    expect(worst).toBeLessThanOrEqual(instance.spec.delta / 4);
  });
});
