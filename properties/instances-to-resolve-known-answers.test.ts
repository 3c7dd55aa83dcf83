import { instancesForSlack, instancesToResolve, plannedDeviation, plannedSlack } from '../bounds/instances-to-resolve';

// Known answers for claim F3's instance planner (bounds/instances-to-resolve.ts). Values marked
// "python" were computed once with /usr/bin/python3: the planned slack
// min(range·√(ln(2/α)/(2r)), √(2v·ln(4/α)/r) + 7·range·ln(4/α)/(3(r − 1))), and the fewest r ≥ 16
// with slack ≤ target by a linear scan (which the doubling-then-bisection search matches here).

describe('F3: planned slack min(Hoeffding, empirical Bernstein)', () => {
  it('F3: r = 100, range 1, α = 0.05, v = 0.01: Bernstein 0.13288 beats Hoeffding 0.13581 (python)', () => {
    expect(plannedSlack(100, 1, 0.05, 0.01)).toBeCloseTo(0.1328842327787337, 15);
  });

  it('F3: r = 1000: Bernstein 0.0196 (python)', () => {
    expect(plannedSlack(1000, 1, 0.05, 0.01)).toBeCloseTo(0.019596616019661048, 15);
  });

  it('F3: at a large variance Hoeffding is the smaller: √(ln 40/200)', () => {
    expect(plannedSlack(100, 1, 0.05, 0.25)).toBeCloseTo(Math.sqrt(Math.log(40) / 200), 15);
    expect(plannedSlack(100, 2, 0.05, 1)).toBeCloseTo(2 * Math.sqrt(Math.log(40) / 200), 15);
  });

  it('F3: the planned deviation at a small bound, where empirical Bernstein wins (python)', () => {
    // r = 10⁴, bound 0.01: p = 0.005, variance p(1 − p); Bernstein 0.00311 < Hoeffding 0.0136.
    expect(plannedDeviation(10_000, 0.01, 1, 0.05)).toBeCloseTo(0.0031106643375834204, 15);
  });

  it('F3: the planned deviation uses the variance p(1 − p) at p = bound/2 (python)', () => {
    expect(plannedDeviation(200, 0.1, 1, 0.05)).toBeCloseTo(0.09603227913199208, 15);
    expect(plannedDeviation(200, 0.1, 1, 0.05)).toBe(plannedSlack(200, 1, 0.05, 0.05 * 0.95));
  });
});

describe('F3: fewest instances whose slack meets a target', () => {
  it('F3: known answers, each the minimal r ≥ 16 (python, linear scan)', () => {
    expect(instancesForSlack(0.05, 1, 0.05, 0.08799375, 1e7)).toBe(654);
    expect(instancesForSlack(0.02, 1, 0.05, 0.01, 1e7)).toBe(974);
    expect(instancesForSlack(0.1, 1, 0.05, 0.05, 1e7)).toBe(185);
    expect(plannedSlack(185, 1, 0.05, 0.05)).toBeLessThanOrEqual(0.1);
    expect(plannedSlack(184, 1, 0.05, 0.05)).toBeGreaterThan(0.1);
  });

  it('F3: never fewer than 16, even when 16 already meets the target', () => {
    expect(instancesForSlack(0.5, 1, 0.05, 0.1, 1e7)).toBe(16);
    expect(instancesForSlack(10, 1, 0.05, 0.1, 1e7)).toBe(16);
  });

  it('F3: capped at `cap`, also below 16', () => {
    expect(instancesForSlack(0.001, 1, 0.05, 0.01, 100)).toBe(100);
    expect(instancesForSlack(0.001, 1, 0.05, 0.01, 10)).toBe(10);
    expect(instancesForSlack(0.02, 1, 0.05, 0.01, 500)).toBe(500);
    expect(instancesForSlack(0.02, 1, 0.05, 0.01, 974)).toBe(974);
  });

  it('F3 (a): instances to resolve a bound: half the bound at variance p(1 − p), p = bound/2 (python)', () => {
    expect(instancesToResolve(0.1, 1, 0.05, 1e7)).toBe(491);
    expect(instancesToResolve(0.2, 2, 0.01, 1e7)).toBe(517);
    expect(instancesToResolve(0.1, 1, 0.05, 300)).toBe(300);
  });
});
