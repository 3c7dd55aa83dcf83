import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { separation } from '../theory/layouts';
import { squaredDistance } from '../theory/matrix';
import { clusterSizes, mixtureWeights, sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { mixtureSpecArbitrary } from './arbitraries/mixtureSpec';
import { median, medianOfMeansPlan } from './median-of-means';
import { testSeed } from './seed';

const anyVariant = { variants: ['isotropic', 'anisotropic', 'imbalanced', 'heavy-tailed'] as const, minK: 2 };

describe('mixtures (CLAIMS.md §1)', () => {
  test.prop([mixtureSpecArbitrary(anyVariant), fc.integer({ min: 0, max: 0xffffffff })])('same seed, identical sample', (spec, seed) => {
    const a = sampleInstance(spec, new Rng(seed));
    const b = sampleInstance(spec, new Rng(seed));
    expect(b.points.data).toEqual(a.points.data);
    expect(b.labels).toEqual(a.labels);
    expect(b.centers.data).toEqual(a.centers.data);
  });

  test.prop([mixtureSpecArbitrary({ minK: 2, maxK: 8, maxD: 10 }), fc.integer({ min: 0, max: 0xffffffff })])(
    'both layouts hit Δ exactly (1e-9 relative)',
    (spec, seed) => {
      const { centers } = sampleInstance(spec, new Rng(seed));
      expect(Math.abs(separation(centers) - spec.delta)).toBeLessThanOrEqual(1e-9 * spec.delta);
    },
  );

  test.prop([mixtureSpecArbitrary({ minK: 2, maxK: 8, maxD: 10, layouts: ['simplex'] }), fc.integer({ min: 0, max: 0xffffffff })])(
    'simplex: all pairwise distances equal Δ',
    (spec, seed) => {
      const { centers } = sampleInstance(spec, new Rng(seed));
      for (let a = 0; a < spec.k; a++) {
        for (let b = a + 1; b < spec.k; b++) expect(Math.sqrt(squaredDistance(centers, a, centers, b))).toBeCloseTo(spec.delta, 9);
      }
    },
  );

  test.prop([mixtureSpecArbitrary(anyVariant), fc.integer({ min: 0, max: 0xffffffff })])(
    'cluster sizes follow the weights to within one point and every cluster is non-empty',
    (spec, seed) => {
      const instance = sampleInstance(spec, new Rng(seed));
      const counts = new Array<number>(spec.k).fill(0);
      instance.labels.forEach((z) => counts[z]!++);
      mixtureWeights(spec).forEach((w, a) => {
        expect(Math.abs(counts[a]! - w * spec.n)).toBeLessThan(1 + 1e-9);
        expect(counts[a]).toBeGreaterThan(0);
      });
    },
  );

  test.prop([fc.integer({ min: 1, max: 500 }), fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 })])(
    'cluster sizes sum to n exactly',
    (extra, raw) => {
      const total = raw.reduce((s, x) => s + x, 0);
      const weights = raw.map((x) => x / total);
      const n = Math.ceil(1 / Math.min(...weights)) + extra;
      expect(clusterSizes(n, weights).reduce((s, x) => s + x, 0)).toBe(n);
    },
  );

  // The multivariate-t variant has covariance σ²I. Along a unit direction u, Y = (u·(X−μ))²/σ² has
  // mean 1 and, for ν = 10, variance 3(ν−2)/(ν−4) − 1 = 3. Median-of-means over two directions,
  // each with failure probability 5e-7, gives a stated failure probability of 1e-6 for this test.
  test('heavy-tailed variant has covariance σ²I (median of means, failure probability ≤ 1e-6)', () => {
    const nu = 10;
    const sigma = 2;
    const tolerance = 0.05;
    const plan = medianOfMeansPlan(squaredProjectionVariance(nu), tolerance, 5e-7);
    const rng = new Rng(testSeed('t covariance'));
    const directions = [
      [1, 0],
      [Math.SQRT1_2, Math.SQRT1_2],
    ];
    const blockMeans: number[][] = directions.map(() => []);
    for (let b = 0; b < plan.blocks; b++) {
      const { points } = sampleInstance(
        { k: 1, d: 2, n: plan.blockSize, delta: 1, sigma, layout: 'simplex', variant: { kind: 'heavy-tailed', nu } },
        rng,
      );
      directions.forEach(([u0, u1], j) => {
        let sum = 0;
        for (let i = 0; i < points.rows; i++) {
          const y = (u0! * points.data[2 * i]! + u1! * points.data[2 * i + 1]!) / sigma;
          sum += y * y;
        }
        blockMeans[j]!.push(sum / points.rows);
      });
    }
    for (const means of blockMeans) expect(Math.abs(median(means) - 1)).toBeLessThanOrEqual(tolerance);
  });
});

/** Var((u·ε)²) for unit-covariance t noise: E[Y²] − 1 = 3(ν−2)/(ν−4) − 1. */
function squaredProjectionVariance(nu: number): number {
  return (3 * (nu - 2)) / (nu - 4) - 1;
}
