import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { F2_MIN_N, f2RegimeN, inF2Regime } from '../bounds/f2-regime';
import { claimEntry } from '../bounds/registry';

const { kdOverNMax } = claimEntry('F2').constants;

/** F2's regime (bounds/f2-regime.ts, CLAIMS.md §3): n ≥ 1000, Δ/σ ∈ [3, 8], k ≤ 8, k·d/n ≤ 0.05. */
describe('F2: regime', () => {
  it('F2: known answers: n = 1000 up to k·d = 50, 1280 for k = d = 8, 1120 for k = 8, d = 7, 6400 for k = 8, d = 40', () => {
    expect(f2RegimeN(2, 2, kdOverNMax)).toBe(1000);
    expect(f2RegimeN(4, 4, kdOverNMax)).toBe(1000);
    expect(f2RegimeN(8, 6, kdOverNMax)).toBe(1000);
    expect(f2RegimeN(5, 10, kdOverNMax)).toBe(1000);
    expect(f2RegimeN(8, 7, kdOverNMax)).toBe(1120);
    expect(f2RegimeN(8, 8, kdOverNMax)).toBe(1280);
    expect(f2RegimeN(8, 40, kdOverNMax)).toBe(6400);
    expect(inF2Regime({ k: 8, d: 32, n: 1000, delta: 3 }, kdOverNMax)).toBe(false);
    expect(inF2Regime({ k: 8, d: 8, n: 1280, delta: 8 }, kdOverNMax)).toBe(true);
    expect(inF2Regime({ k: 8, d: 8, n: 1279, delta: 8 }, kdOverNMax)).toBe(false);
    expect(inF2Regime({ k: 4, d: 4, n: 1000, delta: 8.5 }, kdOverNMax)).toBe(false);
    expect(inF2Regime({ k: 9, d: 2, n: 1000, delta: 4 }, kdOverNMax)).toBe(false);
    expect(inF2Regime({ k: 2, d: 2, n: 999, delta: 4 }, kdOverNMax)).toBe(false);
  });

  test.prop([fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 64 }), fc.double({ min: 3, max: 8, noNaN: true })])(
    'F2: the planned n is the fewest n ≥ 1000 in the regime',
    (k, d, delta) => {
      const n = f2RegimeN(k, d, kdOverNMax);
      expect(inF2Regime({ k, d, n, delta }, kdOverNMax)).toBe(true);
      if (n > F2_MIN_N) expect(inF2Regime({ k, d, n: n - 1, delta }, kdOverNMax)).toBe(false);
    },
  );
});
