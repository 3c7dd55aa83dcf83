import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { munkres } from 'munkres';
import { initializationError, kmeansPlusPlus, perturbedTruth, spectralInit } from '../theory/init';
import { makeCenters, separation } from '../theory/layouts';
import { fromRows, squaredDistance, toRows, zeros } from '../theory/matrix';
import { randomOrthonormalRows } from '../theory/orthonormal';
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

describe('initializations and layouts: known answers and messages (CLAIMS.md §1, §2)', () => {
  const square = fromRows('square', [
    [0, 0],
    [3, 0],
    [0, 4],
  ]);

  test('separation: the smallest pairwise distance; +∞ for one center', () => {
    expect(separation(square)).toBe(3);
    expect(
      separation(
        fromRows('two', [
          [0, 0],
          [6, 8],
        ]),
      ),
    ).toBe(10);
    expect(separation(fromRows('one', [[1, 2]]))).toBe(Number.POSITIVE_INFINITY);
    // the closest pair last
    expect(separation(fromRows('last', [[0], [10], [11]]))).toBe(1);
  });

  test('initializationError: max_a ‖μ̂_a − μ_a‖ / Δ', () => {
    const moved = fromRows('moved', [
      [0, 1.5],
      [3, 0],
      [0.3, 4.4],
    ]);
    expect(initializationError(moved, square)).toBeCloseTo(0.5, 15);
    expect(initializationError(square, square)).toBe(0);
  });

  test('perturbed-truth: Λ_0 = 0 returns the true centers; bad Λ_0 or one center is rejected', () => {
    expect(Array.from(perturbedTruth(square, 0, new Rng(1)).data)).toEqual(Array.from(square.data));
    expect(() => perturbedTruth(square, -0.5, new Rng(1))).toThrow('lambda0 must be a finite number >= 0, got -0.5');
    expect(() => perturbedTruth(square, Number.POSITIVE_INFINITY, new Rng(1))).toThrow(
      'lambda0 must be a finite number >= 0, got Infinity',
    );
    expect(() => perturbedTruth(fromRows('one', [[1, 2]]), 0.1, new Rng(1))).toThrow(
      'k must be >= 2 for perturbed-truth (Δ is undefined for one center), got 1',
    );
  });

  test('perturbed-truth: exactly one center moves by Λ_0·Δ, the others by at most that', () => {
    for (let seed = 0; seed < 20; seed++) {
      const init = perturbedTruth(square, 0.25, new Rng(seed));
      const moves = [0, 1, 2].map((a) => Math.sqrt(squaredDistance(init, a, square, a)));
      const atRadius = moves.filter((x) => Math.abs(x - 0.75) <= 1e-12);
      expect(atRadius.length).toBeGreaterThanOrEqual(1);
      for (const x of moves) expect(x).toBeLessThanOrEqual(0.75 + 1e-12);
      // the others move by radius·U with U uniform: strictly less, almost surely
      expect(moves.filter((x) => x < 0.75 - 1e-9)).toHaveLength(2);
    }
  });

  test('k-means++: k = n returns every point; identical points are chosen uniformly (total 0)', () => {
    const init = kmeansPlusPlus(square, 3, new Rng(4));
    const rows = toRows(init)
      .map((r) => r.join(','))
      .sort();
    expect(rows).toEqual(['0,0', '0,4', '3,0']);
    const same = fromRows('same', [
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(toRows(kmeansPlusPlus(same, 2, new Rng(4)))).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  test('k-means++ picks the far point second: with 3 points at 0, 0.001 and 1000 and k = 2, the far one always joins', () => {
    const line = fromRows('line', [[0], [0.001], [1000]]);
    for (let seed = 0; seed < 30; seed++) {
      const centers = Array.from(kmeansPlusPlus(line, 2, new Rng(seed)).data);
      expect(centers).toContain(1000);
    }
  });

  test('k-means++ and spectral reject k outside [1, n] and non-finite points, naming them', () => {
    expect(() => kmeansPlusPlus(square, 4, new Rng(1))).toThrow('k must be an integer in [1, 3], got 4');
    expect(() => kmeansPlusPlus(square, 0, new Rng(1))).toThrow('k must be an integer in [1, 3], got 0');
    expect(() => spectralInit(square, 4, new Rng(1))).toThrow('k must be an integer in [1, 3], got 4');
    const bad = fromRows('bad', [[0], [1]]);
    bad.data[0] = Number.NaN;
    expect(() => kmeansPlusPlus(bad, 1, new Rng(1))).toThrow('points[0][0] must be a finite number, got NaN');
    expect(() => spectralInit(bad, 1, new Rng(1))).toThrow('points[0][0] must be a finite number, got NaN');
  });

  test('spectral: k ≥ d clusters in the original space; k < d in the top-k subspace', () => {
    // two tight groups along the first axis, noise only along the second and third: the top
    // singular direction is the first axis, so the spectral centers are the two group means
    const points = fromRows('groups', [
      [-10, 0.1, 0],
      [-10, -0.1, 0.05],
      [-10, 0, -0.05],
      [10, 0.1, 0],
      [10, -0.1, -0.05],
      [10, 0, 0.05],
    ]);
    const centers = toRows(spectralInit(points, 2, new Rng(3))).sort((a, b) => a[0]! - b[0]!);
    expect(centers[0]![0]).toBeCloseTo(-10, 12);
    expect(centers[1]![0]).toBeCloseTo(10, 12);
    for (const c of centers) {
      expect(c[1]).toBeCloseTo(0, 12);
      expect(c[2]).toBeCloseTo(0, 12);
    }
    const wide = toRows(spectralInit(square, 3, new Rng(3)))
      .map((r) => r.join(','))
      .sort();
    expect(wide).toEqual(['0,0', '0,4', '3,0']);
  });

  test('layouts: one center is the origin; an unknown layout or a too small d for the simplex is rejected', () => {
    expect(Array.from(makeCenters('simplex', 1, 3, 2, new Rng(1)).data)).toEqual([0, 0, 0]);
    expect(() => makeCenters('grid' as never, 2, 2, 1, new Rng(1))).toThrow('layout must be one of simplex, random, got "grid"');
    expect(() => makeCenters('simplex', 4, 2, 1, new Rng(1))).toThrow('d must be >= k−1 = 3 for the simplex layout, got 2');
  });

  test.each([2, 3, 5])('simplex layout, k = %p: centered at 0, every distance Δ, every norm Δ·sqrt((k − 1)/(2k))', (k) => {
    const delta = 3;
    const centers = makeCenters('simplex', k, k + 1, delta, new Rng(k));
    for (let c = 0; c < k + 1; c++) {
      let sum = 0;
      for (let a = 0; a < k; a++) sum += centers.data[a * (k + 1) + c]!;
      expect(Math.abs(sum)).toBeLessThan(1e-12);
    }
    const origin = zeros(1, k + 1);
    for (let a = 0; a < k; a++) {
      expect(Math.sqrt(squaredDistance(centers, a, origin, 0))).toBeCloseTo(delta * Math.sqrt((k - 1) / (2 * k)), 12);
      for (let b = a + 1; b < k; b++) expect(Math.sqrt(squaredDistance(centers, a, centers, b))).toBeCloseTo(delta, 12);
    }
  });

  test('random layout: the minimum distance is exactly Δ', () => {
    const centers = makeCenters('random', 6, 2, 0.5, new Rng(8));
    expect(separation(centers)).toBeCloseTo(0.5, 14);
  });

  test('randomOrthonormalRows: r ≤ d orthonormal rows; r > d is a RangeError', () => {
    const q = randomOrthonormalRows(new Rng(2), 3, 4);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let dot = 0;
        for (let c = 0; c < 4; c++) dot += q.data[i * 4 + c]! * q.data[j * 4 + c]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 14);
      }
    }
    expect(() => randomOrthonormalRows(new Rng(2), 3, 2)).toThrow(new RangeError('cannot fit 3 orthonormal rows in R^2'));
    expect(randomOrthonormalRows(new Rng(2), 2, 2).rows).toBe(2);
  });
});
