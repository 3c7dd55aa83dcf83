import { meanSlack } from '../../../bounds/training-slack';

/** A one-sample test of E[X] ≤ allowance from values in an interval of width `range`. */
export interface MeanAgainstAllowance {
  readonly mean: number;
  readonly slack: number;
  readonly allowance: number;
  /** violated: mean − slack > allowance; holds: mean + slack ≤ allowance; unresolved otherwise. */
  readonly outcome: 'violated' | 'holds' | 'unresolved';
}

/**
 * Claim F3 (a), (b): slack min(Hoeffding, empirical Bernstein) at `alpha` per side (CLAIMS.md §4), so
 * that a claim with E[X] ≤ allowance is called violated with probability ≤ alpha.
 */
export function meanAgainstAllowance(values: readonly number[], alpha: number, range: number, allowance: number): MeanAgainstAllowance {
  const { mean, slack } = meanSlack(values, alpha, range);
  const outcome = mean - slack > allowance ? 'violated' : mean + slack <= allowance ? 'holds' : 'unresolved';
  return { mean, slack, allowance, outcome };
}
