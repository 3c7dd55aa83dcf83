import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { claimEntry } from '../bounds/registry';
import { argmaxRows, COVARIANCE_MODELS, em, emEStep, nearestCenterVariance, squaredDistances } from '../theory/em';
import { softEStep } from '../theory/estep';
import { kmeansPlusPlus } from '../theory/init';
import { cloneMatrix, fromRows } from '../theory/matrix';
import { responsibilityDefects } from '../theory/responsibility-defects';
import { Rng } from '../theory/rng';
import { instanceArbitrary } from './arbitraries/instance';

const { relativeTolerance, rowSumTolerance } = claimEntry('A3').constants;
const withInitSeed = fc.tuple(
  instanceArbitrary({ maxK: 5, maxN: 120, deltaRange: [0.3, 8] }),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.constantFrom(...COVARIANCE_MODELS),
);

describe('A3: EM', () => {
  test.prop([withInitSeed], { numRuns: 60 })(
    'A3: never decreases the log-likelihood (relative tolerance 1e-9), shared or per-cluster σ²',
    ([instance, seed, covariance]) => {
      const run = em(instance.points, kmeansPlusPlus(instance.points, instance.spec.k, new Rng(seed)), { maxIterations: 40, covariance });
      for (let t = 1; t < run.history.length; t++) {
        expect(run.history[t]!).toBeGreaterThanOrEqual(run.history[t - 1]! - relativeTolerance * Math.abs(run.history[t - 1]!));
      }
    },
  );

  test.prop([withInitSeed], { numRuns: 40 })(
    'A3: monotone through an emptied cluster, which gets weight 0',
    ([instance, seed, covariance]) => {
      fc.pre(instance.spec.k > 1);
      // A center far from every point gets responsibilities that underflow to exactly 0.
      const init = kmeansPlusPlus(instance.points, instance.spec.k, new Rng(seed));
      init.data.fill(1e6, 0, instance.spec.d);
      const run = em(instance.points, init, { maxIterations: 10, covariance });
      expect(run.emptyClusterEvents[0]?.clusters).toContain(0);
      expect(run.weights[0]).toBe(0);
      for (let t = 1; t < run.history.length; t++) {
        expect(run.history[t]!).toBeGreaterThanOrEqual(run.history[t - 1]! - relativeTolerance * Math.abs(run.history[t - 1]!));
      }
    },
  );

  test.prop([withInitSeed], { numRuns: 60 })('A3: responsibilities are ≥ 0 and each row sums to 1', ([instance, seed, covariance]) => {
    const run = em(instance.points, kmeansPlusPlus(instance.points, instance.spec.k, new Rng(seed)), { maxIterations: 20, covariance });
    const defects = responsibilityDefects(run.responsibilities);
    expect(defects.negativeEntries).toBe(0);
    expect(defects.worstRowSumError).toBeLessThanOrEqual(rowSumTolerance);
  });

  test.prop([instanceArbitrary({ maxK: 10, maxN: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })])(
    'A3: the soft E-step is a distribution with no NaN, for β up to 1e3',
    (instance, beta) => {
      const w = softEStep(instance.points, instance.centers, beta);
      const defects = responsibilityDefects(w);
      expect(defects.negativeEntries).toBe(0);
      expect(defects.worstRowSumError).toBeLessThanOrEqual(rowSumTolerance);
    },
  );

  test.prop([instanceArbitrary({ maxK: 5, maxN: 60 }), fc.double({ min: 0.1, max: 10, noNaN: true })])(
    'A3: the EM E-step with equal weights is the soft E-step at β = 1/σ²',
    (instance, sigma2) => {
      const k = instance.spec.k;
      const { responsibilities } = emEStep(instance.points, {
        centers: instance.centers,
        weights: new Array(k).fill(1 / k),
        variances: new Array(k).fill(sigma2),
      });
      const soft = softEStep(instance.points, instance.centers, 1 / sigma2);
      responsibilities.data.forEach((x, t) => expect(x).toBeCloseTo(soft.data[t]!, 12));
    },
  );
});

/**
 * Known answers for theory/em.ts on a hand-made 7-point mixture in R², from a plain numpy/scipy
 * EM written from CLAIMS.md §2 (/usr/bin/python3, numpy 1.x, scipy.special.logsumexp; 2026-11-30):
 * σ² starts at the mean squared distance to the nearest initial center over d, then two iterations.
 */
describe('EM: known answers (numpy reference)', () => {
  const points = fromRows('points', [
    [0, 0],
    [1, 0.5],
    [0.5, 1.5],
    [4, 4],
    [5, 3.5],
    [4.5, 5],
    [2.5, 2],
  ]);
  const init = fromRows('init', [
    [0.5, 0.5],
    [4, 4.5],
  ]);
  const close = (actual: ArrayLike<number>, expected: readonly number[], relative = 1e-12): void => {
    expect(actual.length).toBe(expected.length);
    expected.forEach((x, t) => expect(Math.abs(actual[t]! - x)).toBeLessThanOrEqual(relative * Math.max(1e-300, Math.abs(x))));
  };

  test('A3: the default initial σ² is the mean squared distance to the nearest initial center over d', () => {
    expect(nearestCenterVariance(points, init)).toBeCloseTo(0.7678571428571429, 15);
    // points on their centers: the default falls back to 1
    expect(nearestCenterVariance(init, init)).toBe(1);
  });

  test('A3: shared σ², two iterations', () => {
    const run = em(points, init, { maxIterations: 2, tolerance: 0 });
    expect(run.iterations).toBe(2);
    expect(run.converged).toBe(false);
    close(run.centers.data, [0.9894502137486073, 0.992966878129297, 4.48154722857212, 4.146676148334295]);
    close(run.weights, [0.5674376227695569, 0.4325623772304431]);
    close(run.variances, [0.5582781680540859, 0.5582781680540859]);
    close(run.history, [-22.660238191747673, -20.55300790107394, -20.427387534692336]);
    close(run.responsibilities.data.subarray(12, 14), [0.9930593474016962, 0.006940652598303373], 1e-10);
    expect(Array.from(run.labels)).toEqual([0, 0, 0, 1, 1, 1, 0]);
    expect(run.emptyClusterEvents).toEqual([]);
  });

  test('A3: per-cluster σ_a², two iterations', () => {
    const run = em(points, init, { maxIterations: 2, tolerance: 0, covariance: 'per-cluster' });
    close(run.centers.data, [0.9973937706669341, 0.9982629108369969, 4.495383308051817, 4.161665099612569]);
    close(run.weights, [0.5704371859109612, 0.4295628140890389]);
    close(run.variances, [0.7484776570550652, 0.2871488717315221]);
    close(run.history, [-22.660238191747673, -20.212374458459788, -19.653879734739274]);
    close(run.responsibilities.data.subarray(12, 14), [0.9999950514924224, 4.9485075771997795e-6], 1e-9);
  });

  test('A3: given initial weights and σ², one iteration', () => {
    const run = em(points, init, { maxIterations: 1, tolerance: 0, weights: [0.25, 0.75], sigma2: 2 });
    expect(run.iterations).toBe(1);
    close(run.centers.data, [0.7211749815882764, 0.810664747964017, 4.128067105797779, 3.7725547798054255]);
    close(run.weights, [0.47787456909148185, 0.5221254309085182]);
    close(run.variances, [0.7330351774243079, 0.7330351774243079]);
    close(run.history, [-25.789647861887854, -21.34430840406316]);
  });

  test('A3: stops when the gain is at most tolerance·|ℓ|, and says it converged', () => {
    // the first gain, 2.107, is above 0.1·20.55 = 2.055 and below 0.11·20.55 = 2.261
    const loose = em(points, init, { maxIterations: 50, tolerance: 0.11 });
    expect(loose.iterations).toBe(1);
    expect(loose.converged).toBe(true);
    expect(loose.history).toHaveLength(2);
    const lessLoose = em(points, init, { maxIterations: 50, tolerance: 0.1 });
    expect(lessLoose.iterations).toBe(2);
    expect(lessLoose.converged).toBe(true);
    expect(em(points, init, { maxIterations: 1, tolerance: 0.1 }).converged).toBe(false);
    const tight = em(points, init, { maxIterations: 100 });
    expect(tight.converged).toBe(true);
    expect(tight.iterations).toBeGreaterThan(2);
    expect(tight.iterations).toBeLessThan(100);
    const last = tight.history.length - 1;
    expect(Math.abs(tight.history[last]! - tight.history[last - 1]!)).toBeLessThanOrEqual(1e-10 * Math.abs(tight.history[last]!));
    expect(Math.abs(tight.history[last - 1]! - tight.history[last - 2]!)).toBeGreaterThan(1e-10 * Math.abs(tight.history[last - 1]!));
  });

  test('A3: a gain of exactly 0 converges even with tolerance 0 (a fixed point)', () => {
    // two points, each its own cluster: after one step the parameters are fixed
    const two = fromRows('two', [[0], [10]]);
    const run = em(two, two, { maxIterations: 20, tolerance: 0 });
    expect(run.converged).toBe(true);
    expect(run.iterations).toBeLessThan(20);
  });

  test('A3: per-cluster σ_a² of a one-point cluster (spread 0) keeps its previous value; shared σ² does not', () => {
    const data = fromRows('data', [[0], [0.5], [1], [100]]);
    const start = fromRows('start', [[0.5], [100]]);
    const run = em(data, start, { maxIterations: 1, tolerance: 0, covariance: 'per-cluster', sigma2: 0.5 });
    // cluster 1 holds the point 100 alone: every other responsibility, exp(−10⁴) or less, underflows to 0
    expect(run.variances[1]).toBe(0.5);
    expect(run.variances[0]).toBeCloseTo(1 / 6, 12);
    const shared = em(data, start, { maxIterations: 1, tolerance: 0, sigma2: 0.5 });
    expect(shared.variances[0]).toBeCloseTo(0.125, 12);
    expect(shared.variances[1]).toBe(shared.variances[0]);
  });

  test.each([
    [{ maxIterations: 0 }, 'maxIterations must be an integer >= 1, got 0'],
    [{ tolerance: -1 }, 'tolerance must be a number >= 0, got -1'],
    [{ tolerance: Number.NaN }, 'tolerance must be a number >= 0, got NaN'],
    [{ covariance: 'full' as never }, 'covariance must be one of shared, per-cluster, got "full"'],
    [{ weights: [1] }, 'weights must be 2 positive numbers, got [1]'],
    [{ weights: [1, 0] }, 'weights must be 2 positive numbers, got [1,0]'],
    [{ weights: [1, Number.NaN] }, 'weights must be 2 positive numbers, got [1,null]'],
    [{ sigma2: 0 }, 'sigma2 must be a finite number > 0, got 0'],
  ])('A3: EM rejects the options %p with a message naming them', (options, message) => {
    expect(() => em(points, init, options)).toThrow(message);
  });

  test('A3: EM accepts tolerance 0 and names a non-finite point, a non-finite center and a width mismatch', () => {
    expect(em(points, init, { tolerance: 0, maxIterations: 1 }).iterations).toBe(1);
    const bad = fromRows('bad', [
      [0, 0],
      [1, 2],
    ]);
    bad.data[3] = Number.NaN;
    expect(() => em(bad, init)).toThrow('points[1][1] must be a finite number, got NaN');
    const badInit = cloneMatrix(init);
    badInit.data[2] = Number.POSITIVE_INFINITY;
    expect(() => em(points, badInit)).toThrow('initCenters[1][0] must be a finite number, got Infinity');
    expect(() => em(points, fromRows('wide', [[0, 0, 0]]))).toThrow(
      'initCenters width must be equal to the dimension of points (2), got 3',
    );
  });

  test('A3: squaredDistances and emEStep on a hand-worked case', () => {
    const x = fromRows('x', [[0], [2]]);
    const mu = fromRows('mu', [[0], [1]]);
    expect(Array.from(squaredDistances(x, mu).data)).toEqual([0, 1, 4, 1]);
    // σ² = 1, equal weights: w_0a ∝ exp(−D/2): (1, e^{-1/2}) / (1 + e^{-1/2}); second row (e^{-2}, e^{-1/2})
    const { responsibilities, logLikelihood } = emEStep(x, { centers: mu, weights: [0.5, 0.5], variances: [1, 1] });
    const r0 = 1 / (1 + Math.exp(-0.5));
    const r1 = Math.exp(-2) / (Math.exp(-2) + Math.exp(-0.5));
    close(responsibilities.data, [r0, 1 - r0, r1, 1 - r1]);
    const c = Math.log(0.5) - 0.5 * Math.log(2 * Math.PI);
    close([logLikelihood], [c + Math.log(1 + Math.exp(-0.5)) + c + Math.log(Math.exp(-2) + Math.exp(-0.5))]);
    // per-cluster variances and unequal weights enter the log density
    const other = emEStep(fromRows('x', [[1]]), { centers: mu, weights: [0.25, 0.75], variances: [4, 1] });
    const s0 = Math.log(0.25) - 0.5 * Math.log(2 * Math.PI * 4) - 1 / 8;
    const s1 = Math.log(0.75) - 0.5 * Math.log(2 * Math.PI);
    close(other.responsibilities.data, [Math.exp(s0) / (Math.exp(s0) + Math.exp(s1)), Math.exp(s1) / (Math.exp(s0) + Math.exp(s1))]);
    close([other.logLikelihood], [Math.log(Math.exp(s0) + Math.exp(s1))]);
  });

  test('argmaxRows: the largest entry of each row, ties to the smallest index', () => {
    const m = fromRows('m', [
      [0.2, 0.5, 0.3],
      [0.4, 0.4, 0.2],
      [0, 0, 1],
      [-3, -2, -5],
    ]);
    expect(Array.from(argmaxRows(m))).toEqual([1, 0, 2, 1]);
  });
});
