import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { leastSquaresSlope, logLogSlope, mean } from '../theory/sample-statistics';

describe('theory/sample-statistics', () => {
  test('mean: exact small cases; typed arrays; empty input is rejected', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean(Float64Array.of(0.5, 1.5))).toBe(1);
    expect(() => mean([])).toThrow(/values length/);
  });

  test.prop([
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.double({ min: -10, max: 10, noNaN: true }),
    fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 12 }),
  ])('leastSquaresSlope recovers the slope of an exact line', (a, b, xs) => {
    expect(
      Math.abs(
        leastSquaresSlope(
          xs,
          xs.map((x) => a + b * x),
        ) - b,
      ),
    ).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(b) + Math.abs(a)));
  });

  test.prop([fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })])(
    'logLogSlope recovers the exponent of a power law',
    (c, b) => {
      const xs = [1, 2, 4, 8, 16, 32];
      expect(
        Math.abs(
          logLogSlope(
            xs,
            xs.map((x) => c * x ** b),
          ) - b,
        ),
      ).toBeLessThanOrEqual(1e-9);
    },
  );

  test('slopes reject unequal lengths, one distinct x, and non-positive values in a log-log fit', () => {
    expect(() => leastSquaresSlope([1, 2], [1])).toThrow(/ys length/);
    expect(() => leastSquaresSlope([3, 3], [1, 2])).toThrow(/distinct/);
    expect(() => logLogSlope([1, 2], [1, 0])).toThrow(/ys\[1\]/);
    expect(() => logLogSlope([0, 2], [1, 1])).toThrow(/xs\[0\]/);
  });
});
