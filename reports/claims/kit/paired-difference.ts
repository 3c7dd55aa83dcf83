import { meanSlack } from '../../../bounds/training-slack';

/** The mean of per-instance differences a_j − b_j and its slack. */
export interface PairedDifference {
  readonly mean: number;
  readonly slack: number;
  /** mean − slack > 0: a is significantly above b. */
  readonly above: boolean;
  /** mean + slack < 0: a is significantly below b. */
  readonly below: boolean;
}

/**
 * Claims G1, F4 (CLAIMS.md §4, "pair what shares instances"): the per-instance differences a_j − b_j
 * of two methods (or models) on the same instances, with slack min(Hoeffding, empirical Bernstein)
 * at failure probability `alpha` per side. `range` is the width of the interval the differences
 * lie in (default 2: two rates in [0, 1]; two mislabel rates over m labels lie in [−r, r] with
 * r = 1 − 1/m, width 2r).
 */
export function pairedDifference(a: readonly number[], b: readonly number[], alpha: number, range = 2): PairedDifference {
  if (a.length !== b.length) throw new RangeError(`paired lengths differ: ${a.length} and ${b.length}`);
  const differences = a.map((x, j) => x - b[j]!);
  const { mean, slack } = meanSlack(differences, alpha, range);
  return { mean, slack, above: mean - slack > 0, below: mean + slack < 0 };
}
