import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { clippedMeanLower, clippedMeanUpper } from '../bounds/clipped-mean';
import { binomialUpperCriticalCount, clopperPearsonInterval, clopperPearsonLower, clopperPearsonUpper } from '../bounds/clopper-pearson';
import { hoeffdingDeviation, hoeffdingSampleSize } from '../bounds/hoeffding';
import { bonferroni, trialsToResolveRate } from '../bounds/repetitions';
import { Rng } from '../theory/rng';
import { binomialCaseArbitrary } from './arbitraries/binomialCase';
import { testSeed } from './seed';

/** The exact Bin(trials, p) probability mass function, by a log-space recurrence (no underflow for large trials). */
function binomialPmf(trials: number, p: number): Float64Array {
  const logPmf = new Float64Array(trials + 1);
  logPmf[0] = trials * Math.log1p(-p);
  const logOdds = Math.log(p) - Math.log1p(-p);
  for (let s = 0; s < trials; s++) logPmf[s + 1] = logPmf[s]! + Math.log((trials - s) / (s + 1)) + logOdds;
  return logPmf.map(Math.exp);
}

/** Exact P(X ∈ event) for X ~ Bin(trials, p). */
function binomialProbability(trials: number, p: number, event: (s: number) => boolean): number {
  return binomialPmf(trials, p).reduce((sum, mass, s) => (event(s) ? sum + mass : sum), 0);
}

/** The smallest s in [0, trials] for which a monotone predicate holds; trials + 1 if none. */
function firstCount(trials: number, holds: (s: number) => boolean): number {
  let low = -1;
  let high = trials + 1;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (holds(mid)) high = mid;
    else low = mid;
  }
  return high;
}

const ROUNDING = 1e-9;

describe('F1: Clopper–Pearson bounds (CLAIMS.md §4)', () => {
  test.prop([binomialCaseArbitrary()])(
    'F1: each one-sided bound misses p with probability ≤ alpha (exact enumeration)',
    ({ trials, p, alpha }) => {
      expect(binomialProbability(trials, p, (s) => clopperPearsonLower(s, trials, alpha) > p)).toBeLessThanOrEqual(alpha * (1 + ROUNDING));
      expect(binomialProbability(trials, p, (s) => clopperPearsonUpper(s, trials, alpha) < p)).toBeLessThanOrEqual(alpha * (1 + ROUNDING));
    },
  );

  test.prop([binomialCaseArbitrary()])(
    'F1: the two-sided interval misses p with probability ≤ alpha (exact enumeration)',
    ({ trials, p, alpha }) => {
      const misses = (s: number): boolean => {
        const { lower, upper } = clopperPearsonInterval(s, trials, alpha);
        return p < lower || p > upper;
      };
      expect(binomialProbability(trials, p, misses)).toBeLessThanOrEqual(alpha * (1 + ROUNDING));
    },
  );

  test.prop([binomialCaseArbitrary(200), fc.double({ min: 0, max: 1, noNaN: true })])(
    'F1: lower ≤ s/n ≤ upper, both nondecreasing in s, and a smaller alpha gives a wider interval',
    ({ trials, alpha }, fraction) => {
      const s = Math.floor(fraction * trials);
      const lower = clopperPearsonLower(s, trials, alpha);
      const upper = clopperPearsonUpper(s, trials, alpha);
      expect(lower).toBeLessThanOrEqual(s / trials);
      expect(upper).toBeGreaterThanOrEqual(s / trials);
      if (s < trials) {
        expect(clopperPearsonLower(s + 1, trials, alpha)).toBeGreaterThanOrEqual(lower);
        expect(clopperPearsonUpper(s + 1, trials, alpha)).toBeGreaterThanOrEqual(upper);
      }
      expect(clopperPearsonLower(s, trials, alpha / 2)).toBeLessThanOrEqual(lower);
      expect(clopperPearsonUpper(s, trials, alpha / 2)).toBeGreaterThanOrEqual(upper);
    },
  );

  it('F1: known values (0 or n successes in closed form, 5 of 10 at 95%)', () => {
    for (const [trials, alpha] of [
      [10, 0.05],
      [20, 0.025],
      [1_000_000, 1e-9],
    ] as const) {
      expect(clopperPearsonUpper(0, trials, alpha)).toBeCloseTo(1 - alpha ** (1 / trials), 12);
      expect(clopperPearsonLower(trials, trials, alpha)).toBeCloseTo(alpha ** (1 / trials), 12);
    }
    expect(clopperPearsonUpper(0, 1_000_000, 1e-9)).toBeCloseTo(-Math.log(1e-9) / 1_000_000, 8);
    const { lower, upper } = clopperPearsonInterval(5, 10, 0.05);
    expect(lower).toBeCloseTo(0.187086, 6);
    expect(upper).toBeCloseTo(0.812914, 6);
    expect(clopperPearsonLower(0, 10, 0.05)).toBe(0);
    expect(clopperPearsonUpper(10, 10, 0.05)).toBe(1);
  });

  it('F1: bad input names the parameter and the value', () => {
    expect(() => clopperPearsonLower(11, 10, 0.05)).toThrow(/successes must be an integer in \[0, 10\], got 11/);
    expect(() => clopperPearsonUpper(1, 0, 0.05)).toThrow(/trials must be an integer >= 1, got 0/);
    expect(() => clopperPearsonInterval(1, 10, 1)).toThrow(/alpha must be a probability in \(0, 1\), got 1/);
    expect(() => clopperPearsonLower(1, 10, Number.NaN)).toThrow(/alpha .* got NaN/);
    expect(() => bonferroni(1e-6, 0)).toThrow(/tests must be an integer >= 1, got 0/);
  });

  test.prop([binomialCaseArbitrary(200)])(
    'F1: the critical count c is the smallest with P(Bin ≥ c) ≤ beta (exact)',
    ({ trials, p, alpha: beta }) => {
      const c = binomialUpperCriticalCount(trials, p, beta);
      const tail = (count: number): number => binomialProbability(trials, p, (s) => s >= count);
      if (c <= trials) expect(tail(c)).toBeLessThanOrEqual(beta * (1 + ROUNDING));
      if (c >= 1) expect(tail(c - 1)).toBeGreaterThan(beta * (1 - ROUNDING));
    },
  );

  test.prop([
    fc.record({
      rate: fc.double({ min: 0.02, max: 0.5, noNaN: true }),
      relativeResolution: fc.double({ min: 0.3, max: 2, noNaN: true }),
      alpha: fc.double({ min: 1e-8, max: 0.05, noNaN: true }),
      beta: fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
    }),
  ])('F1: trialsToResolveRate leaves a rate ≤ the target unresolved with probability ≤ beta (exact)', (target) => {
    const trials = trialsToResolveRate(target, 1e7)!;
    expect(trials).toBeDefined();
    // The upper bound is nondecreasing in s, so "unresolved" is the event s ≥ first.
    const limit = (1 + target.relativeResolution) * target.rate;
    const first = firstCount(trials, (s) => clopperPearsonUpper(s, trials, target.alpha) > limit);
    for (const p of [target.rate, target.rate / 2]) {
      expect(binomialProbability(trials, p, (s) => s >= first)).toBeLessThanOrEqual(target.beta * (1 + ROUNDING));
    }
  });
});

describe('F2: Hoeffding bounds (CLAIMS.md §4)', () => {
  it('F2: known deviation, and two-sided = one-sided at half the failure probability', () => {
    expect(hoeffdingDeviation(100, 0.05)).toBeCloseTo(Math.sqrt(Math.log(20) / 200), 14);
    expect(hoeffdingDeviation(100, 0.05, 0.1)).toBeCloseTo(0.1 * Math.sqrt(Math.log(20) / 200), 14);
    expect(hoeffdingDeviation(50, 0.01, 1, 2)).toBeCloseTo(hoeffdingDeviation(50, 0.005, 1, 1), 14);
  });

  test.prop([
    fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
    fc.double({ min: 1e-9, max: 0.5, noNaN: true }),
    fc.double({ min: 1e-3, max: 10, noNaN: true }),
    fc.constantFrom(1 as const, 2 as const),
  ])('F2: the sample size is the smallest whose deviation is within the target', (deviation, delta, range, sides) => {
    const samples = hoeffdingSampleSize(deviation, delta, range, sides);
    expect(hoeffdingDeviation(samples, delta, range, sides)).toBeLessThanOrEqual(deviation * (1 + 1e-12));
    if (samples > 1) expect(hoeffdingDeviation(samples - 1, delta, range, sides)).toBeGreaterThan(deviation);
  });

  test.prop([binomialCaseArbitrary(200)])(
    'F2: for Bernoulli samples (the extreme case) the deviation is exceeded with probability ≤ delta (exact)',
    ({ trials, p, alpha: delta }) => {
      const t = hoeffdingDeviation(trials, delta);
      expect(binomialProbability(trials, p, (s) => s / trials - p >= t)).toBeLessThanOrEqual(delta * (1 + ROUNDING));
      expect(binomialProbability(trials, p, (s) => p - s / trials >= t)).toBeLessThanOrEqual(delta * (1 + ROUNDING));
    },
  );

  it('F2: bad input names the parameter and the value', () => {
    expect(() => hoeffdingDeviation(0, 0.05)).toThrow(/samples must be an integer >= 1, got 0/);
    expect(() => hoeffdingSampleSize(0, 0.05)).toThrow(/deviation must be a finite number > 0, got 0/);
    expect(() => hoeffdingDeviation(10, 0.05, 1, 3 as 1)).toThrow(/sides must be 1 or 2, got 3/);
    expect(() => clippedMeanLower([0.5, 1.5], 0.1, 0.05)).toThrow(/values\[1\] must be a finite number in \[0, 1\], got 1.5/);
  });

  // Miscoverage of each clipped-mean bound is Bernoulli(≤ alpha) per experiment. The check fails
  // only if the Clopper–Pearson lower bound on the miscoverage rate exceeds alpha: failure
  // probability ≤ 2 × 5e-7 = 1e-6 for the two bounds.
  it('F2: clipped-mean bounds cover E[x] at their level (statistical, failure probability 1e-6)', () => {
    const rng = new Rng(testSeed('F2: clipped-mean bounds cover E[x]'));
    const alpha = 0.1;
    const experiments = 600;
    const samples = 40;
    const clip = 0.2;
    // x = 1 with probability 0.02, else uniform on [0, 0.3] (partly above the clip): E[x] = 0.02 + 0.98·0.15.
    const expectation = 0.02 + 0.98 * 0.15;
    let lowMisses = 0;
    let highMisses = 0;
    for (let e = 0; e < experiments; e++) {
      const values = Array.from({ length: samples }, () => (rng.uniform() < 0.02 ? 1 : 0.3 * rng.uniform()));
      if (clippedMeanLower(values, clip, alpha) > expectation) lowMisses++;
      if (clippedMeanUpper(values, clip, alpha) < expectation) highMisses++;
    }
    expect(clopperPearsonLower(lowMisses, experiments, 5e-7)).toBeLessThanOrEqual(alpha);
    expect(clopperPearsonLower(highMisses, experiments, 5e-7)).toBeLessThanOrEqual(alpha);
  });

  it('F2: below the clip, the clipped lower bound is the Hoeffding bound with range = clip', () => {
    const values = [0.01, 0.02, 0.0, 0.05, 0.03];
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    expect(clippedMeanLower(values, 0.05, 0.1)).toBeCloseTo(Math.max(0, mean - hoeffdingDeviation(5, 0.1, 0.05)), 14);
    expect(clippedMeanUpper(values, 0.05, 0.1)).toBeCloseTo(mean + hoeffdingDeviation(5, 0.05, 0.05) + clopperPearsonUpper(0, 5, 0.05), 14);
  });
});
