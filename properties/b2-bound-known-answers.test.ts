import { b2EStepBound, b2MeanBoundOfInstance, b2TemperatureFor } from '../bounds/b2-estep-temperature';
import { b2Float64Allowance } from '../bounds/b2-rounding-allowance';
import { fromRows } from '../theory/matrix';
import type { Instance } from '../theory/mixture';

// Known answers for claim B2's bound 2(k − 1)·exp(−βg/2), its temperature and its float64
// allowance (bounds/b2-estep-temperature.ts, bounds/b2-rounding-allowance.ts), worked by hand.

/** The fields b2MeanBoundOfInstance reads: spec.k, the points and the centers. */
function instanceOf(k: number, points: number[][], centers: number[][]): Instance {
  return {
    spec: { k, n: points.length },
    points: fromRows('points', points),
    centers: fromRows('centers', centers),
  } as unknown as Instance;
}

describe('B2: the bound 2(k − 1)·exp(−βg/2)', () => {
  it('B2: k = 3, β = 2, g = 1.5: 4·e^{−1.5}', () => {
    expect(b2EStepBound(3, 2, 1.5)).toBeCloseTo(4 * Math.exp(-1.5), 15);
    expect(b2EStepBound(2, 1, 4)).toBeCloseTo(2 * Math.exp(-2), 15);
  });

  it('B2: β = 0 or g = 0 gives 2(k − 1); k = 1 gives 0; g = +∞ gives 0', () => {
    expect(b2EStepBound(4, 0, 3)).toBe(6);
    expect(b2EStepBound(4, 3, 0)).toBe(6);
    expect(b2EStepBound(1, 2, 1)).toBe(0);
    expect(b2EStepBound(1, 0, Number.POSITIVE_INFINITY)).toBe(0);
    expect(b2EStepBound(3, 1, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('B2: bad input names the parameter and the value', () => {
    expect(() => b2EStepBound(0, 1, 1)).toThrow('k must be an integer >= 1, got 0');
    expect(() => b2EStepBound(2, -1, 1)).toThrow('beta must be a finite number >= 0, got -1');
    expect(() => b2EStepBound(2, Number.NaN, 1)).toThrow('beta must be a finite number >= 0, got NaN');
    expect(() => b2EStepBound(2, Number.POSITIVE_INFINITY, 1)).toThrow('beta must be a finite number >= 0, got Infinity');
    expect(() => b2EStepBound(2, 1, -0.5)).toThrow('margin must be a number >= 0 (or +Infinity), got -0.5');
    expect(() => b2EStepBound(2, 1, Number.NaN)).toThrow('margin must be a number >= 0 (or +Infinity), got NaN');
  });
});

describe('B2: the temperature (2/g)·log(2(k − 1)/(2ε))', () => {
  it('B2: k = 3, g = 0.5, ε = 0.1: 4·log 20, at which the bound equals 2ε', () => {
    const beta = b2TemperatureFor(3, 0.5, 0.1);
    expect(beta).toBeCloseTo(4 * Math.log(20), 14);
    expect(b2EStepBound(3, beta, 0.5)).toBeCloseTo(0.2, 14);
    expect(b2TemperatureFor(2, 2, 0.5)).toBeCloseTo(Math.log(2), 15);
  });

  it('B2: 0 when the bound is ≤ 2ε already at β = 0, or k = 1', () => {
    expect(b2TemperatureFor(2, 1, 1)).toBe(0); // ratio exactly 1
    expect(b2TemperatureFor(2, 1, 5)).toBe(0);
    expect(b2TemperatureFor(1, 1, 1e-9)).toBe(0);
    expect(b2TemperatureFor(2, 1, 0.9)).toBeCloseTo(2 * Math.log(1 / 0.9), 15);
  });

  it('B2: bad input names the parameter and the value', () => {
    expect(() => b2TemperatureFor(0, 1, 1)).toThrow('k must be an integer >= 1, got 0');
    expect(() => b2TemperatureFor(2, 0, 1)).toThrow('margin must be a finite number > 0, got 0');
    expect(() => b2TemperatureFor(2, 1, 0)).toThrow('epsilon must be a finite number > 0, got 0');
  });
});

describe('B2/B3: the bound per instance, averaged over points and capped at 2', () => {
  it('B3: points 0 and 1, centers 0 and 3: margins 9 and 3, β = 1: (2e^{−4.5} + 2e^{−1.5})/2', () => {
    const instance = instanceOf(2, [[0], [1]], [[0], [3]]);
    expect(b2MeanBoundOfInstance(instance, 1)).toBeCloseTo(Math.exp(-4.5) + Math.exp(-1.5), 15);
  });

  it('B3: each point’s bound is capped at the error’s range 2 (β = 0, k = 3 gives 4 → 2)', () => {
    const instance = instanceOf(3, [[0], [1], [5]], [[0], [3], [10]]);
    expect(b2MeanBoundOfInstance(instance, 0)).toBe(2);
    // With β = 1: margins 9, 3, 0 (point 5 is 25 from 0... distances 25, 4, 25: margin 21).
    const margins = [9, 3, 21];
    const expected = margins.reduce((s, g) => s + Math.min(2, 4 * Math.exp(-g / 2)), 0) / 3;
    expect(b2MeanBoundOfInstance(instance, 1)).toBeCloseTo(expected, 15);
  });

  it('B3: a tie (margin 0) gives the cap 2 for k = 2, and the cap is not hit below it', () => {
    const instance = instanceOf(2, [[1.5], [0]], [[0], [3]]);
    // Point 1.5: distances 2.25, 2.25 → margin 0 → bound 2; point 0: margin 9 → 2e^{−4.5·β}.
    expect(b2MeanBoundOfInstance(instance, 2)).toBeCloseTo((2 + 2 * Math.exp(-9)) / 2, 15);
  });
});

describe('B2: float64 allowance bound·(1 + 16ε(1 + β·max‖X − μ‖²))', () => {
  it('B2: known answers with ε = 2⁻⁵²', () => {
    expect(b2Float64Allowance(1, 2, 3)).toBe(1 + 16 * 2 ** -52 * 7);
    expect(b2Float64Allowance(0.5, 0, 100)).toBe(0.5 * (1 + 16 * 2 ** -52));
    expect(b2Float64Allowance(0, 5, 5)).toBe(0);
    expect(b2Float64Allowance(2, 1e10, 1e2)).toBeCloseTo(2 * (1 + 16 * 2 ** -52 * (1 + 1e12)), 12);
  });
});
