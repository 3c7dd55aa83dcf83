import fc from 'fast-check';
import { d2ErrorTrend, d2SlopeInterval } from '../bounds/d2-error-trend';
import type { SeedLosses } from '../bounds/median-dominance';
import { Rng } from '../theory/rng';

/** bounds/d2-error-trend.ts: claim D2's judgement of error against M (median of seeds, paired bands) and its slope interval. */

const HEADS = [1, 2, 4, 8, 16, 32];
const SEEDS = 3;
const POINTS = 5000;

/** A seed whose per-point squared errors have mean rmse² (values rmse²·(1 ± 0.5), bound 2·rmse²). */
function seedAt(rmse: number, points = POINTS): SeedLosses {
  const level = rmse * rmse;
  return { values: Float64Array.from({ length: points }, (_, j) => level * (j % 2 === 0 ? 0.5 : 1.5)), bound: 2 * level };
}

const seeds = (rmse: number): SeedLosses[] => Array.from({ length: SEEDS }, () => seedAt(rmse));

describe('D2: the judgement of error against M', () => {
  test('D2: an error c·M^(−p) with p ≥ 0.5 neither rises nor fails to halve: it halves, with median RMSE c·M^(−p)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.double({ min: 0.5, max: 2, noNaN: true }), (c, p) => {
        const rmse = HEADS.map((m) => c * m ** -p);
        const trend = d2ErrorTrend(HEADS, rmse.map(seeds), 0.5, 0.05);
        trend.medianRmse.forEach((r, i) => expect(r).toBeCloseTo(rmse[i]!, 12));
        expect(trend.rises).toEqual([]);
        expect(trend.halvingFrom).toBe(1);
        expect(trend.halves).toBe(true);
        expect(trend.violated).toBe(false);
        expect(trend.boundsUsed).toBe((HEADS.length + 1) * SEEDS * SEEDS);
        expect(trend.sideAlpha).toBeCloseTo(0.05 / trend.boundsUsed, 15);
      }),
      { numRuns: 8 },
    );
  });

  test('D2: a rising error is violated, at the step where it rises', () => {
    const rmse = [0.5, 0.3, 0.1, 0.05, 0.2, 0.02];
    const trend = d2ErrorTrend(HEADS, rmse.map(seeds), 0.5, 0.05);
    expect(trend.rises).toEqual([3]);
    expect(trend.violated).toBe(true);
  });

  test('D2: a flat error is violated (halving refuted), not merely unresolved', () => {
    const trend = d2ErrorTrend(
      HEADS,
      HEADS.map(() => seeds(0.1)),
      0.5,
      0.05,
    );
    expect(trend.rises).toEqual([]);
    expect(trend.halving.above).toBe(true);
    expect(trend.violated).toBe(true);
    expect(trend.halves).toBe(false);
  });

  test('D2: non-monotone curves that end low are caught by the consecutive steps', () => {
    // falls steeply, then rises in the middle, ends well below where it started
    const trend = d2ErrorTrend(HEADS, [1, 0.1, 0.3, 0.05, 0.03, 0.01].map(seeds), 0.5, 0.05);
    expect(trend.halves).toBe(true);
    expect(trend.rises).toEqual([1]);
    expect(trend.violated).toBe(true);
  });

  test('D2: one bad seed per M does not make a rise (the median), two do', () => {
    const oneBad = HEADS.map((m) => [seedAt(0.5 / m), seedAt(0.5 / m), seedAt(m === 16 ? 3 : 0.5 / m)]);
    expect(d2ErrorTrend(HEADS, oneBad, 0.5, 0.05).rises).toEqual([]);
    const twoBad = HEADS.map((m) => [seedAt(0.5 / m), seedAt(m === 16 ? 3 : 0.5 / m), seedAt(m === 16 ? 3 : 0.5 / m)]);
    expect(d2ErrorTrend(HEADS, twoBad, 0.5, 0.05).rises).toEqual([3]);
  });

  test('D2: with few points a small halving is unresolved (inconclusive), not certified', () => {
    const rmse = HEADS.map((m) => 0.1 * (m === 1 ? 1 : m / 2) ** -0.3);
    const trend = d2ErrorTrend(
      HEADS,
      rmse.map((r) => Array.from({ length: SEEDS }, () => seedAt(r, 50))),
      0.5,
      0.05,
    );
    expect(trend.halves).toBe(false);
    expect(trend.violated).toBe(false);
  });

  test('D2: slope interval, known answer: noise-free power law c·M^(−p) over M ≥ 2 gives [−p, −p]', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-2, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 2, noNaN: true }), (c, p) => {
        const losses = HEADS.map((m) =>
          Array.from({ length: SEEDS }, () => seedAt(c * m ** -p, 64)).map((s) => ({
            ...s,
            values: Float64Array.from(s.values, () => (c * m ** -p) ** 2),
          })),
        );
        const slope = d2SlopeInterval(HEADS, losses, { replicates: 30, level: 0.95, rng: new Rng(1) });
        expect(slope.xs).toEqual(HEADS.slice(1));
        expect(slope.estimate).toBeCloseTo(-p, 9);
        expect(slope.interval![0]).toBeCloseTo(-p, 9);
        expect(slope.interval![1]).toBeCloseTo(-p, 9);
      }),
      { numRuns: 8 },
    );
  });

  test('D2: the slope interval spreads over the seeds: an outlying seed widens it, the estimate stays the median fit', () => {
    const clean = HEADS.map((m) => seeds(0.5 / m));
    const spread = HEADS.map((m) => [seedAt(0.5 / m), seedAt(0.5 / m), seedAt(m === 32 ? 0.5 : 0.5 / m)]);
    const options = { replicates: 200, level: 0.95, rng: new Rng(2) };
    const a = d2SlopeInterval(HEADS, clean, options);
    const b = d2SlopeInterval(HEADS, spread, options);
    expect(b.estimate).toBeCloseTo(a.estimate!, 9);
    expect(b.interval![1] - b.interval![0]).toBeGreaterThan(a.interval![1] - a.interval![0]);
  });
});
