import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { Rng } from '../theory/rng';
import { kernelExp } from '../theory/wasm/point-pairs';
import { testSeed } from './seed';

/**
 * The EM kernel's exp (theory/wasm/point-pairs.as.ts) is V8's Math.exp (fdlibm's exp) ported
 * operation for operation, so that EM's E-step in wasm stays bit-identical to the plain float64 one.
 * These checks compare the two bit for bit: every branch of the algorithm, its thresholds and their
 * neighbours, and millions of arguments over the whole range (E-step arguments are ≤ 0).
 */

/** The bit patterns, NaN as one value (its payload is not part of the result). */
function bits(x: Float64Array): string[] {
  const words = new BigUint64Array(x.buffer, x.byteOffset, x.length);
  return Array.from(words, (w, j) => (Number.isNaN(x[j]) ? 'NaN' : w.toString(16)));
}

function expectSameAsMathExp(x: Float64Array): void {
  const ours = bits(kernelExp(x));
  const reference = bits(Float64Array.from(x, Math.exp));
  const differing = ours.flatMap((b, j) => (b === reference[j] ? [] : [x[j]]));
  expect(differing).toEqual([]);
}

/** x and its neighbours: the 8 doubles either side of each given value. */
function withNeighbours(values: readonly number[]): Float64Array {
  const out: number[] = [];
  const one = new Float64Array(1);
  const word = new BigInt64Array(one.buffer);
  for (const v of values) {
    for (let step = -8; step <= 8; step++) {
      one[0] = v;
      word[0] = word[0]! + BigInt(step);
      out.push(one[0]!);
    }
  }
  return Float64Array.from(out);
}

/** A double with high word `high` and low word `low`. */
function fromWords(high: number, low: number): number {
  const word = new Uint32Array(2);
  word[1] = high >>> 0;
  word[0] = low >>> 0;
  return new Float64Array(word.buffer)[0]!;
}

describe("the EM kernel's exp equals Math.exp bit for bit", () => {
  test('at the special values and at every threshold of the algorithm, with their neighbours', () => {
    const thresholds = [
      0x40862e42, // |x| ≥ 709.78: overflow / underflow checks
      0x3fd62e42, // |x| > ln2/2: argument reduction
      0x3ff0a2b2, // |x| < 1.5·ln2: k = ±1
      0x3e300000, // |x| < 2^-28
    ].flatMap((high) => [fromWords(high, 0), fromWords(high, 0xffffffff), -fromWords(high, 0), -fromWords(high, 0xffffffff)]);
    const special = [0, -0, 1, -1, 0.5, -0.5, Math.LN2, -Math.LN2, 0.5 * Math.LN2, -0.5 * Math.LN2, 1.5 * Math.LN2, -1.5 * Math.LN2];
    // the overflow and underflow thresholds, the subnormal results (k < −1021) and k = 1024
    const edges = [709.782712893384, -745.1332191019411, -708.3964185322641, -707.7, -708, -709, -720, -740, 709.7, 709.78];
    const tiny = [Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, -(2 ** -1022), 2 ** -28, -(2 ** -28), 2 ** -54];
    expectSameAsMathExp(withNeighbours([...thresholds, ...special, ...edges, ...tiny]));
    expectSameAsMathExp(Float64Array.from([Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, 1e300, -1e300]));
    // k = ln2-multiples ± a little: every exponent from the subnormal range to overflow
    expectSameAsMathExp(withNeighbours(Array.from({ length: 2100 }, (_, j) => (j - 1075) * Math.LN2)));
  });

  test('over four million arguments: uniform on [−746, 0] (the E-step’s), on [−750, 750], and log-uniform in magnitude', () => {
    const rng = new Rng(testSeed('exp kernel sweep'));
    const count = 1 << 20;
    const uniform = (lo: number, hi: number): Float64Array => Float64Array.from({ length: count }, () => lo + (hi - lo) * rng.uniform());
    expectSameAsMathExp(uniform(-746, 0));
    expectSameAsMathExp(uniform(-40, 0));
    expectSameAsMathExp(uniform(-750, 750));
    expectSameAsMathExp(Float64Array.from({ length: count }, () => (rng.uniform() < 0.5 ? -1 : 1) * 2 ** (-1074 + 1084 * rng.uniform())));
  });

  test.prop([fc.double({ noNaN: false })], { numRuns: 2000 })('on any double', (x) => {
    expectSameAsMathExp(Float64Array.of(x));
  });
});
