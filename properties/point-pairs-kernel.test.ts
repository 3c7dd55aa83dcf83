import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { em, squaredDistances } from '../theory/em';
import { kmeansPlusPlus } from '../theory/init';
import { type LloydResult, lloyd } from '../theory/lloyd';
import type { Matrix } from '../theory/matrix';
import { sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { createDistancePass, createLloydPass } from '../theory/wasm/point-pairs';
import { lloydKernelCaseArbitrary } from './arbitraries/lloydKernelCase';
import { plainLloyd } from './reference/plain-lloyd';
import { testSeed } from './seed';

/** Everything a Lloyd run returns, with the typed arrays as plain arrays (jest compares numbers with Object.is). */
function comparable(run: LloydResult): unknown {
  return {
    ...run,
    centers: { rows: run.centers.rows, cols: run.centers.cols, data: Array.from(run.centers.data) },
    labels: Array.from(run.labels),
  };
}

function expectSameRun(points: Matrix, init: Matrix, maxIterations: number | undefined): void {
  const options = maxIterations === undefined ? {} : { maxIterations };
  expect(comparable(lloyd(points, init, options))).toEqual(comparable(plainLloyd(points, init, options)));
}

describe('A2: Lloyd through the wasm-SIMD pass', () => {
  test.prop([lloydKernelCaseArbitrary()], { numRuns: 300 })(
    'A2: equals the plain float64 Lloyd bit for bit (labels, centers, history, iterations, converged, empty clusters)',
    ({ points, init, maxIterations }) => expectSameRun(points, init, maxIterations),
  );

  test('A2: the bit-for-bit cases cover every seam: odd and even n (two points per step), odd and even pair counts (two pairs per step), k mod 3 (up to three centers per step), n = 1, odd and even d, ties, empty clusters, capped runs', () => {
    const cases = fc.sample(lloydKernelCaseArbitrary(), { seed: testSeed('lloyd kernel coverage'), numRuns: 300 });
    const runs = cases.map((c) => ({
      c,
      run: lloyd(c.points, c.init, c.maxIterations === undefined ? {} : { maxIterations: c.maxIterations }),
    }));
    const seen = {
      nParity: new Set(cases.map((c) => c.points.rows % 2)).size,
      // the pass takes two pairs and up to three centers at a time: every remainder of both
      pairCountParity: new Set(cases.map((c) => Math.ceil(c.points.rows / 2) % 2)).size,
      kModThree: new Set(cases.map((c) => c.init.rows % 3)).size,
      n1: cases.some((c) => c.points.rows === 1),
      dParity: new Set(cases.map((c) => c.points.cols % 2)).size,
      d1: cases.some((c) => c.points.cols === 1),
      duplicateCenters: cases.some(
        (c) =>
          new Set(Array.from({ length: c.init.rows }, (_, a) => c.init.data.subarray(a * c.init.cols, (a + 1) * c.init.cols).join())).size <
          c.init.rows,
      ),
      emptyClusters: runs.some(({ run }) => run.emptyClusterEvents.length > 0),
      capped: runs.some(({ run }) => !run.converged),
    };
    expect(seen).toEqual({
      nParity: 2,
      pairCountParity: 2,
      kModThree: 3,
      n1: true,
      dParity: 2,
      d1: true,
      duplicateCenters: true,
      emptyClusters: true,
      capped: true,
    });
  });

  test('A2: a mixture of 20000 points in d = 10 with k = 7 (memory grown past earlier runs) equals it too', () => {
    const rng = new Rng(testSeed('lloyd kernel large instance'));
    const instance = sampleInstance({ k: 7, d: 10, n: 20000, delta: 2, sigma: 1, layout: 'random', variant: { kind: 'isotropic' } }, rng);
    expectSameRun(instance.points, kmeansPlusPlus(instance.points, 7, rng), undefined);
  });

  test('A2: no points, and no centers, give the same results as the plain pass', () => {
    const none: Matrix = { rows: 0, cols: 3, data: new Float64Array(0) };
    const three: Matrix = { rows: 3, cols: 3, data: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]) };
    expectSameRun(none, three, undefined);
    expectSameRun(three, none, undefined);
  });
});

describe("A3: EM's squared distances through the wasm-SIMD kernel", () => {
  test.prop([lloydKernelCaseArbitrary()], { numRuns: 200 })(
    'A3: equal the plain float64 D_ia = ‖X_i − μ_a‖² bit for bit, pass after pass',
    ({ points, init }) => {
      const pass = createDistancePass(points, init.rows);
      for (const centers of [init, { ...init, data: init.data.map((v) => v / 2 + 1) }]) {
        expect(Array.from(pass.run(centers).data)).toEqual(Array.from(squaredDistances(points, centers).data));
      }
    },
  );

  test('A3: a distance pass refuses centers of another shape, and one superseded by a Lloyd pass', () => {
    const points: Matrix = { rows: 3, cols: 2, data: Float64Array.from([0, 1, 2, 3, 4, 5]) };
    const pass = createDistancePass(points, 2);
    expect(() => pass.run({ rows: 3, cols: 2, data: new Float64Array(6) })).toThrow(/centers must be 2×2, got 3×2/);
    createLloydPass(points, 2);
    expect(() => pass.run({ rows: 2, cols: 2, data: new Float64Array(4) })).toThrow(/superseded/);
  });
});

describe('the points check done while laying them out', () => {
  const nonFiniteCase = fc
    .record({ n: fc.integer({ min: 1, max: 9 }), d: fc.integer({ min: 1, max: 5 }), k: fc.integer({ min: 1, max: 3 }) })
    .chain(({ n, d, k }) =>
      fc.record({
        points: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n * d, maxLength: n * d }),
        bad: fc.uniqueArray(fc.record({ at: fc.nat(n * d - 1), value: fc.constantFrom(Number.NaN, Infinity, -Infinity) }), {
          minLength: 1,
          maxLength: 3,
          selector: (b) => b.at,
        }),
        n: fc.constant(n),
        d: fc.constant(d),
        k: fc.constant(k),
      }),
    );

  test.prop([nonFiniteCase])(
    'A2, A3: a non-finite coordinate anywhere is refused by lloyd and em with the plain error, naming the first one',
    ({ points, bad, n, d, k }) => {
      const data = Float64Array.from(points);
      for (const { at, value } of bad) data[at] = value;
      const matrix: Matrix = { rows: n, cols: d, data };
      const init: Matrix = { rows: k, cols: d, data: new Float64Array(k * d) };
      const first = Math.min(...bad.map((b) => b.at));
      const message = new RegExp(`^points\\[${Math.floor(first / d)}\\]\\[${first % d}\\] must be a finite number`);
      expect(() => lloyd(matrix, init)).toThrow(message);
      expect(() => plainLloyd(matrix, init)).toThrow(message);
      expect(() => em(matrix, init, { sigma2: 1 })).toThrow(message);
    },
  );
});

describe('the Lloyd pass kernel', () => {
  test('names n, d, k and the bytes when the points cannot fit in wasm32 memory', () => {
    const absurd: Matrix = { rows: 1e6, cols: 1e3, data: new Float64Array(0) };
    expect(() => createLloydPass(absurd, 3)).toThrow(
      /^lloyd: n = 1000000, d = 1000, k = 3 needs \d+ bytes of WebAssembly memory, more than/,
    );
  });

  test('refuses to run a pass whose memory a later pass took over', () => {
    const points: Matrix = { rows: 2, cols: 1, data: Float64Array.from([0, 1]) };
    const first = createLloydPass(points, 1);
    createLloydPass(points, 1);
    expect(() => first.run({ rows: 1, cols: 1, data: Float64Array.from([0]) })).toThrow(/superseded/);
  });
});
