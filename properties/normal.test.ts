import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { logPhi, phi } from '../theory/normal';

describe('normal tails (CLAIMS.md §1)', () => {
  // Reference values of log Φ(−x) from the asymptotic series / high-precision tables.
  test.each([
    [2, -3.7831843336820317],
    [8, -35.01343715991455],
    [16, -131.69539607375975],
    [20, -203.91715537109727],
  ])('log Φ(−%d) matches its reference to 1e-12 relative', (x, reference) => {
    expect(Math.abs(logPhi(-x) - reference)).toBeLessThanOrEqual(1e-12 * Math.abs(reference));
  });

  // Mills-ratio bounds: φ(x)/x · (1 − 1/x²) ≤ Φ(−x) ≤ φ(x)/x, in log space, up to Δ/2 = 20 and beyond.
  test.prop([fc.double({ min: 2, max: 40, noNaN: true })])('log Φ(−x) lies between the Mills-ratio bounds for x ∈ [2, 40]', (x) => {
    const logDensityOverX = -0.5 * x * x - 0.5 * Math.log(2 * Math.PI) - Math.log(x);
    const value = logPhi(-x);
    expect(value).toBeLessThanOrEqual(logDensityOverX + 1e-12 * Math.abs(value));
    expect(value).toBeGreaterThanOrEqual(logDensityOverX + Math.log1p(-1 / (x * x)) - 1e-12 * Math.abs(value));
  });

  test.prop([fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 1e-6, max: 1, noNaN: true })])(
    'log Φ is increasing',
    (x, step) => {
      expect(logPhi(x + step)).toBeGreaterThanOrEqual(logPhi(x));
    },
  );
});

describe('Φ and log Φ: known answers (scipy.stats.norm)', () => {
  // scipy.stats.norm.cdf / logcdf (scipy 1.x, 2026-11-30)
  test.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.959963984540054, 0.025],
    [-37, 5.7255712225239266e-300],
  ])('Φ(%p) = %p', (x, value) => {
    expect(Math.abs(phi(x) - value)).toBeLessThanOrEqual(1e-13 * value);
  });

  test('Φ underflows to 0 only below about −38; log Φ stays finite', () => {
    expect(phi(-40)).toBe(0);
    expect(logPhi(-40)).toBeCloseTo(-804.6084420137539, 9);
    expect(phi(-38)).toBeGreaterThan(0);
    expect(logPhi(0)).toBeCloseTo(Math.log(0.5), 15);
  });

  test('log Φ and Φ reject a non-finite x, naming it', () => {
    expect(() => logPhi(Number.NaN)).toThrow('x must be a finite number, got NaN');
    expect(() => phi(Number.NEGATIVE_INFINITY)).toThrow('x must be a finite number, got -Infinity');
  });
});
