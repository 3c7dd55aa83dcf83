import { bonferroni, trialsToResolveRate } from '../bounds/repetitions';

// Known answers for CLAIMS.md §4's Bonferroni split and trial planner (bounds/repetitions.ts).
// The trial counts were computed once with /usr/bin/python3 + scipy: the smallest c ≥ 1 with
// binom.sf(c − 1, N, rate) ≤ beta, the Clopper–Pearson upper bound beta.ppf(1 − alpha, c, N − c + 1)
// at c − 1 successes, and the same doubling-then-bisection search over N.

describe('CLAIMS.md §4: Bonferroni split', () => {
  it('§4: the failure probability is divided evenly over the tests', () => {
    expect(bonferroni(0.05, 5)).toBeCloseTo(0.01, 15);
    expect(bonferroni(0.3, 1)).toBe(0.3);
    expect(bonferroni(0.01, 4)).toBe(0.0025);
  });

  it('§4: bad input names the parameter and the value', () => {
    expect(() => bonferroni(0, 2)).toThrow('failureProbability must be a probability in (0, 1), got 0');
    expect(() => bonferroni(1, 2)).toThrow('failureProbability must be a probability in (0, 1), got 1');
    expect(() => bonferroni(0.05, 0)).toThrow('tests must be an integer >= 1, got 0');
    expect(() => bonferroni(0.05, 1.5)).toThrow('tests must be an integer >= 1, got 1.5');
  });
});

describe('CLAIMS.md §4: trials to resolve a rate', () => {
  it('§4: rate 0.2, η = 1, α = β = 0.1 needs N = 36 (scipy; N = 35 does not resolve)', () => {
    const target = { rate: 0.2, relativeResolution: 1, alpha: 0.1, beta: 0.1 };
    expect(trialsToResolveRate(target, 1_000_000)).toBe(36);
    expect(trialsToResolveRate(target, 64)).toBe(36);
    expect(trialsToResolveRate(target, 40)).toBe(36);
    // The cap itself is tried: N = 36 is reached only as the capped last step of 1, 2, …, 32, 36.
    expect(trialsToResolveRate(target, 36)).toBe(36);
    expect(trialsToResolveRate(target, 35)).toBeUndefined();
    expect(trialsToResolveRate(target, 33)).toBeUndefined();
    expect(trialsToResolveRate(target, 1)).toBeUndefined();
  });

  it('§4: rate 0.1, η = 0.5, α = β = 0.05 gives N = 489 by doubling then bisection (scipy)', () => {
    // Resolution is not monotone in N (474, 475, 482–484 resolve, 476–481 and 485–488 do not):
    // bisection between 256 and 512 lands on 489.
    expect(trialsToResolveRate({ rate: 0.1, relativeResolution: 0.5, alpha: 0.05, beta: 0.05 }, 1_000_000)).toBe(489);
  });

  it('§4: rate 0.05, η = 1, α = β = 0.05 gives N = 321 (scipy)', () => {
    expect(trialsToResolveRate({ rate: 0.05, relativeResolution: 1, alpha: 0.05, beta: 0.05 }, 1_000_000)).toBe(321);
  });

  it('§4: small cases: rate 0.3, η = 2, α = 0.1, β = 0.2 needs N = 4; with η = 2.2, N = 2 (scipy)', () => {
    expect(trialsToResolveRate({ rate: 0.3, relativeResolution: 2, alpha: 0.1, beta: 0.2 }, 1000)).toBe(4);
    // At N = 2 the critical count is c = 2 = N (P(X ≥ 2) = 0.09 ≤ 0.2 < P(X ≥ 1)): still usable,
    // with the upper bound at c − 1 = 1 success, √0.9 ≈ 0.949 ≤ 3.2·0.3.
    expect(trialsToResolveRate({ rate: 0.3, relativeResolution: 2.2, alpha: 0.1, beta: 0.2 }, 1000)).toBe(2);
  });

  it('§4: N with no usable critical count never resolves, even when (1 + η)·rate ≥ 1 (scipy: N = 3)', () => {
    // rate 0.5, β = 0.2: c = 2 > N = 1 and c = 3 > N = 2, so N = 1 and 2 fail although any upper
    // bound is ≤ (1 + 1)·0.5 = 1; N = 3 (c = 3) is the first that resolves.
    expect(trialsToResolveRate({ rate: 0.5, relativeResolution: 1, alpha: 0.1, beta: 0.2 }, 100)).toBe(3);
  });

  it('§4: bad input names the parameter and the value', () => {
    const ok = { rate: 0.2, relativeResolution: 1, alpha: 0.1, beta: 0.1 };
    expect(() => trialsToResolveRate({ ...ok, rate: 0 }, 10)).toThrow('rate must be a probability in (0, 1), got 0');
    expect(() => trialsToResolveRate({ ...ok, rate: 1 }, 10)).toThrow('rate must be a probability in (0, 1), got 1');
    expect(() => trialsToResolveRate({ ...ok, rate: '0.2' as unknown as number }, 10)).toThrow(
      'rate must be a probability in (0, 1), got "0.2"',
    );
    expect(() => trialsToResolveRate({ ...ok, relativeResolution: 0 }, 10)).toThrow(
      'relativeResolution must be a finite number > 0, got 0',
    );
    expect(() => trialsToResolveRate({ ...ok, alpha: 1 }, 10)).toThrow('alpha must be a probability in (0, 1), got 1');
    expect(() => trialsToResolveRate({ ...ok, beta: 0 }, 10)).toThrow('beta must be a probability in (0, 1), got 0');
    expect(() => trialsToResolveRate(ok, 0)).toThrow('maxTrials must be an integer >= 1, got 0');
  });
});
