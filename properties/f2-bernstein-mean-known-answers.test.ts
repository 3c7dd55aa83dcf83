import {
  bernsteinDeviation,
  bernsteinMeanLower,
  bernsteinMeanUpper,
  clippedBernsteinBand,
  plannedUpperUnderClaim,
  planTwoLooks,
  runsToResolveBernsteinMean,
  runsToResolveWithoutSpread,
  upperWithoutSpread,
} from '../bounds/f2-bernstein-mean';

// Known answers for claim F2's mean tests and run planners (bounds/f2-bernstein-mean.ts).
// Values marked "python" were computed once with /usr/bin/python3 (math, scipy.stats.beta.ppf),
// re-implementing the documented formulas: meanSlack = min(Hoeffding, empirical Bernstein) at
// α/2 each, Bernstein's t = cL/(3R) + √((cL/(3R))² + 2VL/R), and the same doubling-then-bisection
// search (which matched a linear scan for the fewest runs in every case below).

const values = Array.from({ length: 8 }, () => [0.01, 0.02, 0, 0.03, 0.5]).flat();

describe('F2: confidence bounds on the clipped mean', () => {
  const test = { bound: 0.05, clip: 0.1, alpha: 0.05 };

  it('F2: 40 values clipped at 0.1, α = 0.05: lower 0.010527, upper 0.053473 (python)', () => {
    expect(bernsteinMeanLower(values, test)).toBeCloseTo(0.010526529582663126, 14);
    expect(bernsteinMeanUpper(values, test)).toBeCloseTo(0.05347347041733689, 14);
  });

  it('F2: the bounds are cut to [0, clip]', () => {
    const few = { bound: 0.1, clip: 0.3, alpha: 0.1 };
    expect(bernsteinMeanLower([0.2, 0.9], few)).toBe(0);
    expect(bernsteinMeanUpper([0.2, 0.9], few)).toBe(0.3);
  });

  it('F2: the band on E[X] for values in [0, 0.6] mostly below 0.1 (python)', () => {
    const band = clippedBernsteinBand(values, 0.1, 0.05, 0.6);
    expect(band.mean).toBeCloseTo(0.112, 14);
    expect(band.lower).toBeCloseTo(0.008595869395890073, 14);
    expect(band.upper).toBeCloseTo(0.24652877016106617, 12);
    // The upper end is cut at the range.
    expect(clippedBernsteinBand([0.5, 0.6], 0.1, 0.05, 0.6).upper).toBe(0.6);
  });

  it('F2: bad input names the parameter and the value', () => {
    expect(() => bernsteinMeanLower(values, { ...test, bound: 0 })).toThrow('bound must be a finite number > 0, got 0');
    expect(() => bernsteinMeanLower(values, { ...test, clip: 0.04 })).toThrow('clip must be a number in [bound, 1] = [0.05, 1], got 0.04');
    expect(() => bernsteinMeanUpper(values, { ...test, clip: 1.5 })).toThrow('clip must be a number in [bound, 1] = [0.05, 1], got 1.5');
    expect(() => bernsteinMeanUpper(values, { ...test, alpha: 1 })).toThrow('alpha must be a probability in (0, 1), got 1');
    expect(() => bernsteinMeanLower([0.1, 1.2], test)).toThrow('values[1] must be a number in [0, 1], got 1.2');
    expect(() => bernsteinMeanUpper([-0.1, 0.2], test)).toThrow('values[0] must be a number in [0, 1], got -0.1');
    expect(() => clippedBernsteinBand(values, 0.1, 0, 0.6)).toThrow('alpha must be a probability in (0, 1), got 0');
    expect(() => clippedBernsteinBand(values, 0.1, 0.05, 0.05)).toThrow('range must be a number in [clip, 1] = [0.1, 1], got 0.05');
    expect(() => clippedBernsteinBand(values, 0.1, 0.05, 1.1)).toThrow('range must be a number in [clip, 1] = [0.1, 1], got 1.1');
    // bound = clip and clip = 1 are allowed.
    expect(bernsteinMeanUpper([0.5, 0.5], { bound: 1, clip: 1, alpha: 0.1 })).toBeLessThanOrEqual(1);
  });
});

describe('F2: Bernstein deviation and the planned upper bounds', () => {
  const test = { bound: 0.05, clip: 0.2, alpha: 0.05 };

  it('F2: Bernstein t for R = 100, V = 0.01, c = 0.5, β = 0.05 (python)', () => {
    expect(bernsteinDeviation(100, 0.01, 0.5, 0.05)).toBeCloseTo(0.029974387808692153, 15);
    // V = 0: t = 2cL/(3R)
    expect(bernsteinDeviation(10, 0, 0.3, Math.exp(-1))).toBeCloseTo(0.02, 15);
  });

  it('F2: planned upper bound under the claim at R = 200, and without spread at R = 200 and 20 (python)', () => {
    expect(plannedUpperUnderClaim(200, test, 0.1)).toBeCloseTo(0.08516765422431473, 14);
    expect(upperWithoutSpread(200, test)).toBeCloseTo(0.060276109361044286, 14);
    expect(upperWithoutSpread(20, test)).toBeCloseTo(0.11073614619083053, 14);
  });

  it('F2: many runs and a small bound: the empirical-Bernstein term wins the min (python)', () => {
    // R = 10⁴, bound 0.001, c = 0.5, α = 0.05, β = 0.1: Bernstein 0.00133 < Hoeffding 0.00679.
    expect(plannedUpperUnderClaim(10_000, { bound: 0.001, clip: 0.5, alpha: 0.05 }, 0.1)).toBeCloseTo(0.0028471553204347335, 15);
  });

  it('F2: the planned mean m is capped at the clip', () => {
    // bound = clip = 0.2: m = min(0.2, 0.2 + t) = 0.2.
    const capped = { bound: 0.2, clip: 0.2, alpha: 0.05 };
    const L = Math.log(80);
    const bernstein = Math.sqrt((2 * 0.2 * 0.2 * L) / 9) + (7 * 0.2 * L) / 27;
    const hoeffding = 0.2 * Math.sqrt(Math.log(40) / 20);
    expect(plannedUpperUnderClaim(10, capped, 0.1)).toBeCloseTo(0.2 + Math.min(hoeffding, bernstein), 14);
  });

  it('F2: bad input names the parameter and the value', () => {
    expect(() => plannedUpperUnderClaim(1, test, 0.1)).toThrow('runs must be an integer >= 2, got 1');
    expect(() => plannedUpperUnderClaim(10, test, 0)).toThrow('beta must be a probability in (0, 1), got 0');
    expect(() => upperWithoutSpread(1, test)).toThrow('runs must be an integer >= 2, got 1');
    expect(() => upperWithoutSpread(10, { ...test, bound: -1 })).toThrow('bound must be a finite number > 0, got -1');
    expect(() => plannedUpperUnderClaim(10, { ...test, alpha: 0 }, 0.1)).toThrow('alpha must be a probability in (0, 1), got 0');
  });
});

describe('F2: runs per cell', () => {
  const test = { bound: 0.05, clip: 0.2, alpha: 0.05 };
  const small = { bound: 0.01, clip: 0.05, alpha: 0.01 };

  it('F2: η = 1, β = 0.1: 101 runs worst case, 30 without spread (python, each the fewest)', () => {
    expect(runsToResolveBernsteinMean(test, 1, 0.1)).toBe(101);
    expect(plannedUpperUnderClaim(101, test, 0.1)).toBeLessThanOrEqual(0.1);
    expect(plannedUpperUnderClaim(100, test, 0.1)).toBeGreaterThan(0.1);
    expect(runsToResolveWithoutSpread(test, 1)).toBe(30);
    expect(upperWithoutSpread(30, test)).toBeLessThanOrEqual(0.1);
    expect(upperWithoutSpread(29, test)).toBeGreaterThan(0.1);
  });

  it('F2: a small bound, η = 0.5, β = 0.05: 762 and 141 runs (python)', () => {
    expect(runsToResolveBernsteinMean(small, 0.5, 0.05)).toBe(762);
    expect(runsToResolveWithoutSpread(small, 0.5)).toBe(141);
  });

  it('F2: a resolution no run count below 2^40 reaches is rejected', () => {
    expect(() => runsToResolveWithoutSpread(test, 1e-12)).toThrow(
      'relativeResolution must be one that some run count below 2^40 resolves, got 1e-12',
    );
    expect(() => runsToResolveWithoutSpread(test, 0)).toThrow('relativeResolution must be a finite number > 0, got 0');
    expect(() => runsToResolveBernsteinMean(test, 1, 1)).toThrow('beta must be a probability in (0, 1), got 1');
  });

  it('F2: two looks: the first at the largest zero-spread count, the second at the largest worst case (python)', () => {
    // Without spread: 30 and 67; worst case at β = 0.1: 101 and 176.
    expect(planTwoLooks([test, small], 1, 0.1, 1000)).toEqual({ first: 67, second: 176, required: 176 });
    expect(planTwoLooks([test, small], 1, 0.1, 100)).toEqual({ first: 67, second: 100, required: 176 });
    expect(planTwoLooks([test, small], 1, 0.1, 50)).toEqual({ first: 50, second: 50, required: 176 });
    expect(planTwoLooks([test], 1, 0.1, 1000)).toEqual({ first: 30, second: 101, required: 101 });
    expect(() => planTwoLooks([], 1, 0.1, 1000)).toThrow('tests length must be at least 1, got 0');
    expect(() => planTwoLooks([test], 1, 0.1, 1)).toThrow('maxRuns must be an integer >= 2, got 1');
  });
});
