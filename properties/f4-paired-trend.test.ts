import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { meanSlack } from '../bounds/training-slack';
import { pairedDifference } from '../reports/claims/kit/paired-difference';
import { pairedTrend } from '../reports/claims/kit/paired-trend';
import { Rng } from '../theory/rng';

/**
 * reports/claims/kit/paired-trend.ts: claim F4's paired trend (every point on the same instances):
 * consecutive steps and the ends compared through per-instance differences, never marginal bands.
 */

const K = 3;
const R = 1 - 1 / K;
const RANGE = 2 * R;
const values = (p: readonly number[]) => p;

/** 2 to 6 points on the same 2 to 40 instances, rates in [0, r]. */
const points = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 40 }))
  .chain(([m, n]) =>
    fc.array(fc.array(fc.double({ min: 0, max: R, noNaN: true }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }),
  );
const alpha = fc.double({ min: 1e-4, max: 0.2, noNaN: true });

describe('F4: pairedTrend', () => {
  test.prop([points, alpha])('F4: pairedTrend splits α over m + 1 one-sided bounds; steps and ends are paired differences', (ps, a) => {
    const t = pairedTrend(ps, values, RANGE, a);
    expect(t.boundsUsed).toBe(ps.length + 1);
    expect(t.sideAlpha).toBeCloseTo(a / (ps.length + 1), 15);
    expect(t.steps).toHaveLength(ps.length - 1);
    t.steps.forEach((s, i) => {
      expect(s.earlier).toBe(ps[i]);
      expect(s.later).toBe(ps[i + 1]);
      expect(s.difference).toEqual(pairedDifference(ps[i + 1]!, ps[i]!, t.sideAlpha, RANGE));
    });
    expect(t.rises).toEqual(t.steps.filter((s) => s.difference.above));
    expect(t.ends.difference).toEqual(pairedDifference(ps.at(-1)!, ps[0]!, t.sideAlpha, RANGE));
  });

  test.prop([points, alpha])('F4: pairedDifference with a range is meanSlack on the per-instance differences with that range', (ps, a) => {
    const [x, y] = [ps[1]!, ps[0]!];
    const d = pairedDifference(x, y, a, RANGE);
    expect(d.slack).toBe(
      meanSlack(
        x.map((u, j) => u - y[j]!),
        a,
        RANGE,
      ).slack,
    );
  });

  it('F4: a falling paired error is certified below at the ends, with no rise; a rising one is flagged at its step and the ends', () => {
    const rng = new Rng(4);
    const base = Array.from({ length: 2000 }, () => 0.3 * rng.uniform());
    const falling = [base, base.map((v) => Math.max(0, v - 0.05)), base.map((v) => Math.max(0, v - 0.1))];
    const down = pairedTrend(falling, values, RANGE, 0.05);
    expect(down.rises).toEqual([]);
    expect(down.ends.difference.below).toBe(true);
    const rising = [falling[2]!, falling[1]!, base];
    const up = pairedTrend(rising, values, RANGE, 0.05);
    expect(up.rises.map((s) => rising.indexOf(s.later))).toEqual([1, 2]);
    expect(up.ends.difference.above).toBe(true);
  });

  it('F4: pairing resolves what two marginal bands cannot: a shift of 0.01 on noisy shared instances', () => {
    const rng = new Rng(9);
    const base = Array.from({ length: 3000 }, () => 0.5 * rng.uniform());
    const shifted = base.map((v) => v + 0.01);
    const paired = pairedTrend([base, shifted], values, RANGE, 0.05);
    expect(paired.rises).toHaveLength(1);
    const [lo, hi] = [meanSlack(base, paired.sideAlpha, R), meanSlack(shifted, paired.sideAlpha, R)];
    expect(hi.mean - hi.slack > lo.mean + lo.slack).toBe(false);
  });

  test.prop([fc.integer({ min: 2, max: 6 }), fc.double({ min: 0, max: R, noNaN: true }), alpha])(
    'F4: identical points: nothing rises and the ends are neither above nor below',
    (m, rate, a) => {
      const same = Array.from({ length: m }, () => Array.from({ length: 50 }, (_, j) => (j % 2 === 0 ? rate : R - rate)));
      const t = pairedTrend(same, values, RANGE, a);
      expect(t.rises).toEqual([]);
      expect(t.ends.difference.above || t.ends.difference.below).toBe(false);
    },
  );
});
