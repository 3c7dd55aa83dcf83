import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { em, squaredDistances } from '../theory/em';
import { kmeansPlusPlus } from '../theory/init';
import { type LloydResult, lloyd } from '../theory/lloyd';
import type { Matrix } from '../theory/matrix';
import { sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { createDistancePass, createEmPass, createLloydPass, kernelExp } from '../theory/wasm/point-pairs';
import { layOut } from '../theory/wasm/wasm-kernel';
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

/** A stand-in for a kernel's exports: a heap base, a buffer of `bytes`, and a grow that records its calls. */
function fakeKernel(heapBase: number, bytes: number, grow: (pages: number) => number = () => 0) {
  const calls: number[] = [];
  return {
    calls,
    kernel: {
      memory: {
        buffer: new ArrayBuffer(bytes),
        grow(pages: number): number {
          calls.push(pages);
          return grow(pages);
        },
      },
      heapBase: () => heapBase,
    },
  };
}

describe('layOut: 16-byte aligned arrays from the heap base, growing the memory as needed', () => {
  test('offsets are aligned up to 16 bytes, one array after the other; no growth when they fit', () => {
    const { kernel, calls } = fakeKernel(5, 65536);
    expect(layOut(kernel, [3, 20, 0, 1], 'x')).toEqual([16, 32, 64, 64]);
    expect(layOut(kernel, [], 'x')).toEqual([]);
    expect(calls).toEqual([]);
  });

  test('an exact fit does not grow; one byte more grows by one 64 KiB page; more pages as needed', () => {
    const exact = fakeKernel(0, 64);
    layOut(exact.kernel, [64], 'x');
    expect(exact.calls).toEqual([]);
    const oneMore = fakeKernel(0, 64);
    layOut(oneMore.kernel, [65], 'x');
    expect(oneMore.calls).toEqual([1]);
    const many = fakeKernel(16, 65536);
    layOut(many.kernel, [3 * 65536], 'x');
    expect(many.calls).toEqual([3]);
  });

  test('a memory that cannot grow: a RangeError naming what needed how many bytes, with the cause', () => {
    const cause = new RangeError('grow failed');
    const { kernel } = fakeKernel(0, 64, () => {
      throw cause;
    });
    let error: unknown;
    try {
      layOut(kernel, [100], 'test: n = 1');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe('test: n = 1 needs 100 bytes of WebAssembly memory, and the memory could not grow to it');
    expect((error as Error).cause).toBe(cause);
  });

  test('more than 4 GiB is refused before growing; exactly 4 GiB is attempted', () => {
    const over = fakeKernel(0, 64);
    expect(() => layOut(over.kernel, [2 ** 32 + 1], 'big')).toThrow(
      new RangeError('big needs 4294967297 bytes of WebAssembly memory, more than the 4294967296 a wasm32 memory can hold'),
    );
    expect(over.calls).toEqual([]);
    const exactly = fakeKernel(0, 0);
    layOut(exactly.kernel, [2 ** 32], 'big');
    expect(exactly.calls).toEqual([65536]);
  });
});

describe('the kernel passes: shapes, ownership, the finiteness check', () => {
  test('pointsFinite is false for a NaN or an infinite coordinate, true otherwise', () => {
    expect(createLloydPass({ rows: 3, cols: 1, data: Float64Array.from([0, 1, 2]) }, 1).pointsFinite).toBe(true);
    expect(createLloydPass({ rows: 3, cols: 1, data: Float64Array.from([0, Number.NaN, 2]) }, 1).pointsFinite).toBe(false);
    expect(createLloydPass({ rows: 2, cols: 2, data: Float64Array.from([0, 0, 0, Number.NEGATIVE_INFINITY]) }, 1).pointsFinite).toBe(false);
  });

  test('a Lloyd pass: labels −1 before the first run; objective, changed labels, sums and counts after', () => {
    const pass = createLloydPass({ rows: 3, cols: 1, data: Float64Array.from([0, 1, 10]) }, 2);
    expect(Array.from(pass.labels)).toEqual([-1, -1, -1]);
    expect(pass.run({ rows: 2, cols: 1, data: Float64Array.from([0, 10]) })).toEqual({ objective: 1, changedLabels: 3 });
    expect(Array.from(pass.labels)).toEqual([0, 0, 1]);
    expect(Array.from(pass.sums)).toEqual([1, 10]);
    expect(Array.from(pass.counts)).toEqual([2, 1]);
    expect(pass.run({ rows: 2, cols: 1, data: Float64Array.from([0.5, 10]) })).toEqual({ objective: 0.5, changedLabels: 0 });
    expect(pass.run({ rows: 2, cols: 1, data: Float64Array.from([0, 1]) })).toEqual({ objective: 81, changedLabels: 1 });
    expect(() => pass.run({ rows: 2, cols: 2, data: new Float64Array(4) })).toThrow(new RangeError('centers must be 2×1, got 2×2'));
  });

  test('a distance pass returns a fresh n×k matrix of squared distances', () => {
    const pass = createDistancePass({ rows: 2, cols: 2, data: Float64Array.from([0, 0, 3, 4]) }, 1);
    const first = pass.run({ rows: 1, cols: 2, data: Float64Array.from([0, 0]) });
    expect(first).toEqual({ rows: 2, cols: 1, data: Float64Array.from([0, 25]) });
    pass.run({ rows: 1, cols: 2, data: Float64Array.from([3, 4]) });
    expect(Array.from(first.data)).toEqual([0, 25]);
  });

  test('kernelExp takes the memory over: an earlier pass is superseded', () => {
    const pass = createDistancePass({ rows: 1, cols: 1, data: Float64Array.from([0]) }, 1);
    expect(Array.from(kernelExp(Float64Array.from([0, 1, Number.NEGATIVE_INFINITY])))).toEqual([1, Math.exp(1), 0]);
    expect(() => pass.run({ rows: 1, cols: 1, data: Float64Array.from([0]) })).toThrow(
      new Error('this pass was superseded by a later one, which reuses its memory'),
    );
  });

  test('an EM pass: distances, weighted sums, spread and the E-step on a hand-worked case', () => {
    const pass = createEmPass({ rows: 2, cols: 1, data: Float64Array.from([0, 2]) }, 2);
    expect(pass.pointsFinite).toBe(true);
    expect(Array.from(pass.responsibilities)).toEqual([0, 0, 0, 0]);
    pass.runDistances({ rows: 2, cols: 1, data: Float64Array.from([0, 1]) });
    expect(Array.from(pass.distances)).toEqual([0, 1, 4, 1]);
    // log weights 0 and half precisions 1/2: scores −D/2; ℓ = Σ_i log Σ_a e^{−D_ia/2}
    const ll = pass.runEStep(Float64Array.from([0, 0]), Float64Array.from([0.5, 0.5]));
    expect(ll).toBeCloseTo(Math.log(1 + Math.exp(-0.5)) + Math.log(Math.exp(-2) + Math.exp(-0.5)), 14);
    const r0 = 1 / (1 + Math.exp(-0.5));
    expect(pass.responsibilities[0]).toBeCloseTo(r0, 15);
    pass.responsibilities.set([1, 0, 0.25, 0.75]);
    pass.runWeightedSums();
    expect(Array.from(pass.mass)).toEqual([1.25, 0.75]);
    expect(Array.from(pass.sums)).toEqual([0.5, 1.5]);
    pass.runDistancesAndSpread({ rows: 2, cols: 1, data: Float64Array.from([0, 2]) });
    // spread_a = Σ_i w_ia D_ia with D = (0, 4; 4, 0)
    expect(Array.from(pass.spread)).toEqual([1, 0]);
    expect(() => pass.runDistances({ rows: 1, cols: 1, data: Float64Array.from([0]) })).toThrow(
      new RangeError('centers must be 2×1, got 1×1'),
    );
    createEmPass({ rows: 1, cols: 1, data: Float64Array.from([0]) }, 1);
    expect(() => pass.runEStep(Float64Array.from([0, 0]), Float64Array.from([1, 1]))).toThrow(/superseded/);
  });
});
