import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { meanSlack } from '../bounds/training-slack';
import { trendRises } from '../reports/claims/kit/trend-rises';

/**
 * reports/claims/kit/trend-rises.ts: the "error does not rise" trend over marginal bands (claim F3,
 * consecutive n), a Bonferroni share of the family-wise α per one-sided bound (CLAIMS.md §4). Claim
 * F4 evaluates every N on the same instances and uses the paired kit/paired-trend.ts instead.
 */

const RANGE = 2 / 3;
/** 2 to 6 points of 2 to 40 per-instance rates in [0, 2/3]. */
const points = fc.array(fc.array(fc.double({ min: 0, max: RANGE, noNaN: true }), { minLength: 2, maxLength: 40 }), {
  minLength: 2,
  maxLength: 6,
});
const alpha = fc.double({ min: 1e-4, max: 0.2, noNaN: true });
const values = (p: readonly number[]) => p;

describe('trendRises (F3)', () => {
  test.prop([points, alpha])('trendRises splits α over the 2(m − 1) one-sided bounds and counts the compared pairs', (ps, a) => {
    const m = ps.length;
    const all = trendRises(ps, values, RANGE, a, 'all');
    const consecutive = trendRises(ps, values, RANGE, a, 'consecutive');
    for (const t of [all, consecutive]) {
      expect(t.boundsUsed).toBe(2 * (m - 1));
      expect(t.sideAlpha).toBeCloseTo(a / (2 * (m - 1)), 15);
    }
    expect(all.comparedPairs).toBe((m * (m - 1)) / 2);
    expect(consecutive.comparedPairs).toBe(m - 1);
  });

  test.prop([points, alpha])(
    'trendRises flags exactly the pairs whose later lower bound lies above the earlier upper bound; consecutive ones are among them',
    (ps, a) => {
      const all = trendRises(ps, values, RANGE, a, 'all');
      const bands = ps.map((p) => meanSlack(p, all.sideAlpha, RANGE));
      const expected: [number, number][] = [];
      ps.forEach((_, i) =>
        ps.forEach((__, j) => {
          if (j > i && bands[j]!.mean - bands[j]!.slack > bands[i]!.mean + bands[i]!.slack) expected.push([i, j]);
        }),
      );
      expect(all.rises.map((r) => [ps.indexOf(r.earlier), ps.indexOf(r.later)])).toEqual(expected);
      const consecutive = trendRises(ps, values, RANGE, a, 'consecutive');
      expect(consecutive.rises.map((r) => [ps.indexOf(r.earlier), ps.indexOf(r.later)])).toEqual(expected.filter(([i, j]) => j === i + 1));
    },
  );

  test.prop([fc.integer({ min: 2, max: 6 }), fc.double({ min: 0, max: RANGE, noNaN: true }), alpha])(
    'trendRises flags nothing when every point has the same values',
    (m, rate, a) => {
      const same = Array.from({ length: m }, () => Array.from({ length: 50 }, (_, j) => (j % 2 === 0 ? rate : RANGE - rate)));
      expect(trendRises(same, values, RANGE, a, 'all').rises).toEqual([]);
    },
  );

  it('trendRises flags an error that jumps from 0 to the whole range, and not the reverse', () => {
    const low = new Array<number>(200).fill(0);
    const high = new Array<number>(200).fill(RANGE);
    const rising = trendRises([low, high], values, RANGE, 0.05, 'all');
    expect(rising.rises.map((r) => [r.earlier, r.later])).toEqual([[low, high]]);
    expect(trendRises([high, low], values, RANGE, 0.05, 'all').rises).toEqual([]);
  });
});
