import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { compareMedians, hasBlock, median, type SeedLosses } from '../bounds/median-dominance';
import { meanSlack } from '../bounds/training-slack';
import { Rng } from '../theory/rng';

/**
 * bounds/median-dominance.ts: claim D2's paired comparison of the median over an odd number of
 * seeds. Known answers: the block criterion equals the comparison of medians on exact values.
 */

const odd = fc.constantFrom(1, 3, 5);
const reals = (n: number) => fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n });

describe('D2: median comparisons over seeds', () => {
  test.prop([odd.chain((ra) => odd.chain((rb) => fc.tuple(reals(ra), reals(rb))))])(
    'D2: some (R+1)/2 × (R+1)/2 block has a > b on every pair iff med(A) > med(B) (known answer on exact values)',
    ([a, b]) => {
      expect(hasBlock(a.length, b.length, (i, j) => a[i]! > b[j]!)).toBe(median(a) > median(b));
      expect(hasBlock(a.length, b.length, (i, j) => a[i]! < b[j]!)).toBe(median(a) < median(b));
    },
  );

  /** Per-point losses in [0, bound] with mean `level`: level·(1 ± 0.5) alternating. */
  const seed = (level: number, points: number): SeedLosses => ({
    values: Float64Array.from({ length: points }, (_, j) => level * (j % 2 === 0 ? 0.5 : 1.5)),
    bound: 2,
  });

  test.prop([fc.double({ min: 0.5, max: 4, noNaN: true }), fc.double({ min: 1e-4, max: 0.1, noNaN: true })])(
    'D2: each pair band is meanSlack on ℓ_a − c·ℓ_b with range bound_a + c·bound_b, and above/below follow the block rule',
    (factor, alpha) => {
      const rng = new Rng(7);
      const group = (k: number) =>
        Array.from({ length: 3 }, () => ({ values: Float64Array.from({ length: 40 }, () => rng.uniform() * k), bound: k }));
      const first = group(1);
      const second = group(2);
      const cmp = compareMedians(first, second, factor, alpha);
      expect(cmp.pairs).toHaveLength(9);
      for (const p of cmp.pairs) {
        const d = Array.from(first[p.a]!.values, (x, j) => x - factor * second[p.b]!.values[j]!);
        const band = meanSlack(d, alpha, 1 + factor * 2);
        expect(p.mean).toBeCloseTo(band.mean, 12);
        expect(p.slack).toBe(band.slack);
      }
      const at = (a: number, b: number) => cmp.pairs[a * 3 + b]!;
      expect(cmp.above).toBe(hasBlock(3, 3, (a, b) => at(a, b).mean - at(a, b).slack > 0));
      expect(cmp.below).toBe(hasBlock(3, 3, (a, b) => at(a, b).mean + at(a, b).slack < 0));
    },
  );

  it('D2: one outlying seed does not move the median; two do', () => {
    const points = 20_000;
    const base = [seed(0.01, points), seed(0.01, points), seed(0.01, points)];
    const oneBad = [seed(0.01, points), seed(0.01, points), seed(0.5, points)];
    const twoBad = [seed(0.01, points), seed(0.5, points), seed(0.5, points)];
    expect(compareMedians(oneBad, base, 1, 1e-3).above).toBe(false);
    expect(compareMedians(twoBad, base, 1, 1e-3).above).toBe(true);
    expect(compareMedians(base, twoBad, 1, 1e-3).below).toBe(true);
  });

  it('D2: rejects even seed counts and unshared points', () => {
    expect(() => compareMedians([seed(1, 10), seed(1, 10)], [seed(1, 10)], 1, 0.05)).toThrow(/odd/);
    expect(() => compareMedians([seed(1, 10)], [seed(1, 11)], 1, 0.05)).toThrow(/shared/);
  });
});
