import {
  assertProbability,
  binomialUpperCriticalCount,
  clopperPearsonInterval,
  clopperPearsonLower,
  clopperPearsonUpper,
} from '../bounds/clopper-pearson';

// Known answers for CLAIMS.md §4's Clopper–Pearson bounds (bounds/clopper-pearson.ts), computed
// once with /usr/bin/python3 + scipy (scipy.stats.beta.ppf; the critical count by scanning
// binom.sf(c − 1, n, p) ≤ β over c).

describe('§4: Clopper–Pearson bounds, known answers', () => {
  it('§4: 3 of 10 at α = 0.05: lower Beta(3, 8) 5% quantile, upper Beta(4, 7) 95% quantile (scipy)', () => {
    expect(clopperPearsonLower(3, 10, 0.05)).toBeCloseTo(0.08726443391415033, 12);
    expect(clopperPearsonUpper(3, 10, 0.05)).toBeCloseTo(0.6066242161054123, 12);
  });

  it('§4: the two-sided interval at α = 0.05 uses α/2 on each side (scipy)', () => {
    const interval = clopperPearsonInterval(3, 10, 0.05);
    expect(interval.lower).toBeCloseTo(0.06673951117773447, 12);
    expect(interval.upper).toBeCloseTo(0.6524528500599973, 12);
  });

  it('§4: no successes give lower 0, all successes upper 1; n of n gives lower α^{1/n}', () => {
    expect(clopperPearsonLower(0, 10, 0.05)).toBe(0);
    expect(clopperPearsonUpper(10, 10, 0.05)).toBe(1);
    expect(clopperPearsonLower(10, 10, 0.05)).toBeCloseTo(0.7411344491069477, 12);
    expect(clopperPearsonUpper(0, 10, 0.05)).toBeCloseTo(1 - 0.05 ** (1 / 10), 12);
  });

  it('§4: the critical count, the smallest c with P(Bin(n, p) ≥ c) ≤ β (scipy)', () => {
    expect(binomialUpperCriticalCount(20, 0.1, 0.05)).toBe(5);
    expect(binomialUpperCriticalCount(20, 0.5, 0.01)).toBe(16);
    expect(binomialUpperCriticalCount(5, 0.6, 0.05)).toBe(6); // none qualifies: n + 1
    expect(binomialUpperCriticalCount(100, 0.03, 0.1)).toBe(6);
    expect(binomialUpperCriticalCount(10, 0, 0.05)).toBe(1);
    expect(binomialUpperCriticalCount(10, 1, 0.05)).toBe(11);
    expect(binomialUpperCriticalCount(1, 0.01, 0.05)).toBe(1);
  });

  it('§4: bad input names the parameter and the value', () => {
    expect(() => clopperPearsonLower(1, 0, 0.05)).toThrow('trials must be an integer >= 1, got 0');
    expect(() => clopperPearsonLower(11, 10, 0.05)).toThrow('successes must be an integer in [0, 10], got 11');
    expect(() => clopperPearsonUpper(-1, 10, 0.05)).toThrow('successes must be an integer in [0, 10], got -1');
    expect(() => clopperPearsonUpper(1, 10, 1)).toThrow('alpha must be a probability in (0, 1), got 1');
    expect(() => clopperPearsonLower(1, 10, 0)).toThrow('alpha must be a probability in (0, 1), got 0');
    expect(() => clopperPearsonInterval(1, 10, 0)).toThrow('alpha must be a probability in (0, 1), got 0');
    expect(() => binomialUpperCriticalCount(0, 0.5, 0.05)).toThrow('trials must be an integer >= 1, got 0');
    expect(() => binomialUpperCriticalCount(10, 1.5, 0.05)).toThrow('p must be a probability in [0, 1], got 1.5');
    expect(() => binomialUpperCriticalCount(10, -0.1, 0.05)).toThrow('p must be a probability in [0, 1], got -0.1');
    expect(() => binomialUpperCriticalCount(10, 0.5, 1)).toThrow('beta must be a probability in (0, 1), got 1');
    expect(() => assertProbability('q', '0.5')).toThrow('q must be a probability in (0, 1), got "0.5"');
    expect(assertProbability('q', 0.5)).toBe(0.5);
  });
});
