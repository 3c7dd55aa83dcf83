import { clippedMeanLower, clippedMeanUpper, summarizeClipped } from '../bounds/clipped-mean';
import { clippedMeanResolution, runsToResolveClippedMean } from '../bounds/clipped-mean-resolution';
import { hoeffdingDeviation, hoeffdingSampleSize } from '../bounds/hoeffding';

// Known answers for CLAIMS.md §4's Hoeffding bounds and the clipped-mean bounds built on them
// (bounds/hoeffding.ts, bounds/clipped-mean.ts, bounds/clipped-mean-resolution.ts). Values marked
// "python" were computed once with /usr/bin/python3 (math; scipy.stats.beta.ppf for Clopper–Pearson).

describe('§4: Hoeffding deviation range·√(ln(sides/δ)/(2R)) and sample size', () => {
  it('§4: R = 50, δ = 0.05: √(ln 20/100); with range 2 and both sides: 2√(ln 40/100) (python)', () => {
    expect(hoeffdingDeviation(50, 0.05)).toBeCloseTo(0.17308183826022852, 15);
    expect(hoeffdingDeviation(50, 0.05, 1, 1)).toBeCloseTo(0.17308183826022852, 15);
    expect(hoeffdingDeviation(50, 0.05, 2, 2)).toBeCloseTo(0.38412911652796833, 15);
  });

  it('§4: the smallest R with deviation ≤ t: 150 for t = 0.1, δ = 0.05; 738 with range 2, two sides', () => {
    expect(hoeffdingSampleSize(0.1, 0.05)).toBe(150);
    expect(hoeffdingSampleSize(0.1, 0.05, 2, 2)).toBe(738);
    expect(hoeffdingDeviation(150, 0.05)).toBeLessThanOrEqual(0.1);
    expect(hoeffdingDeviation(149, 0.05)).toBeGreaterThan(0.1);
  });

  it('§4: a deviation so small that R is not a safe integer is rejected with the range', () => {
    expect(() => hoeffdingSampleSize(1e-200, 0.05)).toThrow(
      'deviation must be large enough that the sample size is finite (range 1), got 1e-200',
    );
    expect(() => hoeffdingSampleSize(1e-9, 0.05, 3)).toThrow('(range 3), got 1e-9');
  });

  it('§4: bad input names the parameter and the value', () => {
    expect(() => hoeffdingDeviation(0, 0.05)).toThrow('samples must be an integer >= 1, got 0');
    expect(() => hoeffdingDeviation(5, 1)).toThrow('failureProbability must be a probability in (0, 1), got 1');
    expect(() => hoeffdingDeviation(5, 0.05, 0)).toThrow('range must be a finite number > 0, got 0');
    expect(() => hoeffdingDeviation(5, 0.05, 1, 3 as 1)).toThrow('sides must be 1 or 2, got 3');
    expect(() => hoeffdingSampleSize(0, 0.05)).toThrow('deviation must be a finite number > 0, got 0');
    expect(() => hoeffdingSampleSize(0.1, 0)).toThrow('failureProbability must be a probability in (0, 1), got 0');
    expect(() => hoeffdingSampleSize(0.1, 0.05, -1)).toThrow('range must be a finite number > 0, got -1');
    expect(() => hoeffdingSampleSize(0.1, 0.05, 1, 0 as 1)).toThrow('sides must be 1 or 2, got 0');
  });
});

describe('§4: clipped-mean bounds E[min(x, c)] ≤ E[x] ≤ E[min(x, c)] + P(x > c)', () => {
  it('§4: summary of 0.1, 0.2, 0.5, 0.9 at c = 0.5: a value equal to c is not above it', () => {
    expect(summarizeClipped([0.1, 0.2, 0.5, 0.9], 0.5)).toEqual({ clippedMean: 0.325, aboveClip: 1, samples: 4 });
    expect(summarizeClipped([1, 1], 1)).toEqual({ clippedMean: 1, aboveClip: 0, samples: 2 });
  });

  it('§4: 30 × 0.05, 8 × 0.2, 2 × 0.9 clipped at 0.3, α = 0.05 (python)', () => {
    const values = [...new Array<number>(30).fill(0.05), ...new Array<number>(8).fill(0.2), 0.9, 0.9];
    expect(summarizeClipped(values, 0.3).clippedMean).toBeCloseTo(0.0925, 15);
    // mean − 0.3·√(ln 20/80)
    expect(clippedMeanLower(values, 0.3, 0.05)).toBeCloseTo(0.03444658659692579, 14);
    // mean + 0.3·√(ln 40/80) + Clopper–Pearson upper of 2 of 40 at 0.025
    expect(clippedMeanUpper(values, 0.3, 0.05)).toBeCloseTo(0.3261172752114283, 12);
  });

  it('§4: the bounds are cut to [0, 1] for few values', () => {
    expect(clippedMeanLower([0.1, 0.2, 0.9], 0.5, 0.1)).toBe(0);
    expect(clippedMeanUpper([0.1, 0.2, 0.9], 0.5, 0.1)).toBe(1);
  });

  it('§4: bad input names the parameter and the value', () => {
    expect(() => summarizeClipped([0.5], 0)).toThrow('clip must be a finite number > 0 and <= 1, got 0');
    expect(() => summarizeClipped([0.5], 1.5)).toThrow('clip must be a finite number > 0 and <= 1, got 1.5');
    expect(() => summarizeClipped([], 0.5)).toThrow('values length must be at least 1, got 0');
    expect(() => summarizeClipped([0.5, 1.5], 0.5)).toThrow('values[1] must be a finite number in [0, 1], got 1.5');
    expect(() => summarizeClipped([-0.1], 0.5)).toThrow('values[0] must be a finite number in [0, 1], got -0.1');
    expect(() => clippedMeanLower([0.5], 0.5, 0)).toThrow('alpha must be a probability in (0, 1), got 0');
    expect(() => clippedMeanUpper([0.5], 0.5, 1)).toThrow('alpha must be a probability in (0, 1), got 1');
  });
});

describe('F2: runs to resolve a clipped-mean test', () => {
  const test = { bound: 0.1, clip: 0.5, alpha: 0.05 };

  it('F2: η reached with 100 runs is 2·0.5·√(ln 20/200)/0.1 (python)', () => {
    expect(clippedMeanResolution(100, test)).toBeCloseTo(1.223873415340408, 14);
  });

  it('F2: η = 1 needs ⌈0.25·ln 20/(2·0.05²)⌉ = 150 runs, and 150 runs reach it', () => {
    expect(runsToResolveClippedMean(1, test)).toBe(150);
    expect(clippedMeanResolution(150, test)).toBeLessThanOrEqual(1);
    expect(clippedMeanResolution(149, test)).toBeGreaterThan(1);
    expect(runsToResolveClippedMean(2, { ...test, bound: 0.05 })).toBe(150);
  });

  it('F2: bad input names the parameter and the value', () => {
    expect(() => clippedMeanResolution(100, { ...test, bound: 0 })).toThrow('bound must be a finite number > 0, got 0');
    expect(() => runsToResolveClippedMean(0, test)).toThrow('relativeResolution must be a finite number > 0, got 0');
    expect(() => runsToResolveClippedMean(1, { ...test, bound: -1 })).toThrow('bound must be a finite number > 0, got -1');
  });
});
