import { fail } from '../theory/validate';
import { assertProbability } from './clopper-pearson';
import { meanSlack } from './training-slack';

/**
 * Paired comparisons of the median over R training seeds (claim D2), on held-out points shared by
 * every seed and every setting. Each seed s of a setting has a population loss L_s = E[ℓ_s(X)]
 * (here the mean squared error of that trained approximator); the setting's error is the median
 * of its R losses. For odd R with h = (R + 1)/2:
 *
 *   med(A) > c·med(B)  ⟺  some h seeds a of A and h seeds b of B have L_a > c·L_b for all h² pairs.
 *
 * (⇒: take the h largest of A and the h smallest of B. ⇐: the h seeds of B include one with
 * L_b ≥ med(B), so h seeds of A exceed c·med(B), hence med(A) does.) So when every pair's
 * one-sided band holds, finding such a block with every pair's lower bound above 0 certifies
 * med(A) > c·med(B); the same with upper bounds below 0 certifies med(A) < c·med(B).
 * A pair's band is on the per-point differences ℓ_a(x_j) − c·ℓ_b(x_j) (paired: the same x_j),
 * with range = that difference's range (CLAIMS.md §4, "pair what shares instances").
 */

/** One seed's per-point losses on the shared held-out points, all in [0, bound] (bound fixed before the points are drawn). */
export interface SeedLosses {
  readonly values: ArrayLike<number>;
  readonly bound: number;
}

/** The band of the mean of ℓ_a − c·ℓ_b for seed a of the first setting and seed b of the second. */
export interface PairBand {
  readonly a: number;
  readonly b: number;
  readonly mean: number;
  readonly slack: number;
}

export interface MedianComparison {
  readonly factor: number;
  readonly pairs: readonly PairBand[];
  /** med(first) > factor·med(second) with confidence: an h×h block of pairs with mean − slack > 0. */
  readonly above: boolean;
  /** med(first) < factor·med(second) with confidence: an h×h block of pairs with mean + slack < 0. */
  readonly below: boolean;
}

/** The subsets of {0, …, n − 1} with `size` elements. */
function subsets(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  if (n < size) return [];
  const without = subsets(n - 1, size);
  const withLast = subsets(n - 1, size - 1).map((s) => [...s, n - 1]);
  return [...without, ...withLast];
}

/** Whether some h_A × h_B block (h = (R + 1)/2 on each side) has `holds` for every pair. */
export function hasBlock(rowsA: number, rowsB: number, holds: (a: number, b: number) => boolean): boolean {
  const hA = (rowsA + 1) / 2;
  const hB = (rowsB + 1) / 2;
  return subsets(rowsB, hB).some((block) => {
    let rows = 0;
    for (let a = 0; a < rowsA; a++) if (block.every((b) => holds(a, b))) rows++;
    return rows >= hA;
  });
}

/**
 * Compares med(first) with factor·med(second) through the R_A·R_B paired bands, each one-sided
 * bound at failure probability `sideAlpha` (the caller counts the bounds it uses: R_A·R_B per side).
 * R_A and R_B must be odd, and every seed's losses must be on the same points.
 */
export function compareMedians(
  first: readonly SeedLosses[],
  second: readonly SeedLosses[],
  factor: number,
  sideAlpha: number,
): MedianComparison {
  assertProbability('sideAlpha', sideAlpha);
  if (!(factor > 0)) fail('factor', factor, 'positive');
  for (const [name, group] of [
    ['first', first],
    ['second', second],
  ] as const)
    if (group.length % 2 !== 1) fail(`${name} length`, group.length, 'odd (a median of seeds)');
  const points = first[0]!.values.length;
  for (const s of [...first, ...second])
    if (s.values.length !== points) fail('values length', s.values.length, `${points} (shared points)`);
  const pairs: PairBand[] = [];
  const differences = new Array<number>(points);
  first.forEach((sa, a) => {
    second.forEach((sb, b) => {
      for (let j = 0; j < points; j++) differences[j] = sa.values[j]! - factor * sb.values[j]!;
      const { mean, slack } = meanSlack(differences, sideAlpha, sa.bound + factor * sb.bound);
      pairs.push({ a, b, mean, slack });
    });
  });
  const at = (a: number, b: number) => pairs[a * second.length + b]!;
  return {
    factor,
    pairs,
    above: hasBlock(first.length, second.length, (a, b) => at(a, b).mean - at(a, b).slack > 0),
    below: hasBlock(first.length, second.length, (a, b) => at(a, b).mean + at(a, b).slack < 0),
  };
}

/** The median of an odd-length list. */
export function median(values: readonly number[]): number {
  if (values.length % 2 !== 1) fail('values length', values.length, 'odd');
  return [...values].sort((x, y) => x - y)[(values.length - 1) / 2]!;
}
