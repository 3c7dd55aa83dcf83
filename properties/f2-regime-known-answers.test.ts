import { F2_MAX_K, F2_MIN_N, F2_SNR_RANGE, f2RegimeN, inF2Regime } from '../bounds/f2-regime';

// Known answers for claim F2's regime n ≥ 1000, Δ/σ ∈ [3, 8], k ≤ 8, k·d/n ≤ max (bounds/f2-regime.ts).

describe('F2: the regime, at each boundary', () => {
  const inside = { k: 4, d: 5, n: 1000, delta: 5 };

  it('F2: the constants', () => {
    expect(F2_MIN_N).toBe(1000);
    expect(F2_MAX_K).toBe(8);
    expect(F2_SNR_RANGE).toEqual([3, 8]);
  });

  it('F2: every boundary is inclusive, and one step past it is outside', () => {
    expect(inF2Regime(inside, 0.05)).toBe(true);
    expect(inF2Regime({ ...inside, n: 999 }, 0.05)).toBe(false);
    expect(inF2Regime({ ...inside, delta: 3 }, 0.05)).toBe(true);
    expect(inF2Regime({ ...inside, delta: 2.999 }, 0.05)).toBe(false);
    expect(inF2Regime({ ...inside, delta: 8 }, 0.05)).toBe(true);
    expect(inF2Regime({ ...inside, delta: 8.001 }, 0.05)).toBe(false);
    expect(inF2Regime({ ...inside, k: 8, d: 1 }, 0.05)).toBe(true);
    expect(inF2Regime({ ...inside, k: 9, d: 1 }, 0.05)).toBe(false);
    // k·d = 50 = 0.05·1000 exactly (0.05·1000 rounds to 50.00000000000001 or 50): inside; 55 is not.
    expect(inF2Regime({ ...inside, k: 5, d: 10 }, 0.05)).toBe(true);
    expect(inF2Regime({ ...inside, k: 5, d: 11 }, 0.05)).toBe(false);
    expect(inF2Regime({ ...inside, k: 5, d: 11, n: 1100 }, 0.05)).toBe(true);
    expect(inF2Regime({ ...inside, k: 5, d: 11, n: 1099 }, 0.05)).toBe(false);
    expect(inF2Regime({ ...inside, k: 3, d: 1, n: 1000 }, 0.003)).toBe(true);
    expect(inF2Regime({ ...inside, k: 3, d: 1, n: 1000 }, 0.0029)).toBe(false);
  });
});

describe('F2: the fewest in-regime n', () => {
  it('F2: n = max(1000, ⌈k·d/max⌉), exactly at the ratio', () => {
    expect(f2RegimeN(2, 2, 0.05)).toBe(1000);
    expect(f2RegimeN(5, 10, 0.05)).toBe(1000);
    expect(f2RegimeN(5, 11, 0.05)).toBe(1100);
    expect(f2RegimeN(8, 32, 0.05)).toBe(5120);
    expect(f2RegimeN(3, 7, 0.01)).toBe(2100);
    expect(f2RegimeN(7, 3, 0.003)).toBe(7000);
    expect(f2RegimeN(1, 1, 1e-4)).toBe(10000);
    expect(f2RegimeN(3, 37, 0.1)).toBe(1110);
    // ⌈k·d/max⌉ overshoots by one where k·d/0.7 rounds up past an integer (python: 714/0.7 =
    // 1020.0000000000001, 1260/0.7 = 1800.0000000000002, 700/0.7 = 1000.0000000000001).
    expect(f2RegimeN(6, 119, 0.7)).toBe(1020);
    expect(f2RegimeN(7, 180, 0.7)).toBe(1800);
    expect(f2RegimeN(4, 175, 0.7)).toBe(1000);
  });

  it('F2: the returned n is in the regime and n − 1 is not (above 1000)', () => {
    for (const [k, d, max] of [
      [5, 11, 0.05],
      [3, 7, 0.01],
      [7, 3, 0.003],
      [6, 29, 0.07],
      [8, 13, 0.03],
      [6, 119, 0.7],
      [7, 180, 0.7],
    ] as const) {
      const n = f2RegimeN(k, d, max);
      expect(inF2Regime({ k, d, n, delta: 4 }, max)).toBe(true);
      expect(inF2Regime({ k, d, n: n - 1, delta: 4 }, max)).toBe(false);
    }
  });

  it('F2: bad input names the parameter and the value', () => {
    expect(() => f2RegimeN(0, 2, 0.05)).toThrow('k must be an integer >= 1, got 0');
    expect(() => f2RegimeN(2, 1.5, 0.05)).toThrow('d must be an integer >= 1, got 1.5');
    expect(() => f2RegimeN(2, 2, 0)).toThrow('kdOverNMax must be a finite number > 0, got 0');
  });
});
