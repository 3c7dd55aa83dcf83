import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { type D1Setting, d1Anchors, d1BestBound, d1Bound, d1Surrogate } from '../bounds/d1-softmax-approximation';

// Known answers for claim D1's grid, surrogate and bound (bounds/d1-softmax-approximation.ts).
// Values marked "scipy" were computed once with /usr/bin/python3 (numpy, scipy.optimize.brentq on
// the derivative's root, and a 200 001-point log grid of δ for the minimum) and hard-coded here.

const rows = (anchors: Float64Array[]): number[][] => anchors.map((a) => Array.from(a));

describe('D1: grid anchors', () => {
  it('D1: m points per axis from −R to R, the first coordinate varying fastest', () => {
    expect(rows(d1Anchors(1, 3, 1))).toEqual([[-1], [0], [1]]);
    expect(rows(d1Anchors(1, 2, 0.5))).toEqual([[-0.5], [0.5]]);
    expect(rows(d1Anchors(2, 2, 1))).toEqual([
      [-1, -1],
      [1, -1],
      [-1, 1],
      [1, 1],
    ]);
    expect(rows(d1Anchors(2, 3, 2))).toEqual([
      [-2, -2],
      [0, -2],
      [2, -2],
      [-2, 0],
      [0, 0],
      [2, 0],
      [-2, 2],
      [0, 2],
      [2, 2],
    ]);
  });

  test.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 5 }), fc.double({ min: 0.1, max: 10, noNaN: true })], {
    numRuns: 40,
  })('D1: M = m^d anchors, each distinct, on the grid −R + h·j with h = 2R/(m − 1)', (d, m, R) => {
    const anchors = d1Anchors(d, m, R);
    expect(anchors).toHaveLength(m ** d);
    const h = (2 * R) / (m - 1);
    const keys = new Set<string>();
    let offGrid = 0;
    for (const a of anchors) {
      expect(a).toHaveLength(d);
      const steps = Array.from(a, (v) => (v + R) / h);
      for (const j of steps) if (Math.abs(j - Math.round(j)) > 1e-9 || j < -1e-9 || j > m - 1 + 1e-9) offGrid++;
      keys.add(steps.map(Math.round).join(','));
    }
    expect(offGrid).toBe(0);
    expect(keys.size).toBe(m ** d);
  });

  it('D1: bad grid input names the parameter and the value', () => {
    expect(() => d1Anchors(0, 3, 1)).toThrow('d must be an integer >= 1, got 0');
    expect(() => d1Anchors(1, 1, 1)).toThrow('m must be an integer >= 2, got 1');
    expect(() => d1Anchors(1, 3, 0)).toThrow('R must be a finite number > 0, got 0');
  });
});

describe('D1: softmax surrogate', () => {
  const line = d1Anchors(1, 3, 1);
  /** Two values per anchor of `line`. */
  const lineValues = [
    [1, 5],
    [2, 6],
    [4, 7],
  ];

  it('D1: f̃(0) with anchors −1, 0, 1 and β = 1 is (e⁻¹·1 + 2 + e⁻¹·4)/(1 + 2e⁻¹)', () => {
    const e = Math.exp(-1);
    const [value] = d1Surrogate([0], line, [[1], [2], [4]], 1);
    expect(value).toBeCloseTo((e * 1 + 2 + e * 4) / (1 + 2 * e), 14);
    expect(value).toBeCloseTo(2.2119415576170853, 14); // numpy
  });

  it('D1: vector values, x = 0.25, β = 2 (numpy: softmax of −β(x − x_m)² times the values)', () => {
    const out = d1Surrogate([0.25], line, lineValues, 2);
    expect(out).toHaveLength(2);
    expect(out[0]).toBeCloseTo(2.48387389, 8);
    expect(out[1]).toBeCloseTo(6.22437743, 8);
  });

  it('D1: two dimensions, x = (0.5, −0.25), β = 0.7, values 0…3 on the 2×2 grid (numpy)', () => {
    const [value] = d1Surrogate([0.5, -0.25], d1Anchors(2, 2, 1), [[0], [1], [2], [3]], 0.7);
    expect(value).toBeCloseTo(1.4658083442222496, 13);
  });

  it('D1: a huge β stays finite and picks the nearest anchor (the maximum score is subtracted)', () => {
    // Scores −β·0.5625, −β·0.0625, −β·0.5625: without the shift every exp underflows to 0.
    const out = d1Surrogate([0.25], line, lineValues, 1e4);
    expect(Array.from(out)).toEqual([2, 6]);
    const far = d1Surrogate([0.9], line, [[1], [2], [4]], 1e6);
    expect(Array.from(far)).toEqual([4]);
  });

  it('D1: β = 0 averages the values', () => {
    expect(Array.from(d1Surrogate([0.3], line, [[1], [2], [6]], 0))).toEqual([3]);
  });

  it('D1: values must match the anchors in number, and there must be anchors', () => {
    expect(() => d1Surrogate([0], line, [[1], [2]], 1)).toThrow('values length must be equal to the number of anchors (3, > 0), got 2');
    expect(() => d1Surrogate([0], [], [], 1)).toThrow('values length must be equal to the number of anchors (0, > 0), got 0');
  });
});

describe('D1: the bound L(√d·h/2 + δ) + 2LR√d·M·e^{−βδ²}', () => {
  it('D1: d = 1, m = 3, R = L = β = δ = 1: h = 1, bound = 1/2 + 1 + 2·3·e⁻¹', () => {
    const s: D1Setting = { d: 1, m: 3, R: 1, L: 1, beta: 1 };
    expect(d1Bound(s, 1)).toBeCloseTo(1.5 + 6 / Math.E, 14);
    expect(d1Bound(s, 1)).toBeCloseTo(3.707276647028654, 14); // python
  });

  it('D1: d = 2, m = 2, R = 1, L = 2, β = 1/2, δ = 2: bound = 2(√2 + 2) + 16√2·e⁻²', () => {
    const s: D1Setting = { d: 2, m: 2, R: 1, L: 2, beta: 0.5 };
    expect(d1Bound(s, 2)).toBeCloseTo(2 * (Math.SQRT2 + 2) + 16 * Math.SQRT2 * Math.exp(-2), 13);
    expect(d1Bound(s, 2)).toBeCloseTo(9.89071501307934, 13); // python
  });

  it('D1: d = 3, m = 4, R = 2, L = 3, β = 0.25, δ = 1.5: each factor of the far term counts', () => {
    const s: D1Setting = { d: 3, m: 4, R: 2, L: 3, beta: 0.25 };
    const h = 4 / 3;
    const expected = 3 * ((Math.sqrt(3) * h) / 2 + 1.5) + 2 * 3 * 2 * Math.sqrt(3) * 64 * Math.exp(-0.25 * 2.25);
    expect(d1Bound(s, 1.5)).toBeCloseTo(expected, 11);
  });

  it('D1: the far-anchor term underflows to exactly 0 for large βδ², leaving L(√d·h/2 + δ)', () => {
    const s: D1Setting = { d: 2, m: 5, R: 1, L: 2, beta: 1e6 };
    expect(d1Bound(s, 1)).toBe(2 * ((Math.SQRT2 * 0.5) / 2 + 1));
    expect(d1Bound({ d: 1, m: 2, R: 1, L: 1, beta: 1e300 }, 1e-3)).toBe(1 + 1e-3);
  });

  it('D1: the far term is finite where 2LR√d·M alone overflows (log space)', () => {
    // M = 10^400 overflows, but e^{−βδ²} with βδ² = 1000 brings the term to 2·10^400·e^{−1000} ≈ 0.
    const s: D1Setting = { d: 400, m: 10, R: 1, L: 1, beta: 1000 };
    const bound = d1Bound(s, 1);
    const h = 2 / 9;
    const far = Math.exp(Math.log(2 * 20) + 400 * Math.log(10) - 1000);
    expect(Number.isFinite(bound)).toBe(true);
    expect(bound).toBeCloseTo(20 * (h / 2) + 1 + far, 10);
  });

  test.prop([
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 2, max: 6 }),
    fc.double({ min: 0.2, max: 5, noNaN: true }),
    fc.double({ min: 0.2, max: 5, noNaN: true }),
    fc.double({ min: 0.05, max: 50, noNaN: true }),
    fc.double({ min: 0.01, max: 3, noNaN: true }),
  ])('D1: the bound equals its closed form for random settings', (d, m, R, L, beta, delta) => {
    const expected =
      L * ((Math.sqrt(d) * ((2 * R) / (m - 1))) / 2 + delta) + 2 * L * R * Math.sqrt(d) * m ** d * Math.exp(-beta * delta * delta);
    expect(d1Bound({ d, m, R, L, beta }, delta)).toBeCloseTo(expected, 9);
    expect(Math.abs(d1Bound({ d, m, R, L, beta }, delta) - expected)).toBeLessThanOrEqual(1e-12 * expected);
  });

  it('D1: bad settings name the parameter and the value', () => {
    const s: D1Setting = { d: 1, m: 3, R: 1, L: 1, beta: 1 };
    expect(() => d1Bound({ ...s, d: 1.5 }, 1)).toThrow('d must be an integer >= 1, got 1.5');
    expect(() => d1Bound({ ...s, m: 1 }, 1)).toThrow('m must be an integer >= 2, got 1');
    expect(() => d1Bound({ ...s, R: -1 }, 1)).toThrow('R must be a finite number > 0, got -1');
    expect(() => d1Bound({ ...s, L: 0 }, 1)).toThrow('L must be a finite number > 0, got 0');
    expect(() => d1Bound({ ...s, beta: 0 }, 1)).toThrow('beta must be a finite number > 0, got 0');
    expect(() => d1Bound(s, 0)).toThrow('delta must be a finite number > 0, got 0');
    expect(() => d1BestBound({ ...s, beta: -2 })).toThrow('beta must be a finite number > 0, got -2');
    expect(() => d1BestBound({ ...s, m: 2.5 })).toThrow('m must be an integer >= 2, got 2.5');
  });
});

describe('D1: the bound minimised over δ', () => {
  // scipy: the root of 4R√d·M·β·δ·e^{−βδ²} = 1 beyond 1/√(2β) (brentq), its bound, and the grid minimum.
  const cases: { s: D1Setting; delta: number; bound: number }[] = [
    { s: { d: 1, m: 5, R: 1, L: 1, beta: 50 }, delta: 0.3415715815545309, bound: 0.6208480218089831 },
    { s: { d: 2, m: 3, R: 1.5, L: 2, beta: 20 }, delta: 0.5827195118699875, bound: 3.372563942196289 },
    { s: { d: 3, m: 2, R: 1, L: 0.5, beta: 4 }, delta: 1.1796800016197062, bound: 1.508845873801354 },
  ];

  for (const { s, delta, bound } of cases) {
    it(`D1: best δ at the derivative's root, d = ${s.d}, m = ${s.m}, β = ${s.beta} (scipy: δ = ${delta.toFixed(6)})`, () => {
      const best = d1BestBound(s);
      expect(best.delta).toBeCloseTo(delta, 13);
      expect(best.bound).toBeCloseTo(bound, 13);
      expect(best.bound).toBe(d1Bound(s, best.delta));
      // The root: 4R√d·M·β·δ·e^{−βδ²} = 1.
      const c = 4 * s.R * Math.sqrt(s.d) * s.m ** s.d * s.beta;
      expect(c * best.delta * Math.exp(-s.beta * best.delta ** 2)).toBeCloseTo(1, 12);
      // Tightness: no δ on a fine grid does better.
      for (let i = 1; i <= 400; i++) {
        const other = (i / 400) * 4 * delta;
        expect(d1Bound(s, other)).toBeGreaterThanOrEqual(best.bound * (1 - 1e-13));
      }
    });
  }

  it('D1: when the derivative has no root past 1/√(2β) (small β), the best δ is R·10⁻¹²', () => {
    const s: D1Setting = { d: 1, m: 2, R: 1, L: 1, beta: 0.01 };
    const best = d1BestBound(s);
    expect(best.delta).toBe(1e-12);
    expect(best.bound).toBe(d1Bound(s, 1e-12));
    expect(best.bound).toBeCloseTo(5, 11); // L√d·h/2 + 2LR√d·M = 1 + 4
    const s2: D1Setting = { d: 2, m: 2, R: 3, L: 1, beta: 0.001 };
    expect(d1BestBound(s2).delta).toBe(3e-12);
  });

  it('D1: a root exists (β = 0.1) but its bound 5.625 is worse than δ → 0 with 5, so δ → 0 wins (scipy)', () => {
    const s: D1Setting = { d: 1, m: 2, R: 1, L: 1, beta: 0.1 };
    expect(d1Bound(s, 2.902407856378166)).toBeCloseTo(5.6251154314049785, 12);
    const best = d1BestBound(s);
    expect(best.delta).toBe(1e-12);
    expect(best.bound).toBeCloseTo(5.000000000001, 12);
  });

  it('D1: for β = 1 (d = 1, m = 2) the root beats δ → 0 and is returned', () => {
    // The root exists once 4R√d·M·√(β/2) > √e, i.e. β > e/32 ≈ 0.085, but its bound beats δ → 0's
    // only for larger β (not at β = 0.1, above); at β = 1 it does.
    const s: D1Setting = { d: 1, m: 2, R: 1, L: 1, beta: 1 };
    const best = d1BestBound(s);
    expect(best.delta).toBeGreaterThan(1 / Math.sqrt(2));
    expect(best.bound).toBeLessThan(d1Bound(s, 1e-12));
    expect(8 * best.delta * Math.exp(-(best.delta ** 2))).toBeCloseTo(1, 12);
  });

  it('D1: at small β the root can still beat δ → 0: d = 1, m = 3, R = L = 1, β = 0.1 (python)', () => {
    // python (the same bisection on 4R√d·M·β·δ·e^{−βδ²} = 1): δ = 3.94214, bound 5.71048 < 6.5 at δ → 0.
    const s: D1Setting = { d: 1, m: 3, R: 1, L: 1, beta: 0.1 };
    const best = d1BestBound(s);
    expect(best.delta).toBeCloseTo(3.9421371985490854, 12);
    expect(best.bound).toBeCloseTo(5.71048473395203, 12);
    expect(d1Bound(s, 1e-12)).toBeCloseTo(6.5, 11);
    expect(12 * 0.1 * best.delta * Math.exp(-0.1 * best.delta ** 2)).toBeCloseTo(1, 12);
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 2, max: 5 }),
      fc.double({ min: 0.2, max: 3, noNaN: true }),
      fc.double({ min: 0.2, max: 3, noNaN: true }),
      fc.double({ min: 0.5, max: 500, noNaN: true }),
    ],
    { numRuns: 50 },
  )('D1: the best δ is at least as good as any δ of a log grid (tightness of the minimisation)', (d, m, R, L, beta) => {
    const s: D1Setting = { d, m, R, L, beta };
    const best = d1BestBound(s);
    expect(best.bound).toBe(d1Bound(s, best.delta));
    for (let i = -60; i <= 20; i++) {
      const delta = R * 10 ** (i / 10);
      expect(d1Bound(s, delta)).toBeGreaterThanOrEqual(best.bound * (1 - 1e-12));
    }
  });
});
