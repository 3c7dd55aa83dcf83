import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { bootstrapLogLogSlope, pairedMeansLogLogSlope, percentile, resampleCounts, weightedMean } from '../bounds/bootstrap-slope';
import { Rng } from '../theory/rng';
import { logLogSlope } from '../theory/sample-statistics';

/**
 * bounds/bootstrap-slope.ts: the percentile-bootstrap interval of a log-log slope (claims D2, F4),
 * by known answers on noise-free data and by its coverage of a known slope.
 */

const XS = [64, 256, 1024, 4096];

/** values[i][j] = c·x_i^p·u_ij: instance j's value at x_i, E[u] = 1, so the mean at x_i has expectation c·x_i^p exactly. */
function powerLawValues(xs: readonly number[], c: number, p: number, instances: number, rng: Rng): number[][] {
  const shared = Array.from({ length: instances }, () => rng.normal());
  return xs.map((x) => shared.map((z) => c * x ** p * Math.exp(0.4 * z + 0.3 * rng.normal() - (0.16 + 0.09) / 2)));
}

/** log P(Bin(n, q) ≤ k) ≤ −n·KL(k/n ‖ q) for k/n < q (Chernoff). */
function chernoffLowerTail(n: number, k: number, q: number): number {
  const a = k / n;
  const kl = a * Math.log(a / q) + (1 - a) * Math.log((1 - a) / (1 - q));
  return Math.exp(-n * kl);
}

describe('bootstrap interval of a log-log slope', () => {
  test.prop([
    fc.double({ min: 1e-3, max: 10, noNaN: true }),
    fc.double({ min: -2, max: 2, noNaN: true }),
    fc.integer({ min: 0, max: 1000 }),
  ])('known answer: on noise-free power-law data c·x^p every resample gives slope p, so the interval is [p, p]', (c, p, seed) => {
    const values = XS.map((x) => new Array<number>(30).fill(c * x ** p));
    const b = pairedMeansLogLogSlope(XS, values, { replicates: 50, level: 0.9, rng: new Rng(seed) });
    expect(b.estimate).toBeCloseTo(p, 9);
    expect(b.interval![0]).toBeCloseTo(p, 9);
    expect(b.interval![1]).toBeCloseTo(p, 9);
    expect(b.undefinedReplicates).toBe(0);
    expect(b.xs).toEqual(XS);
  });

  it('percentile picks the ⌈p·B⌉-th smallest value', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 0.05)).toBe(1);
    expect(percentile(sorted, 0.5)).toBe(5);
    expect(percentile(sorted, 0.95)).toBe(10);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it('resampleCounts draws as many units as there are, and weightedMean with all counts 1 is the mean', () => {
    const counts = resampleCounts(100, new Rng(3));
    expect(counts.reduce((s, c) => s + c, 0)).toBe(100);
    expect(weightedMean([1, 2, 3, 6], new Uint32Array([1, 1, 1, 1]))).toBe(3);
    expect(weightedMean([1, 2, 3, 6], new Uint32Array([0, 2, 0, 1]))).toBeCloseTo(10 / 3, 12);
  });

  it('is deterministic in the rng and independent of the replicate order', () => {
    const values = powerLawValues(XS, 0.2, -0.5, 100, new Rng(11));
    const a = pairedMeansLogLogSlope(XS, values, { replicates: 200, level: 0.95, rng: new Rng(5) });
    const b = pairedMeansLogLogSlope(XS, values, { replicates: 200, level: 0.95, rng: new Rng(5) });
    expect(a).toEqual(b);
  });

  it('reports the fit undefined, with no x dropped, when a mean is ≤ 0; and the interval undefined when some resample is', () => {
    const sample = bootstrapLogLogSlope(XS, [0.1, 0.05, 0, 0.01], () => [0.1, 0.05, 0.02, 0.01], {
      replicates: 20,
      level: 0.9,
      rng: new Rng(1),
    });
    expect(sample.estimate).toBeUndefined();
    expect(sample.interval).toBeUndefined();
    expect(sample.xs).toEqual(XS);
    let r = 0;
    const resamples = bootstrapLogLogSlope(
      XS,
      [0.1, 0.05, 0.02, 0.01],
      () => (r++ === 3 ? [0.1, -0.01, 0.02, 0.01] : [0.1, 0.05, 0.02, 0.01]),
      {
        replicates: 20,
        level: 0.9,
        rng: new Rng(1),
      },
    );
    expect(resamples.estimate).toBeCloseTo(logLogSlope(XS, [0.1, 0.05, 0.02, 0.01]), 12);
    expect(resamples.undefinedReplicates).toBe(1);
    expect(resamples.interval).toBeUndefined();
    const single = bootstrapLogLogSlope([64], [0.1], () => [0.1], { replicates: 5, level: 0.9, rng: new Rng(1) });
    expect(single.estimate).toBeUndefined();
    expect(single.interval).toBeUndefined();
  });

  const REPETITIONS = 300;
  const LEVEL = 0.9;
  const MIN_COVERED = 240;
  it(`coverage: covers a known slope in ≥ ${MIN_COVERED} of ${REPETITIONS} seeded repetitions at level ${LEVEL} (failure probability ≤ 1e-3 if the true coverage is ≥ 0.88)`, () => {
    expect(chernoffLowerTail(REPETITIONS, MIN_COVERED, 0.88)).toBeLessThan(1e-3);
    const p = -0.5;
    let covered = 0;
    let widths = 0;
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const rng = new Rng(20251129).split(rep);
      const values = powerLawValues(XS, 0.2, p, 150, rng.split(0));
      const b = pairedMeansLogLogSlope(XS, values, { replicates: 200, level: LEVEL, rng: rng.split(1) });
      const [lo, hi] = b.interval!;
      if (lo <= p && p <= hi) covered++;
      widths += hi - lo;
    }
    expect(covered).toBeGreaterThanOrEqual(MIN_COVERED);
    // not trivially wide: the mean width is a small fraction of |p|
    expect(widths / REPETITIONS).toBeLessThan(0.2);
  });
});
