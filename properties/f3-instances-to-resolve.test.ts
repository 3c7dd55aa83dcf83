import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { instancesToResolve, plannedDeviation } from '../bounds/instances-to-resolve';
import { meanSlack } from '../bounds/training-slack';

/**
 * bounds/instances-to-resolve.ts plans claim F3's bound tests: the fewest instances whose upper
 * confidence bound confirms error ≤ bound when the true mean error is bound/2 (CLAIMS.md §4).
 */

/** F3's bounds lie in (0.01, 1]; error ranges are 1 − 1/k for k = 2…8; α down to a Bonferroni share of 1e-3. */
const bound = fc.double({ min: 0.01, max: 1, noNaN: true });
const range = fc.integer({ min: 2, max: 8 }).map((k) => 1 - 1 / k);
const alpha = fc.double({ min: 1e-6, max: 0.1, noNaN: true });
const cap = fc.integer({ min: 16, max: 20_000 });

/**
 * `count` values with mean `mean` and unbiased sample variance `variance`: half at mean − s, half
 * at mean + s, and one at the mean when `count` is odd.
 */
function sampleWith(count: number, mean: number, variance: number): number[] {
  const s = Math.sqrt(count % 2 === 0 ? (variance * (count - 1)) / count : variance);
  return Array.from({ length: count }, (_, j) => (j === count - 1 && count % 2 === 1 ? mean : j % 2 === 0 ? mean - s : mean + s));
}

/** The largest unbiased sample variance ≤ p(1 − p) that sampleWith reaches with values in [0, range] around mean p. */
function varianceWithin(count: number, p: number, range: number): number {
  const spread = Math.min(p, range - p);
  return Math.min(p * (1 - p), count % 2 === 0 ? (spread * spread * count) / (count - 1) : spread * spread);
}

describe('F3: instancesToResolve', () => {
  test.prop([bound, range, alpha, cap])(
    'F3: instancesToResolve is the fewest r ≥ 16 whose planned deviation is ≤ bound/2, capped at the cap',
    (b, w, a, c) => {
      const r = instancesToResolve(b, w, a, c);
      expect(Number.isInteger(r)).toBe(true);
      expect(r).toBeGreaterThanOrEqual(16);
      expect(r).toBeLessThanOrEqual(c);
      if (r < c) expect(plannedDeviation(r, b, w, a)).toBeLessThanOrEqual(b / 2);
      else expect(plannedDeviation(r, b, w, a) <= b / 2 || r === c).toBe(true);
      if (r > 16) expect(plannedDeviation(r - 1, b, w, a)).toBeGreaterThan(b / 2);
    },
  );

  test.prop([bound, range, alpha, cap])(
    'F3: instancesToResolve — the planned deviation is the test’s slack (meanSlack) at the worst-case sample variance p(1 − p), p = bound/2',
    (b, w, a, c) => {
      const r = instancesToResolve(b, w, a, c);
      const p = b / 2;
      const { slack } = meanSlack(sampleWith(r, p, p * (1 - p)), a, w);
      expect(Math.abs(slack - plannedDeviation(r, b, w, a))).toBeLessThanOrEqual(1e-12);
    },
  );

  test.prop([bound, range, alpha, cap])(
    'F3: instancesToResolve — at the returned count (below the cap) the upper confidence bound confirms error ≤ bound when the true mean is bound/2',
    (b, w, a, c) => {
      const r = instancesToResolve(b, w, a, c);
      fc.pre(r < c);
      const p = b / 2;
      // A sample with mean p at the worst-case variance, and one of rates in [0, w] with the largest variance they allow.
      for (const values of [sampleWith(r, p, p * (1 - p)), sampleWith(r, p, varianceWithin(r, p, w))]) {
        const { mean, slack } = meanSlack(values, a, w);
        expect(mean).toBeCloseTo(p, 12);
        expect(mean + slack).toBeLessThanOrEqual(b + 1e-12);
      }
    },
  );

  test.prop([bound, bound, range, alpha, cap])('F3: instancesToResolve does not increase as the bound grows', (b1, b2, w, a, c) => {
    const [low, high] = b1 <= b2 ? [b1, b2] : [b2, b1];
    expect(instancesToResolve(high, w, a, c)).toBeLessThanOrEqual(instancesToResolve(low, w, a, c));
  });

  test.prop([bound, range, alpha, alpha, cap])('F3: instancesToResolve does not increase as α grows', (b, w, a1, a2, c) => {
    const [low, high] = a1 <= a2 ? [a1, a2] : [a2, a1];
    expect(instancesToResolve(b, w, high, c)).toBeLessThanOrEqual(instancesToResolve(b, w, low, c));
  });

  test.prop([bound, range, range, alpha, cap])('F3: instancesToResolve does not decrease as the error range widens', (b, w1, w2, a, c) => {
    const [narrow, wide] = w1 <= w2 ? [w1, w2] : [w2, w1];
    expect(instancesToResolve(b, wide, a, c)).toBeGreaterThanOrEqual(instancesToResolve(b, narrow, a, c));
  });

  test.prop([bound, range, alpha, cap, cap])(
    'F3: instancesToResolve under a smaller cap is the larger cap’s count, capped',
    (b, w, a, c1, c2) => {
      const [small, large] = c1 <= c2 ? [c1, c2] : [c2, c1];
      expect(instancesToResolve(b, w, a, small)).toBe(Math.min(small, instancesToResolve(b, w, a, large)));
    },
  );

  it('F3: instancesToResolve returns the cap when even the cap cannot resolve the test', () => {
    const [b, w, a, c] = [0.02, 0.5, 2.5e-4, 1000];
    expect(plannedDeviation(c, b, w, a)).toBeGreaterThan(b / 2);
    expect(instancesToResolve(b, w, a, c)).toBe(c);
  });

  it("F3: instancesToResolve plans the quick run's cells (α = 1e-3/4, cap 1600) as the reference report did", () => {
    const cells: [bound: number, k: number, instances: number][] = [
      [0.1436144025377162, 2, 218],
      [0.05550026389635843, 2, 1372],
      [0.2772288050754324, 3, 104],
      [0.10100052779271686, 3, 784],
    ];
    for (const [b, k, instances] of cells) expect(instancesToResolve(b, 1 - 1 / k, 2.5e-4, 1600)).toBe(instances);
  });
});
