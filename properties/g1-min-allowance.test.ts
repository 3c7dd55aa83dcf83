import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { clopperPearsonLower } from '../bounds/clopper-pearson';
import { allowanceDifferenceWidth, instancesToResolveAllowance, minAllowanceTest } from '../bounds/g1-min-allowance';
import { plannedSlack } from '../bounds/instances-to-resolve';
import { meanSlack } from '../bounds/training-slack';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * bounds/g1-min-allowance.ts: claim G1's paired test of mean T ≤ (1 + f)·min(mean Lloyd, mean EM) + c
 * per setting, and its instance planner.
 */

/** CLAIMS.md §4: failure probability of each coverage property (Clopper–Pearson on the observed wrong outcomes). */
const FAILURE_PROBABILITY = 1e-6;
const [FACTOR, ADDITIVE] = [0.1, 0.005];

const rateRange = fc.integer({ min: 2, max: 5 }).map((l) => 1 - 1 / l);
const alpha = fc.double({ min: 1e-4, max: 0.2, noNaN: true });
/** Per-instance rates of the transformer and two baselines in [0, r] on 2 to 60 shared instances. */
const rates = rateRange.chain((r) =>
  fc.integer({ min: 2, max: 60 }).chain((n) => {
    const column = fc.array(fc.double({ min: 0, max: r, noNaN: true }), { minLength: n, maxLength: n });
    return fc.record({ r: fc.constant(r), t: column, l: column, e: column });
  }),
);

describe('G1: minAllowanceTest', () => {
  test.prop([rateRange, fc.double({ min: 0, max: 1, noNaN: true })])(
    'G1: a difference T − (1 + f)·B of rates in [0, r] lies in [−(1 + f)r, r], width (2 + f)r',
    (r, f) => {
      expect(allowanceDifferenceWidth(r, f)).toBeCloseTo((2 + f) * r, 12);
      expect(r - -(1 + f) * r).toBeCloseTo(allowanceDifferenceWidth(r, f), 12);
    },
  );

  test.prop([rates, alpha])(
    'G1: each difference is meanSlack of T − 1.1·B at α/2 (lower) and α (upper); violated iff a lower bound is above c, holds iff every upper bound is ≤ c',
    ({ r, t, l, e }, a) => {
      const result = minAllowanceTest(t, [l, e], { factor: FACTOR, additive: ADDITIVE, rateRange: r, alpha: a });
      const width = (2 + FACTOR) * r;
      [l, e].forEach((b, j) => {
        const values = t.map((x, i) => x - (1 + FACTOR) * b[i]!);
        const d = result.differences[j]!;
        const below = meanSlack(values, a / 2, width);
        expect(d.mean).toBe(below.mean);
        expect(d.lower).toBe(below.mean - below.slack);
        expect(d.upper).toBe(below.mean + meanSlack(values, a, width).slack);
        expect(d.lower).toBeLessThanOrEqual(d.upper);
      });
      expect([result.lowerAlpha, result.upperAlpha]).toEqual([a / 2, a]);
      const lowers = result.differences.map((d) => d.lower);
      const uppers = result.differences.map((d) => d.upper);
      const expected = lowers.some((x) => x > ADDITIVE) ? 'violated' : uppers.every((x) => x <= ADDITIVE) ? 'holds' : 'unresolved';
      expect(result.outcome).toBe(expected);
      const decisive = result.outcome === 'violated' ? lowers : uppers;
      expect(decisive[result.decisive]).toBe(Math.max(...decisive));
    },
  );

  it('G1: a transformer at the better baseline holds; one above the allowance of the better baseline only is violated', () => {
    const rng = new Rng(12);
    const count = 8000;
    const em = Array.from({ length: count }, () => 0.1 * rng.uniform());
    const lloyd = em.map((x) => Math.min(2 / 3, x + 0.05));
    const test = { factor: FACTOR, additive: ADDITIVE, rateRange: 2 / 3, alpha: 0.05 / 7 };
    expect(minAllowanceTest(em, [lloyd, em], test).outcome).toBe('holds');
    // 1.1·EM + 0.02: below 1.1·Lloyd + c, above 1.1·EM + c
    const worse = em.map((x) => 1.1 * x + 0.02);
    const result = minAllowanceTest(worse, [lloyd, em], test);
    expect(result.outcome).toBe('violated');
    expect(result.decisive).toBe(1);
    expect(result.differences[0]!.upper).toBeLessThan(ADDITIVE);
  });

  /**
   * Simulated settings at the edge of each hypothesis: per instance T, Lloyd and EM are rates in
   * [0, 2/3] from shared noise, with chosen means. The test (α = 0.2, 200 instances) must be wrong
   * in at most a share α of 400 repetitions: rejected when the Clopper–Pearson lower bound of the
   * wrong share exceeds α.
   */
  function wrongShare(
    name: string,
    means: { t: number; l: number; e: number },
    wrong: 'violated' | 'holds',
  ): { wrong: number; trials: number } {
    const rng = new Rng(testSeed(name));
    const trials = 400;
    let count = 0;
    for (let s = 0; s < trials; s++) {
      const [t, l, e]: [number[], number[], number[]] = [[], [], []];
      for (let i = 0; i < 200; i++) {
        const shared = rng.uniform() - 0.5;
        const jitter = () => 0.1 * (rng.uniform() - 0.5);
        t.push(means.t + 0.1 * shared + jitter());
        l.push(means.l + 0.1 * shared + jitter());
        e.push(means.e + 0.1 * shared + jitter());
      }
      if (minAllowanceTest(t, [l, e], { factor: FACTOR, additive: ADDITIVE, rateRange: 2 / 3, alpha: 0.2 }).outcome === wrong) count++;
    }
    return { wrong: count, trials };
  }

  it(`G1: a true statement at its edge (mean T = 1.1·mean EM + c, Lloyd worse) is called violated at most at rate α (failure probability ${FAILURE_PROBABILITY})`, () => {
    const { wrong, trials } = wrongShare('G1: edge true', { t: 1.1 * 0.2 + ADDITIVE, l: 0.3, e: 0.2 }, 'violated');
    const lower = clopperPearsonLower(wrong, trials, FAILURE_PROBABILITY);
    expect({ seed: testSeed('G1: edge true'), wrong, trials, lower, withinAlpha: lower <= 0.2 }).toMatchObject({ withinAlpha: true });
  });

  it(`G1: a false statement at its edge (mean T just above 1.1·mean EM + c, far below 1.1·Lloyd + c) is called holds at most at rate α (failure probability ${FAILURE_PROBABILITY})`, () => {
    const { wrong, trials } = wrongShare('G1: edge false', { t: 1.1 * 0.2 + ADDITIVE + 1e-3, l: 0.3, e: 0.2 }, 'holds');
    const lower = clopperPearsonLower(wrong, trials, FAILURE_PROBABILITY);
    expect({ seed: testSeed('G1: edge false'), wrong, trials, lower, withinAlpha: lower <= 0.2 }).toMatchObject({ withinAlpha: true });
  });
});

describe('G1: instancesToResolveAllowance', () => {
  const variance = fc.double({ min: 1e-4, max: 0.05, noNaN: true });
  const cap = fc.integer({ min: 16, max: 50_000 });

  test.prop([rateRange, alpha, variance, cap])(
    'G1: the fewest instances (≥ 16, ≤ cap) whose planned slack at α and the planned variance is ≤ c, for differences of width 2.1·r',
    (r, a, v, c) => {
      const count = instancesToResolveAllowance({ factor: FACTOR, additive: ADDITIVE, rateRange: r, alpha: a }, v, c);
      const slack = (n: number) => plannedSlack(n, (2 + FACTOR) * r, a, v);
      expect(count).toBeGreaterThanOrEqual(16);
      expect(count).toBeLessThanOrEqual(c);
      if (count < c) expect(slack(count)).toBeLessThanOrEqual(ADDITIVE);
      if (count > 16) expect(slack(count - 1)).toBeGreaterThan(ADDITIVE);
    },
  );

  test.prop([rateRange, alpha, variance, variance])('G1: more planned variance never plans fewer instances', (r, a, v1, v2) => {
    const [low, high] = v1 <= v2 ? [v1, v2] : [v2, v1];
    const test = { factor: FACTOR, additive: ADDITIVE, rateRange: r, alpha: a };
    expect(instancesToResolveAllowance(test, high, 1e6)).toBeGreaterThanOrEqual(instancesToResolveAllowance(test, low, 1e6));
  });
});
