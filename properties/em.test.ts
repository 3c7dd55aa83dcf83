import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { claimEntry } from '../bounds/registry';
import { COVARIANCE_MODELS, em, emEStep } from '../theory/em';
import { softEStep } from '../theory/estep';
import { kmeansPlusPlus } from '../theory/init';
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
