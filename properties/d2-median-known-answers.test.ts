import {
  bootstrapLogLogSlope,
  logLogSlopeOrUndefined,
  pairedMeansLogLogSlope,
  percentile,
  resampleCounts,
  weightedMean,
} from '../bounds/bootstrap-slope';
import { d2ErrorTrend, d2SlopeInterval } from '../bounds/d2-error-trend';
import { compareMedians, hasBlock, median, type SeedLosses } from '../bounds/median-dominance';
import { float32PredictionMargin, softmaxApproximatorSupError } from '../bounds/softmax-sup-error';
import { Rng } from '../theory/rng';

// Known answers for claim D2's paired median comparisons, error trend, bootstrap slope and
// sup-error bound (bounds/median-dominance.ts, d2-error-trend.ts, bootstrap-slope.ts,
// softmax-sup-error.ts), worked by hand.

const seed = (values: number[], bound = 1): SeedLosses => ({ values: Float64Array.from(values), bound });
const constant = (value: number, points: number, bound = 1): SeedLosses => seed(new Array<number>(points).fill(value), bound);

describe('D2: blocks of seeds and medians', () => {
  it('D2: an h × h block (h = (R + 1)/2) needs h rows each holding on all h columns', () => {
    // 3 × 3: h = 2. Rows 0, 1 hold on columns 1, 2.
    expect(hasBlock(3, 3, (a, b) => a <= 1 && b >= 1)).toBe(true);
    // Only row 0 holds everywhere: 1 row < 2.
    expect(hasBlock(3, 3, (a) => a === 0)).toBe(false);
    // Every row holds, but on column 0 only: no 2 columns.
    expect(hasBlock(3, 3, (_, b) => b === 0)).toBe(false);
    // The only block is columns {0, 2}.
    expect(hasBlock(3, 3, (a, b) => a >= 1 && b !== 1)).toBe(true);
    // 5 seeds: h = 3, the only block is columns {1, 3, 4} and rows {0, 2, 4}.
    expect(hasBlock(5, 5, (a, b) => a % 2 === 0 && [1, 3, 4].includes(b))).toBe(true);
    expect(hasBlock(5, 5, (a, b) => a % 2 === 0 && [1, 3].includes(b))).toBe(false);
    expect(hasBlock(5, 5, (a, b) => a <= 1 && [1, 3, 4].includes(b))).toBe(false);
    // Unequal sides: 3 rows (h = 2) against 1 column (h = 1).
    expect(hasBlock(3, 1, (a) => a >= 1)).toBe(true);
    expect(hasBlock(3, 1, (a) => a === 2)).toBe(false);
    expect(hasBlock(1, 1, () => true)).toBe(true);
    expect(hasBlock(1, 1, () => false)).toBe(false);
    expect(hasBlock(1, 3, (_, b) => b !== 2)).toBe(true);
  });

  it('D2: the median of an odd list, sorted as numbers', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5, 1, 4, 2, 3])).toBe(3);
    expect(median([10, 9, 1])).toBe(9);
    expect(median([7])).toBe(7);
    expect(() => median([1, 2])).toThrow('values length must be odd, got 2');
  });
});

describe('D2: paired comparison of medians', () => {
  it('D2: pairs in order (a, b) with a·R_B + b, each band on ℓ_a − c·ℓ_b with range bound_a + c·bound_b', () => {
    const first = [constant(0.4, 50), constant(0.5, 50), constant(0.6, 50)];
    const second = [constant(0.1, 50, 0.5)];
    const result = compareMedians(first, second, 2, 0.01);
    expect(result.factor).toBe(2);
    expect(result.pairs.map((p) => [p.a, p.b])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    result.pairs.forEach((p, a) => expect(p.mean).toBeCloseTo([0.2, 0.3, 0.4][a]!, 14));
    // Zero spread: slack = min(Hoeffding, 7·range·ln(4/α)/(3(R − 1))) with range 1 + 2·0.5 = 2.
    const L = Math.log(4 / 0.01);
    const expected = Math.min(2 * Math.sqrt(Math.log(2 / 0.01) / 100), (7 * 2 * L) / (3 * 49));
    for (const p of result.pairs) expect(p.slack).toBeCloseTo(expected, 14);
    // The slack (≈ 0.46 at 50 points) exceeds every mean: nothing is certified either way.
    expect(expected).toBeGreaterThan(0.4);
    expect(result.above).toBe(false);
    expect(result.below).toBe(false);
  });

  it('D2: above needs mean − slack > 0 on a block, below mean + slack < 0', () => {
    const points = 400;
    const high = [constant(0.5, points), constant(0.6, points), constant(0.55, points)];
    const low = [constant(0.1, points), constant(0.2, points), constant(0.15, points)];
    const up = compareMedians(high, low, 1, 0.01);
    expect(up.above).toBe(true);
    expect(up.below).toBe(false);
    const down = compareMedians(low, high, 1, 0.01);
    expect(down.above).toBe(false);
    expect(down.below).toBe(true);
    const same = compareMedians(low, low, 1, 0.01);
    expect(same.above).toBe(false);
    expect(same.below).toBe(false);
    // The factor scales the second: 0.1-ish against 0.25·(0.5-ish) is a tie within the slack.
    const scaled = compareMedians(low, high, 0.25, 0.01);
    expect(scaled.below).toBe(false);
  });

  it('D2: bad input names the parameter and the value', () => {
    const three = [constant(0.1, 4), constant(0.2, 4), constant(0.3, 4)];
    expect(() => compareMedians(three, three, 1, 0)).toThrow('sideAlpha must be a probability in (0, 1), got 0');
    expect(() => compareMedians(three, three, 0, 0.1)).toThrow('factor must be positive, got 0');
    expect(() => compareMedians(three.slice(0, 2), three, 1, 0.1)).toThrow('first length must be odd (a median of seeds), got 2');
    expect(() => compareMedians(three, three.slice(0, 2), 1, 0.1)).toThrow('second length must be odd (a median of seeds), got 2');
    expect(() => compareMedians(three, [constant(0.1, 3)], 1, 0.1)).toThrow('values length must be 4 (shared points), got 3');
  });
});

describe('D2: the error trend over M', () => {
  const points = 2000;
  const group = (value: number) => [constant(value * 0.9, points), constant(value, points), constant(value * 1.1, points)];

  it('D2: a falling error that halves: no rise, halving certified, Bonferroni over (m + 1)·R² bounds', () => {
    const trend = d2ErrorTrend([1, 2, 4], [group(0.5), group(0.2), group(0.01)], 0.5, 0.05);
    expect(trend.boundsUsed).toBe(4 * 9);
    expect(trend.sideAlpha).toBeCloseTo(0.05 / 36, 16);
    expect(trend.medianRmse.map((r) => r ** 2)).toEqual([0.5, 0.2, 0.01].map((v) => expect.closeTo(v, 12)));
    expect(trend.rises).toEqual([]);
    expect(trend.halvingFrom).toBe(1);
    expect(trend.halving.factor).toBe(0.25);
    expect(trend.halves).toBe(true);
    expect(trend.violated).toBe(false);
    expect(trend.steps).toHaveLength(2);
    expect(trend.steps.every((s) => s.below && !s.above)).toBe(true);
  });

  it('D2: a rise at step 1 → 2 is flagged and violates; halving is measured from the first M ≥ 2', () => {
    const trend = d2ErrorTrend([1, 2, 4, 8], [group(0.5), group(0.2), group(0.3), group(0.01)], 0.5, 0.05);
    expect(trend.rises).toEqual([1]);
    expect(trend.violated).toBe(true);
    expect(trend.halvingFrom).toBe(1);
    expect(trend.boundsUsed).toBe(5 * 9);
    const fromTwo = d2ErrorTrend([2, 3, 4], [group(0.5), group(0.4), group(0.3)], 0.5, 0.05);
    expect(fromTwo.halvingFrom).toBe(0);
    // 0.3 against 0.25·0.5 = 0.125: the halving is refuted, which violates.
    expect(fromTwo.halving.above).toBe(true);
    expect(fromTwo.halves).toBe(false);
    expect(fromTwo.rises).toEqual([]);
    expect(fromTwo.violated).toBe(true);
  });

  it('D2: bad heads and losses name the value', () => {
    const g = group(0.1);
    expect(() => d2ErrorTrend([1, 2], [g], 0.5, 0.05)).toThrow('losses length must be equal to the heads length (2), got 1');
    expect(() => d2ErrorTrend([2, 2, 4], [g, g, g], 0.5, 0.05)).toThrow('heads must be increasing, got [2,2,4]');
    expect(() => d2ErrorTrend([4, 2, 8], [g, g, g], 0.5, 0.05)).toThrow('heads must be increasing, got [4,2,8]');
    expect(() => d2ErrorTrend([1, 2], [g, g], 0.5, 0.05)).toThrow('heads must be two or more values ≥ 2, got [1,2]');
    expect(() => d2ErrorTrend([1], [g], 0.5, 0.05)).toThrow('heads must be two or more values ≥ 2, got [1]');
  });

  it('D2: the slope of the median RMSE over M ≥ 2: loss ∝ 1/M gives −1/2, and zero spread gives a point interval', () => {
    const heads = [1, 2, 4, 8];
    const losses = heads.map((m) => [constant(0.9 / m, 20), constant(1 / m, 20), constant(1.1 / m, 20)]);
    const slope = d2SlopeInterval(heads, losses, { replicates: 20, level: 0.9, rng: new Rng(7) });
    expect(slope.xs).toEqual([2, 4, 8]);
    expect(slope.ys.map((y) => y ** 2)).toEqual([0.5, 0.25, 0.125].map((v) => expect.closeTo(v, 14)));
    expect(slope.estimate).toBeCloseTo(-0.5, 14);
    expect(slope.undefinedReplicates).toBe(0);
    // Each resample draws seeds 0.9, 1, 1.1 (×1/M) with replacement: the slope stays −1/2 only if the
    // same seed index is drawn at every M, so the interval brackets −1/2.
    expect(slope.interval![0]).toBeLessThanOrEqual(-0.5 + 1e-12);
    expect(slope.interval![1]).toBeGreaterThanOrEqual(-0.5 - 1e-12);
    const same = heads.map((m) => [constant(1 / m, 20)]);
    const point = d2SlopeInterval(heads, same, { replicates: 10, level: 0.9, rng: new Rng(7) });
    expect(point.interval![0]).toBeCloseTo(-0.5, 14);
    expect(point.interval![1]).toBeCloseTo(-0.5, 14);
    expect(() => d2SlopeInterval([1], [same[0]!], { replicates: 10, level: 0.9, rng: new Rng(7) })).toThrow(
      'heads must be some M ≥ 2, got [1]',
    );
  });
});

describe('D2: bootstrap pieces', () => {
  it('D2: percentile is the ⌈p·B⌉-th smallest, clamped to [1, B]', () => {
    const sorted = [1, 2, 3, 4];
    expect(percentile(sorted, 0.5)).toBe(2);
    expect(percentile(sorted, 0.51)).toBe(3);
    expect(percentile(sorted, 0.25)).toBe(1);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 1)).toBe(4);
    expect(percentile(sorted, 1.5)).toBe(4);
    expect(() => percentile([], 0.5)).toThrow('sorted length must be at least 1, got 0');
  });

  it('D2: the log-log slope, undefined for y ≤ 0, non-finite y or a single distinct x', () => {
    expect(logLogSlopeOrUndefined([1, 2, 4], [1, 0.5, 0.25])).toBeCloseTo(-1, 14);
    expect(logLogSlopeOrUndefined([1, 4], [1, 2])).toBeCloseTo(0.5, 14);
    expect(logLogSlopeOrUndefined([1, 2, 4], [1, 0, 0.25])).toBeUndefined();
    expect(logLogSlopeOrUndefined([1, 2, 4], [1, -1, 0.25])).toBeUndefined();
    expect(logLogSlopeOrUndefined([1, 2, 4], [1, Number.POSITIVE_INFINITY, 0.25])).toBeUndefined();
    expect(logLogSlopeOrUndefined([2, 2], [1, 2])).toBeUndefined();
  });

  it('D2: a bootstrap whose resamples equal the sample gives the point interval; undefined resamples void it', () => {
    const xs = [1, 2, 4];
    const ys = [1, 0.5, 0.25];
    const fixed = bootstrapLogLogSlope(xs, ys, () => ys, { replicates: 5, level: 0.9, rng: new Rng(1) });
    expect(fixed.estimate).toBeCloseTo(-1, 14);
    expect(fixed.interval![0]).toBeCloseTo(-1, 14);
    expect(fixed.interval![1]).toBeCloseTo(-1, 14);
    expect(fixed).toMatchObject({ xs, ys, level: 0.9, replicates: 5, undefinedReplicates: 0 });
    let calls = 0;
    const someZero = bootstrapLogLogSlope(xs, ys, () => (calls++ === 2 ? [1, 0, 1] : ys), { replicates: 5, level: 0.9, rng: new Rng(1) });
    expect(someZero.undefinedReplicates).toBe(1);
    expect(someZero.interval).toBeUndefined();
    const badSample = bootstrapLogLogSlope(xs, [1, 0, 1], () => ys, { replicates: 3, level: 0.9, rng: new Rng(1) });
    expect(badSample.estimate).toBeUndefined();
    expect(badSample.interval).toBeUndefined();
  });

  it('D2: the interval takes the (1 ∓ level)/2 order statistics of the resampled slopes', () => {
    // Replicate r gets slope −r/10 (ys = x^{−r/10}); 10 replicates, level 0.8: ranks ⌈1⌉ = 1 and ⌈9⌉ = 9.
    const xs = [1, 2];
    let r = 0;
    const result = bootstrapLogLogSlope(
      xs,
      [1, 0.5],
      () => {
        const slope = -(r++ % 10) / 10;
        return [1, 2 ** slope];
      },
      { replicates: 10, level: 0.8, rng: new Rng(1) },
    );
    expect(result.interval![0]).toBeCloseTo(-0.9, 14);
    expect(result.interval![1]).toBeCloseTo(-0.1, 14);
  });

  it('D2: bootstrap input checks name the value', () => {
    const opts = { replicates: 5, level: 0.9, rng: new Rng(1) };
    expect(() => bootstrapLogLogSlope([1, 2], [1, 1], () => [1, 1], { ...opts, replicates: 1 })).toThrow(
      'replicates must be an integer >= 2, got 1',
    );
    expect(() => bootstrapLogLogSlope([1, 2], [1, 1], () => [1, 1], { ...opts, level: 1 })).toThrow(
      'level must be a probability in (0, 1), got 1',
    );
    expect(() => bootstrapLogLogSlope([1, 2], [1], () => [1, 1], opts)).toThrow('sample length must be equal to the xs length (2), got 1');
    expect(() => bootstrapLogLogSlope([1, 2], [1, 1], () => [1], opts)).toThrow(
      'replicate length must be equal to the xs length (2), got 1',
    );
  });

  it('D2: resample counts add up to the units; the weighted mean uses them', () => {
    const counts = resampleCounts(50, new Rng(3));
    expect(counts).toHaveLength(50);
    expect(counts.reduce((s, c) => s + c, 0)).toBe(50);
    expect(new Set(counts).size).toBeGreaterThan(1);
    expect(() => resampleCounts(0, new Rng(3))).toThrow('units must be an integer >= 1, got 0');
    expect(weightedMean([1, 2, 3], Uint32Array.from([0, 2, 1]))).toBeCloseTo(7 / 3, 15);
    expect(weightedMean([5, Number.NaN], Uint32Array.from([1, 0]))).toBe(5);
    expect(() => weightedMean([1, 2], Uint32Array.from([1]))).toThrow('values length must be equal to the counts length (1), got 2');
  });

  it('D2: paired means: y_i is the mean over instances at x_i, and equal instances give a point interval', () => {
    const values = [
      [1, 1, 1],
      [0.5, 0.5, 0.5],
      [0.25, 0.25, 0.25],
    ];
    const result = pairedMeansLogLogSlope([1, 2, 4], values, { replicates: 5, level: 0.9, rng: new Rng(2) });
    expect(result.ys).toEqual([1, 0.5, 0.25]);
    expect(result.interval![0]).toBeCloseTo(-1, 14);
    expect(result.interval![1]).toBeCloseTo(-1, 14);
    expect(() => pairedMeansLogLogSlope([1, 2], values, { replicates: 5, level: 0.9, rng: new Rng(2) })).toThrow(
      'values length must be equal to the xs length (2), got 3',
    );
    expect(() => pairedMeansLogLogSlope([1, 2], [[1, 2], [1]], { replicates: 5, level: 0.9, rng: new Rng(2) })).toThrow(
      "values[1] length must be equal to values[0]'s (2), got 1",
    );
  });
});

describe('D2: sup-error bound of a softmax approximator', () => {
  const identity = (lo: readonly number[], hi: readonly number[]) => [lo[0]!, hi[0]!] as const;

  it('D2: one anchor is a constant v: the bound on [0, 1] for f(x) = x is max(v, 1 − v)', () => {
    const p = { anchors: [0.3], values: [0.5], betas: [2], dimension: 1 };
    expect(softmaxApproximatorSupError(p, { lower: 0, upper: 1 }, identity, 1)).toBe(0.5);
    expect(softmaxApproximatorSupError(p, { lower: 0, upper: 1 }, identity, 4)).toBe(0.5);
    expect(softmaxApproximatorSupError({ ...p, values: [0.2] }, { lower: 0, upper: 1 }, identity, 3)).toBeCloseTo(0.8, 15);
  });

  it('D2: anchors 0 and 1 with values 0 and 1, β = 1, one cell: 1/(1 + e⁻¹) (by hand)', () => {
    const p = { anchors: [0, 1], values: [0, 1], betas: [1, 1], dimension: 1 };
    expect(softmaxApproximatorSupError(p, { lower: 0, upper: 1 }, identity, 1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    // Values listed in the other order: the same bound.
    const q = { anchors: [1, 0], values: [1, 0], betas: [1, 1], dimension: 1 };
    expect(softmaxApproximatorSupError(q, { lower: 0, upper: 1 }, identity, 1)).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
  });

  it('D2: tightness: with many cells the bound approaches the sup error sampled on a fine grid', () => {
    const p = { anchors: [-0.5, 0, 0.5], values: [0.25, 0, 0.25], betas: [8, 8, 8], dimension: 1 };
    const square = (lo: readonly number[], hi: readonly number[]) => {
      const l = lo[0]!;
      const h = hi[0]!;
      const top = Math.max(l * l, h * h);
      const bottom = l <= 0 && h >= 0 ? 0 : Math.min(l * l, h * h);
      return [bottom, top] as const;
    };
    const surrogate = (x: number) => {
      const w = p.anchors.map((a) => Math.exp(-8 * (x - a) ** 2));
      return w.reduce((s, wi, i) => s + wi * p.values[i]!, 0) / w.reduce((s, wi) => s + wi, 0);
    };
    let sampled = 0;
    for (let i = 0; i <= 4000; i++) {
      const x = -1 + i / 2000;
      sampled = Math.max(sampled, Math.abs(surrogate(x) - x * x));
    }
    const bound = softmaxApproximatorSupError(p, { lower: -1, upper: 1 }, square, 2000);
    expect(bound).toBeGreaterThanOrEqual(sampled);
    expect(bound).toBeLessThan(sampled * 1.01);
    const coarse = softmaxApproximatorSupError(p, { lower: -1, upper: 1 }, square, 20);
    expect(coarse).toBeGreaterThan(bound);
  });

  it('D2: two dimensions: a cell grid per axis, the last cell ending at the box’s upper end', () => {
    const p = { anchors: [0, 0], values: [0.5], betas: [1], dimension: 2 };
    const sum = (lo: readonly number[], hi: readonly number[]) => [lo[0]! + lo[1]!, hi[0]! + hi[1]!] as const;
    // f(x) = x₁ + x₂ on [0, 1]²: ranges [0, 2]; the constant 0.5 is off by at most 1.5.
    expect(softmaxApproximatorSupError(p, { lower: 0, upper: 1 }, sum, 3)).toBeCloseTo(1.5, 14);
    const cells: number[][] = [];
    softmaxApproximatorSupError(
      p,
      { lower: 0, upper: 0.3 },
      (lo, hi) => {
        cells.push([...lo, ...hi]);
        return [0, 0];
      },
      3,
    );
    expect(cells).toHaveLength(9);
    expect(cells[0]!.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 0, 0.1, 0.1]);
    expect(cells[1]!.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.1, 0, 0.2, 0.1]);
    expect(cells[3]!.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 0.1, 0.1, 0.2]);
    expect(cells[8]![2]).toBe(0.3);
    expect(cells[8]![3]).toBe(0.3);
  });

  it('D2: a huge β underflows every lower weight to 0: the ratio range is then [min v, max v] of the cell', () => {
    // Anchors 0 and 1, β = 10⁴, one cell [0, 1]: a_m = e^{−10⁴} = 0, b_m = 1, so f̃ ranges over [0, 1]
    // and |f̃ − x| ≤ 1.
    const p = { anchors: [0, 1], values: [0, 1], betas: [1e4, 1e4], dimension: 1 };
    expect(softmaxApproximatorSupError(p, { lower: 0, upper: 1 }, identity, 1)).toBe(1);
    // Two cells: on [0, ½] anchor 1's weight lies in [e^{−10⁴}, e^{−2500}] = [0, 0] after underflow, so
    // it adds nothing (no 0/0) and f̃ = 0 there, ½ off x at most; the same on [½, 1].
    expect(softmaxApproximatorSupError(p, { lower: 0, upper: 1 }, identity, 2)).toBe(0.5);
  });

  it('D2: the parameters must fit M × d', () => {
    const p = { anchors: [0, 1, 2], values: [0, 1], betas: [1, 1], dimension: 1 };
    expect(() => softmaxApproximatorSupError(p, { lower: 0, upper: 1 }, identity, 2)).toThrow(
      'parameters must be M × d and M entries (M = 2), got {"anchors":3,"betas":2}',
    );
    expect(() => softmaxApproximatorSupError({ ...p, anchors: [0, 1], betas: [1] }, { lower: 0, upper: 1 }, identity, 2)).toThrow(
      'got {"anchors":2,"betas":1}',
    );
    expect(() => softmaxApproximatorSupError({ ...p, anchors: [0, 1] }, { lower: 0, upper: 1 }, identity, 0)).toThrow(
      'cellsPerAxis must be an integer >= 1, got 0',
    );
  });

  it('D2: float32 prediction margin: (e^{2η} − 1)(max v − min v) + (M + 4)·u·max|v| (by hand)', () => {
    const u = 2 ** -24;
    // One anchor: no spread; (1 + 4)·u·2.
    expect(float32PredictionMargin({ anchors: [0.5], values: [2], betas: [1], dimension: 1 }, { lower: -1, upper: 1 })).toBe(10 * u);
    // Two anchors 0 and 1, β = 2 and 0.5, box [−2, 1]: ‖x‖ ≤ 2; η = max(2·3·4u·2², 0.5·3·4u·3²) = 96u.
    const margin = float32PredictionMargin({ anchors: [0, 1], values: [1, -3], betas: [2, 0.5], dimension: 1 }, { lower: -2, upper: 1 });
    expect(margin).toBeCloseTo(Math.expm1(192 * u) * 4 + 6 * u * 3, 20);
    expect(margin / u).toBeCloseTo(192 * 4 + 18, 1);
    // Two dimensions: ‖x‖ ≤ √2·1, anchor (1, 1) of norm √2: η = 1·4·4u·(2√2)² = 128u.
    const two = float32PredictionMargin({ anchors: [1, 1], values: [-1], betas: [1], dimension: 2 }, { lower: -1, upper: 0.5 });
    expect(two).toBe(5 * u);
    const spread = float32PredictionMargin(
      { anchors: [1, 1, 0, 0], values: [-1, 1], betas: [1, 1], dimension: 2 },
      { lower: -1, upper: 0.5 },
    );
    expect(spread / u).toBeCloseTo(256 * 2 + 6, 0);
  });
});
