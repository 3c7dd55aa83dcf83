import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { instancesForSlack, plannedSlack } from '../bounds/instances-to-resolve';
import { meanSlack } from '../bounds/training-slack';
import { initBackend } from '../model/backend';
import { specAt, transformerInitCenters } from '../model/clustering/clustering-task';
import { createClusteringTransformer } from '../model/clustering/clustering-training';
import { parseClusteringExperiment } from '../model/clustering/config';
import { compareFromSameInit } from '../model/clustering/method-comparison';
import { consecutiveRises } from '../reports/claims/kit/consecutive-rises';
import { meanAgainstAllowance } from '../reports/claims/kit/mean-against-allowance';
import { oracleLabels } from '../theory/estep';
import { sampleInstance } from '../theory/mixture';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/*
 * The statistical machinery of claim F3's three parts: the planner of instance counts, the test of
 * a mean against an allowance ((a), (b)), the rise between consecutive means ((c)), and the aligned
 * rates they are fed.
 */

const alpha = fc.double({ min: 1e-6, max: 0.1, noNaN: true });
const width = fc.double({ min: 0.5, max: 3, noNaN: true });

/** `count` values in {mean − s, mean + s} with the given unbiased sample variance (count even). */
function sampleWith(count: number, mean: number, variance: number): number[] {
  const s = Math.sqrt((variance * (count - 1)) / count);
  return Array.from({ length: count }, (_, j) => (j % 2 === 0 ? mean - s : mean + s));
}

/** A Bernoulli(p) sample scaled to {0, scale}, from `rng`. */
function bernoulli(rng: Rng, count: number, p: number, scale = 1): number[] {
  return Array.from({ length: count }, () => (rng.uniform() < p ? scale : 0));
}

describe('F3: instancesForSlack', () => {
  test.prop([
    fc.double({ min: 1e-3, max: 0.5, noNaN: true }),
    width,
    alpha,
    fc.double({ min: 0, max: 0.05, noNaN: true }),
    fc.integer({ min: 16, max: 50_000 }),
  ])('F3: the fewest r ≥ 16 (below the cap) whose planned slack is ≤ the target', (target, range, a, variance, cap) => {
    const r = instancesForSlack(target, range, a, variance, cap);
    expect(r).toBeGreaterThanOrEqual(16);
    expect(r).toBeLessThanOrEqual(cap);
    if (r < cap) expect(plannedSlack(r, range, a, variance)).toBeLessThanOrEqual(target);
    if (r > 16 && r < cap) expect(plannedSlack(r - 1, range, a, variance)).toBeGreaterThan(target);
  });

  test.prop([fc.integer({ min: 8, max: 5000 }).map((h) => 2 * h), width, alpha, fc.double({ min: 0, max: 0.05, noNaN: true })])(
    'F3: the planned slack is meanSlack on a sample with the planned variance',
    (count, range, a, variance) => {
      const { slack } = meanSlack(sampleWith(count, range / 2, variance), a, range);
      expect(slack).toBeCloseTo(plannedSlack(count, range, a, variance), 10);
    },
  );
});

describe('F3: meanAgainstAllowance (parts a, b)', () => {
  test.prop([
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.integer({ min: 2, max: 500 }),
    width,
    alpha,
    fc.double({ min: -1, max: 1, noNaN: true }),
  ])('F3: on a constant sample it compares value ± slack with the allowance', (value, count, range, a, allowance) => {
    const t = meanAgainstAllowance(Array(count).fill(value), a, range, allowance);
    expect(t.mean).toBeCloseTo(value, 12);
    const expected = value - t.slack > allowance ? 'violated' : value + t.slack <= allowance ? 'holds' : 'unresolved';
    expect(t.outcome).toBe(expected);
  });

  test('F3: a mean exactly at the allowance is called violated at most α of the time (binomial test, failure probability 1e-6)', () => {
    const rng = new Rng(testSeed('F3 allowance coverage'));
    const replicates = 400;
    let violated = 0;
    for (let r = 0; r < replicates; r++)
      if (meanAgainstAllowance(bernoulli(rng.split(r), 200, 0.3), 0.05, 1, 0.3).outcome === 'violated') violated++;
    // P(Bin(400, 0.05) ≥ 46) < 1e-6
    expect(violated).toBeLessThan(46);
  });
});

describe('F3: consecutiveRises (part c)', () => {
  test.prop([
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 }),
    alpha,
    fc.double({ min: 0, max: 0.1, noNaN: true }),
  ])('F3: on constant samples the rise is the difference of the values, its interval ± both slacks', (levels, a, tolerance) => {
    const steps = consecutiveRises(levels, (level) => Array(50).fill(level), 1, a, tolerance);
    expect(steps).toHaveLength(levels.length - 1);
    const slack = meanSlack(Array(50).fill(0), a, 1).slack;
    steps.forEach((step, i) => {
      expect(step.rise).toBeCloseTo(levels[i + 1]! - levels[i]!, 12);
      expect(step.lower).toBeCloseTo(step.rise - 2 * slack, 12);
      expect(step.upper).toBeCloseTo(step.rise + 2 * slack, 12);
      expect(step.outcome).toBe(step.lower > tolerance ? 'violated' : step.upper <= tolerance ? 'holds' : 'unresolved');
    });
  });

  test('F3: a rise of exactly the tolerance is called violated at most 2α of the time (binomial test, failure probability 1e-6)', () => {
    const rng = new Rng(testSeed('F3 rise coverage'));
    const replicates = 400;
    let violated = 0;
    for (let r = 0; r < replicates; r++) {
      const stream = rng.split(r);
      const samples = [bernoulli(stream.split(0), 200, 0.2), bernoulli(stream.split(1), 200, 0.25)];
      if (consecutiveRises(samples, (s) => s, 1, 0.025, 0.05)[0]!.outcome === 'violated') violated++;
    }
    // P(Bin(400, 0.05) ≥ 46) < 1e-6
    expect(violated).toBeLessThan(46);
  });

  test('F3: a clear fall resolves to holds, a clear rise to violated', () => {
    const rng = new Rng(testSeed('F3 rise known answers'));
    const falling = [bernoulli(rng.split(0), 2000, 0.3), bernoulli(rng.split(1), 2000, 0.1)];
    expect(consecutiveRises(falling, (s) => s, 1, 1e-3, 0.001)[0]!.outcome).toBe('holds');
    expect(consecutiveRises([...falling].reverse(), (s) => s, 1, 1e-3, 0.001)[0]!.outcome).toBe('violated');
  });
});

describe('F3: aligned and minimised rates from one init', () => {
  beforeAll(async () => {
    await initBackend();
  });

  test.prop([fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 0xffffffff })], { numRuns: 8 })(
    'F3: every minimised rate is at most the aligned one, and the oracle aligned rate counts nearest-center errors in the true order',
    (k, seed) => {
      const config = parseClusteringExperiment({ k, d: 3, n: 24, architecture: { width: 8, heads: 2, layers: 1, hidden: 8 } });
      const model = createClusteringTransformer(config, new Rng(seed));
      try {
        const rng = new Rng(seed).split(1);
        const cases = Array.from({ length: 6 }, (_, j) => {
          const r = rng.split(j);
          const instance = sampleInstance(specAt(config, 3, 24), r);
          return { instance, init: transformerInitCenters('perturbed-truth', instance, 0.3, r)! };
        });
        const errors = compareFromSameInit(model, cases);
        for (const method of ['transformer', 'lloyd', 'em', 'oracle'] as const)
          errors[method].aligned.forEach((aligned, j) => expect(errors[method].minimised[j]!).toBeLessThanOrEqual(aligned + 1e-12));
        cases.forEach((c, j) => {
          const labels = oracleLabels(c.instance.points, c.instance.centers);
          const wrong = labels.reduce((s, z, i) => s + (z === c.instance.labels[i] ? 0 : 1), 0);
          expect(errors.oracle.aligned[j]).toBeCloseTo(wrong / 24, 12);
        });
      } finally {
        model.dispose();
      }
    },
  );
});
