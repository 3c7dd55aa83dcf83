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

describe('theory/sample-statistics: messages and hand-worked slopes', () => {
  test('the messages name the parameter, the requirement and the value', () => {
    expect(() => mean([])).toThrow('values length must be at least 1, got 0');
    expect(() => leastSquaresSlope([1, 2, 3], [1, 2])).toThrow('ys length must be equal to the xs length (3), got 2');
    expect(() => leastSquaresSlope([3, 3], [1, 2])).toThrow('xs must be at least two distinct values, got [3,3]');
    expect(() => logLogSlope([1, -2], [1, 1])).toThrow('xs[1] must be positive (log-log fit), got -2');
    expect(() => logLogSlope([1, 2], [Number.NaN, 1])).toThrow('ys[0] must be positive (log-log fit), got NaN');
  });

  test('leastSquaresSlope of a non-exact line: x = 0, 1, 2 and y = 1, 0, 5 give Σ(x − 1)(y − 2)/Σ(x − 1)² = 4/2', () => {
    expect(leastSquaresSlope([0, 1, 2], [1, 0, 5])).toBe(2);
    // x = 0, 1, 3, y = 0, 2, 1: x̄ = 4/3, ȳ = 1, Sxy = (−4/3)(−1) + (−1/3)(1) + (5/3)(0) = 1, Sxx = 42/9
    expect(leastSquaresSlope([0, 1, 3], [0, 2, 1])).toBeCloseTo(9 / 42, 15);
  });

  test('logLogSlope of y = 3·x² on x = 1, 2, 4 is 2; of y = 1/x is −1', () => {
    expect(logLogSlope([1, 2, 4], [3, 12, 48])).toBeCloseTo(2, 14);
    expect(logLogSlope([1, 10, 100], [1, 0.1, 0.01])).toBeCloseTo(-1, 14);
  });
});
