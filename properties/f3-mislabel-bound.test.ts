import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { f3MislabelBound } from '../bounds/f3-mislabel-bound';
import { claimEntry } from '../bounds/registry';
import { phi } from '../theory/normal';

/** bounds/f3-mislabel-bound.ts: claim F3's bound 2(k−1)Φ(−Δ/2σ) + 0.01 from the registry constants. */

const { factor, additive } = claimEntry('F3').constants;
const k = fc.integer({ min: 2, max: 8 });
const deltaOverSigma = fc.double({ min: 0.5, max: 40, noNaN: true });

describe('F3: f3MislabelBound', () => {
  it('F3: f3MislabelBound is 2(k−1)Φ(−Δ/2σ) + 0.01 at tabulated Φ(−1.5) = 0.0668072, Φ(−2) = 0.0227501, Φ(−3) = 0.0013499', () => {
    expect(f3MislabelBound(2, 3)).toBeCloseTo(2 * 0.0668072013 + 0.01, 9);
    expect(f3MislabelBound(3, 4)).toBeCloseTo(4 * 0.0227501319 + 0.01, 9);
    expect(f3MislabelBound(4, 6)).toBeCloseTo(6 * 0.001349898 + 0.01, 9);
  });

  test.prop([k, deltaOverSigma])('F3: f3MislabelBound is the registry constants times the simplex union bound', (kk, d) => {
    const expected = factor * (kk - 1) * phi(-d / 2) + additive;
    expect(Math.abs(f3MislabelBound(kk, d) - expected)).toBeLessThanOrEqual(1e-12 * expected);
  });

  test.prop([k, deltaOverSigma, deltaOverSigma])('F3: f3MislabelBound falls as Δ/σ grows, towards the additive 0.01', (kk, d1, d2) => {
    const [near, far] = d1 <= d2 ? [d1, d2] : [d2, d1];
    expect(f3MislabelBound(kk, far)).toBeLessThanOrEqual(f3MislabelBound(kk, near));
    expect(f3MislabelBound(kk, far)).toBeGreaterThanOrEqual(additive);
  });

  // Beyond Δ/σ ≈ 17 the union-bound term falls below 0.01's rounding, so strict growth is tested up to Δ/σ = 10.
  test.prop([k, fc.double({ min: 0.5, max: 10, noNaN: true })])('F3: f3MislabelBound grows with k', (kk, d) => {
    expect(f3MislabelBound(kk + 1, d)).toBeGreaterThan(f3MislabelBound(kk, d));
  });

  it('F3: f3MislabelBound is the additive 0.01 far into the tail (Φ(−30) ≈ 5e-198)', () => {
    expect(f3MislabelBound(4, 60)).toBe(additive);
    expect(f3MislabelBound(4, 60)).toBe(0.01);
  });
});
