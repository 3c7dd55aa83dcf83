import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { logPhi } from '../theory/normal';

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
