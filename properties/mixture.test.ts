import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { separation } from '../theory/layouts';
import { squaredDistance } from '../theory/matrix';
import { clusterSizes, type MixtureSpec, mixtureWeights, sampleInstance, validateSpec } from '../theory/mixture';
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

describe('mixtures: validation messages and known answers', () => {
  const base: MixtureSpec = { k: 3, d: 2, n: 30, delta: 4, sigma: 1, layout: 'simplex', variant: { kind: 'isotropic' } };
  const rejects = (changes: Record<string, unknown>, message: string): void => {
    expect(() => validateSpec({ ...base, ...changes } as MixtureSpec)).toThrow(message);
  };

  test('a valid spec is returned as it is, at the edges of every range', () => {
    expect(validateSpec(base)).toBe(base);
    expect(validateSpec({ ...base, n: 3 })).toEqual({ ...base, n: 3 });
    expect(() => validateSpec({ ...base, k: 1, d: 1, n: 1 })).not.toThrow();
    expect(() => validateSpec({ ...base, k: 3, d: 2 })).not.toThrow(); // d = k − 1 fits a simplex
    expect(() => validateSpec({ ...base, k: 4, d: 2, layout: 'random' })).not.toThrow();
    expect(() => validateSpec({ ...base, variant: { kind: 'anisotropic', lambdaMin: 2, lambdaMax: 2 } })).not.toThrow();
    expect(() => validateSpec({ ...base, variant: { kind: 'imbalanced', alpha: 1 / 3 } })).not.toThrow();
    expect(() => validateSpec({ ...base, variant: { kind: 'heavy-tailed', nu: 2.0000001 } })).not.toThrow();
  });

  test.each([
    [{ k: 0 }, 'k must be an integer >= 1, got 0'],
    [{ d: 0 }, 'd must be an integer >= 1, got 0'],
    [{ n: 2 }, 'n must be an integer >= 3, got 2'],
    [{ delta: 0 }, 'delta must be a finite number > 0, got 0'],
    [{ sigma: -1 }, 'sigma must be a finite number > 0, got -1'],
    [{ layout: 'grid' }, 'layout must be one of simplex, random, got "grid"'],
    [{ k: 4, d: 2 }, 'd must be >= k−1 = 3 for the simplex layout, got 2'],
    [{ variant: { kind: 'anisotropic', lambdaMin: 0, lambdaMax: 1 } }, 'lambdaMin must be a finite number > 0, got 0'],
    [{ variant: { kind: 'anisotropic', lambdaMin: 1, lambdaMax: Number.NaN } }, 'lambdaMax must be a finite number > 0, got NaN'],
    [{ variant: { kind: 'anisotropic', lambdaMin: 2, lambdaMax: 1 } }, 'lambdaMax must be >= lambdaMin (2), got 1'],
    [{ variant: { kind: 'imbalanced', alpha: 0.34 } }, 'alpha must be a finite number > 0 and <= 0.3333333333333333, got 0.34'],
    [{ variant: { kind: 'imbalanced', alpha: 0 } }, 'alpha must be a finite number > 0 and <= 0.3333333333333333, got 0'],
    [{ variant: { kind: 'heavy-tailed', nu: 2 } }, 'nu must be a finite number > 2 (the covariance must exist), got 2'],
    [
      { variant: { kind: 'heavy-tailed', nu: Number.POSITIVE_INFINITY } },
      'nu must be a finite number > 2 (the covariance must exist), got Infinity',
    ],
    [{ variant: { kind: 'gaussian' } }, 'variant must be one of isotropic, anisotropic, imbalanced, heavy-tailed, got "gaussian"'],
    [{ variant: undefined }, 'variant must be one of isotropic, anisotropic, imbalanced, heavy-tailed, got undefined'],
    [{ variant: {} }, 'variant must be one of isotropic, anisotropic, imbalanced, heavy-tailed, got {}'],
  ])('validateSpec rejects %p, naming the parameter and the value', (changes, message) => rejects(changes, message));

  test('mixtureWeights: equal shares, or α for cluster 0 and the rest shared equally', () => {
    expect(mixtureWeights(base)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(mixtureWeights({ ...base, variant: { kind: 'imbalanced', alpha: 0.2 } })).toEqual([0.2, 0.4, 0.4]);
    expect(mixtureWeights({ ...base, k: 1, n: 5, variant: { kind: 'imbalanced', alpha: 1 } })).toEqual([1]);
    expect(mixtureWeights({ ...base, variant: { kind: 'heavy-tailed', nu: 5 } })).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  test('clusterSizes: largest remainder, ties to the smaller index', () => {
    // raw 1.5, 3.5, 5: floors 1, 3, 5; one point missing goes to cluster 0 (remainder 0.5, like cluster 1's)
    expect(clusterSizes(10, [0.15, 0.35, 0.5])).toEqual([2, 3, 5]);
    // raw 2.4, 2.7, 4.9: floors 2, 2, 4; two missing go to clusters 2 (0.9) and 1 (0.7)
    expect(clusterSizes(10, [0.24, 0.27, 0.49])).toEqual([2, 3, 5]);
    expect(clusterSizes(7, [1])).toEqual([7]);
    expect(clusterSizes(4, [0.25, 0.25, 0.25, 0.25])).toEqual([1, 1, 1, 1]);
  });

  test('clusterSizes fails, naming n, the cluster and its weight, when a cluster would be empty', () => {
    // raw 0.2, 1.8: the missing point goes to cluster 1
    expect(() => clusterSizes(2, [0.1, 0.9])).toThrow('n must be large enough that cluster 0 (weight 0.1) gets a point, got 2');
  });

  test('sampleInstance: exact cluster sizes, each label its own center, weights as given', () => {
    const spec: MixtureSpec = { k: 3, d: 2, n: 10, delta: 100, sigma: 1e-6, layout: 'random', variant: { kind: 'imbalanced', alpha: 0.2 } };
    const instance = sampleInstance(spec, new Rng(3));
    expect(instance.spec).toBe(spec);
    expect(instance.weights).toEqual([0.2, 0.4, 0.4]);
    const counts = [0, 0, 0];
    instance.labels.forEach((z) => counts[z]!++);
    expect(counts).toEqual([2, 4, 4]);
    for (let i = 0; i < spec.n; i++) expect(squaredDistance(instance.points, i, instance.centers, instance.labels[i]!)).toBeLessThan(1e-9);
    expect(() => sampleInstance({ ...spec, sigma: 0 }, new Rng(3))).toThrow('sigma must be a finite number > 0, got 0');
  });

  test('sampleInstance, anisotropic: the noise of cluster a has covariance σ²·Q_a diag(λ) Q_aᵀ with λ in [λmin, λmax]', () => {
    // λmin = λmax = 4: the covariance is 4σ²I = I
    const spec: MixtureSpec = {
      k: 1,
      d: 3,
      n: 2000,
      delta: 1,
      sigma: 0.5,
      layout: 'simplex',
      variant: { kind: 'anisotropic', lambdaMin: 4, lambdaMax: 4 },
    };
    const { points } = sampleInstance(spec, new Rng(9));
    let total = 0;
    for (const x of points.data) total += x * x;
    // ‖X‖² = λσ²·χ²_3 = χ²_3: mean 3, variance 6, so the mean of 2000 draws has sd 0.055 and 0.3 is 5.5 sd
    expect(Math.abs(total / spec.n - 3)).toBeLessThan(0.3);
  });
});
