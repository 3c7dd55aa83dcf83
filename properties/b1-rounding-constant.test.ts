import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b1RoundingBound, FLOAT32_UNIT_ROUNDOFF, FLOAT64_UNIT_ROUNDOFF } from '../bounds/b1-logit-scale';
import {
  B1_PRECISIONS,
  B1_TAU,
  B1_UNIT_ROUNDOFF,
  b1Allowed,
  b1MaxK,
  b1RoundingConstant,
  b1SecondOrderTerm,
  b1WorstPoint,
} from '../bounds/b1-rounding-constant';
import { compileFormula } from '../bounds/proofs/formula';
import { CLAIMS, claimEntry } from '../bounds/registry';

const { float64Tau, float32Tau, maxK } = claimEntry('B1').constants;

describe('B1: the rounding constant c and the bound τ + c·S·u', () => {
  test('B1: c(d) = 2(2d + 5) + 2(d + 3)·u₆₄/u (known answers) and τ per precision', () => {
    expect(b1RoundingConstant(1, 'float64')).toBe(22);
    expect(b1RoundingConstant(8, 'float64')).toBe(64);
    expect(b1RoundingConstant(1, 'float32')).toBe(14 + 8 * 2 ** -29);
    expect(b1RoundingConstant(8, 'float32')).toBe(42 + 22 * 2 ** -29);
    expect(B1_TAU).toEqual({ float64: 1e-12, float32: 1e-6 });
    expect([float64Tau, float32Tau]).toEqual([1e-12, 1e-6]);
    expect(B1_UNIT_ROUNDOFF).toEqual({ float64: FLOAT64_UNIT_ROUNDOFF, float32: FLOAT32_UNIT_ROUNDOFF });
    expect(() => b1RoundingConstant(0, 'float64')).toThrow(RangeError);
  });

  test('B1: the k limit is where τ stops covering (k + 3)(u + u₆₄): 13 in float32, 4500 in float64; the registry takes the smaller', () => {
    expect(b1MaxK('float32')).toBe(13);
    expect(b1MaxK('float64')).toBe(4500);
    expect(maxK).toBe(Math.min(b1MaxK('float32'), b1MaxK('float64')));
    for (const p of B1_PRECISIONS) {
      const u = B1_UNIT_ROUNDOFF[p];
      expect((b1MaxK(p) + 3) * (u + FLOAT64_UNIT_ROUNDOFF)).toBeLessThanOrEqual(B1_TAU[p]);
      expect((b1MaxK(p) + 4) * (u + FLOAT64_UNIT_ROUNDOFF)).toBeGreaterThan(B1_TAU[p]);
    }
    expect(() => b1Allowed(2, maxK + 1, 1, 'float64')).toThrow(/k ≤ 13/);
    expect(() => b1Allowed(2, 0, 1, 'float64')).toThrow(RangeError);
    expect(() => b1Allowed(2, 2, -1, 'float32')).toThrow(RangeError);
    expect(b1Allowed(3, 5, 0, 'float32')).toBe(1e-6);
    expect(b1Allowed(3, 5, 100, 'float64')).toBe(1e-12 + 34 * 100 * 2 ** -53);
  });

  test.prop([
    fc.integer({ min: 1, max: 64 }),
    fc.integer({ min: 1, max: maxK }),
    fc.double({ min: 0, max: 1e12, noNaN: true }),
    fc.constantFrom(...B1_PRECISIONS),
  ])('B1: τ + c·S·u ≥ the first-order rounding bound b1RoundingBound for every d and k ≤ maxK', (d, k, S, p) => {
    const first = b1RoundingBound(d, k, S, B1_UNIT_ROUNDOFF[p]);
    expect(b1Allowed(d, k, S, p)).toBeGreaterThanOrEqual(first * (1 - 1e-14));
  });

  test('B1: past maxK the first-order bound exceeds τ at S = 0 (the limit is sharp in float32)', () => {
    expect(b1RoundingBound(1, maxK + 1, 0, FLOAT32_UNIT_ROUNDOFF)).toBeGreaterThan(float32Tau);
  });

  test.prop([fc.double({ min: 1e-12, max: 1, noNaN: true })])(
    'B1: the dropped second-order term: e^{2E} − 1 ≤ 2E + (2E)² for 2E ≤ 1',
    (twoE) => {
      expect(Math.expm1(twoE)).toBeLessThanOrEqual((twoE + twoE * twoE) * (1 + 1e-15));
    },
  );

  test('B1: b1SecondOrderTerm is (c·S·u)² while c·S·u ≤ 1, and Infinity beyond', () => {
    expect(b1SecondOrderTerm(1, 1, 'float64')).toBe((22 * 2 ** -53) ** 2);
    expect(b1SecondOrderTerm(1, 1e9, 'float32')).toBe(Infinity);
  });

  test.prop([
    fc.integer({ min: 1, max: 8 }),
    fc.double({ min: 0, max: 1e9, noNaN: true }),
    fc.constantFrom(...B1_PRECISIONS),
    fc.double({ min: 1e-20, max: 1, noNaN: true }),
  ])("B1: the registry's end statement rhs, evaluated, is b1Allowed", (d, S, p, tau) => {
    const rhs = compileFormula(CLAIMS.B1.bound.rhs).evaluate({
      tau,
      d,
      S_stated: S,
      u_head: B1_UNIT_ROUNDOFF[p],
      u: FLOAT64_UNIT_ROUNDOFF,
    }) as number;
    const expected = b1Allowed(d, 2, S, p) - B1_TAU[p] + tau;
    // expected subtracts τ of the precision from b1Allowed, so its rounding is relative to that τ, not to expected.
    expect(Math.abs(rhs - expected)).toBeLessThanOrEqual(1e-14 * (expected + B1_TAU[p]));
  });

  test('B1: b1WorstPoint judges every point at its own score scale, and a NaN is a failure', () => {
    const points = { rows: 2, cols: 1, data: Float64Array.from([0, 10]) };
    const centers = { rows: 2, cols: 1, data: Float64Array.from([-1, 1]) };
    const reference = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0.5, 0.25, 0.75]) };
    const w = { rows: 2, cols: 2, data: Float64Array.from([0.5 + 1e-6, 0.5 - 1e-6, 0.25, 0.75]) };
    // point 0: S = max(0 + 1/2, 1/2) = 0.5; error 2e-6
    const worst = b1WorstPoint(w, reference, points, centers, 1, 'float32');
    expect(worst.point).toBe(0);
    expect(worst.scoreScale).toBe(0.5);
    expect(worst.error).toBeCloseTo(2e-6, 15);
    expect(worst.allowed).toBe(b1Allowed(1, 2, 0.5, 'float32'));
    expect(worst.ratio).toBeGreaterThan(1);
    const broken = { rows: 2, cols: 2, data: Float64Array.from([0.5, 0.5, NaN, 0.75]) };
    expect(b1WorstPoint(broken, reference, points, centers, 1, 'float32').ratio).toBe(Infinity);
  });
});
