import { Rng } from '../theory/rng';
import { fillStandardNormal, fillUnitCovarianceT, sampleChiSquare, sampleGamma } from '../theory/samplers';

/**
 * Known answers for the seeded generator and the samplers. Every expected value below was computed
 * by an independent Python model of theory/rng.ts (pure-rand 7's xoroshiro128plus with 32-bit
 * outputs, its uniformFloat64 and uniformInt, splitmix32, the Marsaglia polar method, Fisher–Yates,
 * and Marsaglia–Tsang's gamma, written from their definitions in python3, 2026-11-30), and agrees
 * bit for bit with the TypeScript: one seed replays a whole run, so these streams are part of the
 * reproducibility contract (README: `npm run reproduce` is deterministic).
 */

function draws<T>(count: number, next: () => T): T[] {
  return Array.from({ length: count }, next);
}

/** Equal to within `relative` (Python's libm pow and log may differ from V8's in the last bit). */
function expectClose(actual: readonly number[], expected: readonly number[], relative = 1e-14): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, t) => expect(Math.abs(x - expected[t]!)).toBeLessThanOrEqual(relative * Math.abs(expected[t]!)));
}

function sumOf(count: number, next: () => number): number {
  let total = 0;
  for (let t = 0; t < count; t++) total += next();
  return total;
}

describe('Rng: known answers (independent Python model)', () => {
  test('uniform: the first draws of seed 20250209', () => {
    const rng = new Rng(20250209);
    expect(draws(3, () => rng.uniform())).toEqual([0.6982483622501334, 0.4583435346722645, 0.2085232979598075]);
  });

  test('uniform: seed 0xffffffff (the largest seed, −1 as a 32-bit integer)', () => {
    const rng = new Rng(0xffffffff);
    expect(rng.seed).toBe(0xffffffff);
    expect(draws(2, () => rng.uniform())).toEqual([1.8626450382086546e-9, 0.24999998672953394]);
  });

  test('int: uniform integers in [0, n), including n = 3 and n = 2^32 − 1', () => {
    const rng = new Rng(20250209);
    expect(draws(8, () => rng.int(10))).toEqual([8, 2, 7, 3, 7, 4, 9, 5]);
    expect(draws(5, () => rng.int(3))).toEqual([1, 2, 1, 2, 2]);
    expect(rng.int(0xffffffff)).toBe(3199216085);
  });

  test('int(1) is always 0', () => {
    const rng = new Rng(5);
    expect(draws(20, () => rng.int(1))).toEqual(new Array(20).fill(0));
  });

  test('normal: the first draws of seed 20250209 (pairs from the polar method, the spare second)', () => {
    const rng = new Rng(20250209);
    expect(draws(5, () => rng.normal())).toEqual([
      1.8604103809171453, -0.3909143038985285, -0.5132183822494598, 0.5626445838671362, -0.6459787217615011,
    ]);
  });

  test('fillStandardNormal fills with the same stream as rng.normal()', () => {
    expect(Array.from(fillStandardNormal(new Rng(16), new Float64Array(3)))).toEqual([
      0.1447993338521842, -0.4168616715132936, -0.849023214241205,
    ]);
  });

  test('shuffle: a known permutation of 0..7 for seed 7', () => {
    expect(new Rng(7).shuffle([0, 1, 2, 3, 4, 5, 6, 7])).toEqual([2, 7, 1, 5, 4, 3, 6, 0]);
  });

  test('shuffle of zero or one item draws nothing from the stream', () => {
    const rng = new Rng(20250209);
    expect(rng.shuffle([])).toEqual([]);
    expect(rng.shuffle(['only'])).toEqual(['only']);
    expect(rng.uniform()).toBe(0.6982483622501334);
  });

  test('split: stream seeds by splitmix32, without consuming from the parent', () => {
    const parent = new Rng(20250209);
    expect(parent.split(0).seed).toBe(1156303264);
    expect(parent.split(1).seed).toBe(1763999513);
    expect(new Rng(0).split(0xffffffff).seed).toBe(888626564);
    expect(new Rng(0xffffffff).split(5).seed).toBe(677872847);
    expect(parent.uniform()).toBe(0.6982483622501334);
  });

  test.each([
    [-1, 'seed must be an integer in [0, 4294967295], got -1'],
    [2 ** 32, 'seed must be an integer in [0, 4294967295], got 4294967296'],
    [1.5, 'seed must be an integer in [0, 4294967295], got 1.5'],
  ])('a seed of %p is rejected with a message naming it', (seed, message) => {
    expect(() => new Rng(seed)).toThrow(message);
  });

  test('seeds 0 and 2^32 − 1 are accepted', () => {
    expect(new Rng(0).seed).toBe(0);
    expect(new Rng(0xffffffff).seed).toBe(0xffffffff);
  });

  test('split and int reject bad arguments with a message naming them', () => {
    const rng = new Rng(1);
    expect(() => rng.split(-1)).toThrow('streamId must be an integer in [0, 4294967295], got -1');
    expect(() => rng.split(2 ** 32)).toThrow('streamId must be an integer in [0, 4294967295], got 4294967296');
    expect(() => rng.int(0)).toThrow('n must be an integer >= 1, got 0');
    expect(() => rng.int(2.5)).toThrow('n must be an integer >= 1, got 2.5');
  });
});

describe('samplers: known answers (independent Python model)', () => {
  test('sampleGamma(2.5): the first draws of seed 11', () => {
    const rng = new Rng(11);
    expect(draws(4, () => sampleGamma(rng, 2.5))).toEqual([2.5876458243189253, 1.151229996185009, 0.6614797776790104, 1.8376734213184693]);
  });

  test('sampleGamma(0.3) (shape < 1, the U^{1/shape} boost): the first draws of seed 12', () => {
    const rng = new Rng(12);
    expectClose(
      draws(3, () => sampleGamma(rng, 0.3)),
      [0.25958123122999915, 0.17405390588715572, 0.315677805402603],
    );
  });

  test('sampleGamma(1) (the boundary shape, no boost): the first draws of seed 13', () => {
    const rng = new Rng(13);
    expect(draws(3, () => sampleGamma(rng, 1))).toEqual([0.6342022008661535, 2.605263054806635, 2.8479926750734146]);
  });

  // Over 2000 draws the model took the squeeze 1914 times, the log test 86 times, rejected 98
  // proposals and redrew v ≤ 0 five times: every branch of Marsaglia–Tsang is exercised.
  test('sampleGamma(1): the sum of 2000 draws of seed 21 (every branch of the rejection sampler)', () => {
    const rng = new Rng(21);
    expect(sumOf(2000, () => sampleGamma(rng, 1))).toBe(1996.792288849788);
  });

  test('sampleGamma(0.4): the sum of 400 draws of seed 22', () => {
    const rng = new Rng(22);
    expect(sumOf(400, () => sampleGamma(rng, 0.4))).toBe(167.57398090384277);
  });

  test('sampleChiSquare(3) = 2·Gamma(3/2): the first draws of seed 14', () => {
    const rng = new Rng(14);
    expect(draws(3, () => sampleChiSquare(rng, 3))).toEqual([3.0104037753111244, 3.495365591391192, 1.5701993325984878]);
  });

  test('fillUnitCovarianceT(ν = 5): sqrt((ν − 2)/W)·Z, seed 15', () => {
    expect(Array.from(fillUnitCovarianceT(new Rng(15), 5, new Float64Array(3)))).toEqual([
      0.0007211914134393597, -0.4979416443995495, -0.8736246863953491,
    ]);
  });

  test('fillUnitCovarianceT(ν = 3.5): the sum of 200 two-dimensional draws of seed 23', () => {
    const rng = new Rng(23);
    const out = new Float64Array(2);
    const total = sumOf(200, () => {
      fillUnitCovarianceT(rng, 3.5, out);
      return out[0]! + out[1]!;
    });
    expectClose([total], [-34.3587251321477], 1e-13);
  });

  test.each([0, -1, Number.POSITIVE_INFINITY, Number.NaN])('sampleGamma rejects shape %p with a message naming it', (shape) => {
    expect(() => sampleGamma(new Rng(1), shape)).toThrow(`shape must be a finite number > 0, got ${shape}`);
  });
});
