import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { COVARIANCE_MODELS, type EmOptions, type EmResult, em, nearestCenterVariance } from '../theory/em';
import { kmeansPlusPlus } from '../theory/init';
import type { Matrix } from '../theory/matrix';
import { sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { createEmPass, createLloydPass } from '../theory/wasm/point-pairs';
import { lloydKernelCaseArbitrary } from './arbitraries/lloydKernelCase';
import { plainEm } from './reference/plain-em';
import { testSeed } from './seed';

/** Everything an EM run returns, with the typed arrays as plain arrays (jest compares numbers with Object.is). */
function comparable(run: EmResult): unknown {
  return {
    ...run,
    centers: { rows: run.centers.rows, cols: run.centers.cols, data: Array.from(run.centers.data) },
    responsibilities: { rows: run.responsibilities.rows, cols: run.responsibilities.cols, data: Array.from(run.responsibilities.data) },
    labels: Array.from(run.labels),
  };
}

/** The run's comparable result, or the message it was refused with (a default σ² that overflows to ∞). */
function outcome(run: () => EmResult): unknown {
  try {
    return comparable(run());
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

function expectSameRun(points: Matrix, init: Matrix, options: EmOptions): unknown {
  const run = outcome(() => em(points, init, options));
  expect(run).toEqual(outcome(() => plainEm(points, init, options)));
  return run;
}

/** The kernel cases (odd and even n and d, exact ties, duplicate and far centers, underflow, overflow) with EM's options. */
const emKernelCase = fc.record({
  kernelCase: lloydKernelCaseArbitrary(),
  covariance: fc.constantFrom(...COVARIANCE_MODELS),
  tolerance: fc.constantFrom(0, 1e-10, 1e-3),
  sigma2: fc.option(fc.constantFrom(1e-3, 1, 1e3), { nil: undefined }),
});

type EmKernelCase = typeof emKernelCase extends fc.Arbitrary<infer T> ? T : never;

function optionsOf(c: EmKernelCase): EmOptions {
  const { kernelCase, covariance, tolerance, sigma2 } = c;
  return {
    covariance,
    tolerance,
    maxIterations: kernelCase.maxIterations ?? 30,
    ...(sigma2 === undefined ? {} : { sigma2 }),
  };
}

describe('A3: EM on the wasm kernel’s resident arrays', () => {
  test.prop([emKernelCase], { numRuns: 300 })(
    'A3: equals the plain float64 EM bit for bit (parameters, responsibilities, labels, history, iterations, converged, empty clusters)',
    (c) => {
      expectSameRun(c.kernelCase.points, c.kernelCase.init, optionsOf(c));
    },
  );

  test('A3: the bit-for-bit cases cover odd and even n and d, n = 1, k = 1, ties, emptied clusters, underflow and overflow', () => {
    const cases = fc.sample(emKernelCase, { seed: testSeed('em kernel coverage'), numRuns: 300 });
    const runs = cases.flatMap((c) => {
      const options = optionsOf(c);
      // a default σ² that overflows to ∞ is refused, by both implementations alike (the property above)
      return options.sigma2 === undefined && !Number.isFinite(nearestCenterVariance(c.kernelCase.points, c.kernelCase.init))
        ? []
        : [{ c, run: em(c.kernelCase.points, c.kernelCase.init, options) }];
    });
    const points = (c: (typeof cases)[number]): Matrix => c.kernelCase.points;
    const seen = {
      nParity: new Set(cases.map((c) => points(c).rows % 2)).size,
      n1: cases.some((c) => points(c).rows === 1),
      dParity: new Set(cases.map((c) => points(c).cols % 2)).size,
      k1: cases.some((c) => c.kernelCase.init.rows === 1),
      emptied: runs.some(({ run }) => run.emptyClusterEvents.length > 0),
      // responsibilities that underflow to exactly 0, and distances that overflow to ∞ (NaN history)
      zeroWeights: runs.some(({ run }) => run.responsibilities.data.some((w) => w === 0)),
      overflow: runs.some(({ run }) => run.history.some((l) => Number.isNaN(l))),
      converged: runs.some(({ run }) => run.converged),
      capped: runs.some(({ run }) => !run.converged),
    };
    expect(seen).toEqual({
      nParity: 2,
      n1: true,
      dParity: 2,
      k1: true,
      emptied: true,
      zeroWeights: true,
      overflow: true,
      converged: true,
      capped: true,
    });
  });

  test('A3: mixtures of 20001 points in d = 10 and 7 with k = 5 (memory grown past earlier runs), shared and per-cluster, equal it too', () => {
    const rng = new Rng(testSeed('em kernel large instance'));
    for (const d of [10, 7]) {
      const instance = sampleInstance({ k: 5, d, n: 20001, delta: 2, sigma: 1, layout: 'random', variant: { kind: 'isotropic' } }, rng);
      const init = kmeansPlusPlus(instance.points, 5, rng);
      for (const covariance of COVARIANCE_MODELS) expectSameRun(instance.points, init, { covariance, maxIterations: 15, tolerance: 0 });
    }
  });

  test('A3: unequal initial weights, and a Lloyd pass run between two EM runs, give the same results', () => {
    const rng = new Rng(testSeed('em kernel weights'));
    const instance = sampleInstance({ k: 3, d: 4, n: 301, delta: 3, sigma: 1, layout: 'random', variant: { kind: 'isotropic' } }, rng);
    const init = kmeansPlusPlus(instance.points, 3, rng);
    const first = expectSameRun(instance.points, init, { weights: [0.2, 0.3, 0.5], covariance: 'per-cluster' });
    createLloydPass(instance.points, 3).run(init);
    const again = expectSameRun(instance.points, init, { weights: [0.2, 0.3, 0.5], covariance: 'per-cluster' });
    expect(again).toEqual(first);
  });

  test('A3: no points, and no centers, give the same results (or the same refusal) as the plain EM', () => {
    const none: Matrix = { rows: 0, cols: 3, data: new Float64Array(0) };
    const three: Matrix = { rows: 3, cols: 3, data: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]) };
    for (const covariance of COVARIANCE_MODELS) {
      expectSameRun(none, three, { covariance, sigma2: 1 });
      expectSameRun(three, none, { covariance, sigma2: 1 });
      expectSameRun(three, none, { covariance });
    }
  });

  test('an EM pass refuses to run once a later pass took its memory over', () => {
    const points: Matrix = { rows: 3, cols: 2, data: Float64Array.from([0, 1, 2, 3, 4, 5]) };
    const pass = createEmPass(points, 2);
    pass.runDistances({ rows: 2, cols: 2, data: new Float64Array(4) });
    expect(() => pass.runDistances({ rows: 3, cols: 2, data: new Float64Array(6) })).toThrow(/centers must be 2×2, got 3×2/);
    createLloydPass(points, 2);
    expect(() => pass.runWeightedSums()).toThrow(/superseded/);
    expect(() => pass.runDistancesAndSpread({ rows: 2, cols: 2, data: new Float64Array(4) })).toThrow(/superseded/);
  });
});
