import { e2Nearest, e2SquaredDistances } from '../e2-margin-stability';
import type { CaseScopes } from './check-steps';
import type { Scope } from './formula';

/** One case of claim E2's proof: a point, centers, the centers after a move of at most ε each, and ε. */
export interface E2ProofCase {
  readonly x: readonly number[];
  readonly centers: readonly (readonly number[])[];
  readonly movedCenters: readonly (readonly number[])[];
  readonly epsilon: number;
}

/**
 * The scopes of claim E2's steps and end statement at one point: E2.1 one scope per center c,
 * E2.2 one per b ≠ a* (a* the nearest center before the move, ties to the smallest index), the end
 * statement one. Squared distances by bounds e2SquaredDistances. The caller guarantees
 * ‖μ′_c − μ_c‖ ≤ ε (E2's hypothesis; bounds e2MoveCenters does). Pure.
 */
export function e2ProofScopes({ x, centers, movedCenters, epsilon }: E2ProofCase): CaseScopes {
  const d = x.length;
  const D = e2SquaredDistances(x, centers);
  const Dp = e2SquaredDistances(x, movedCenters);
  const r = D.map(Math.sqrt);
  const a = e2Nearest(D);
  const others = D.map((_, b) => b).filter((b) => b !== a);
  const e21: Scope[] = D.map((D_c, c) => ({
    D_c,
    Dp_c: Dp[c]!,
    r_c: r[c]!,
    epsilon,
    d,
    cmax_c: Math.max(...movedCenters[c]!.map(Math.abs)),
  }));
  const e22: Scope[] = others.map((b) => ({ D_a: D[a]!, D_b: D[b]!, r_a: r[a]!, r_b: r[b]!, Dp_a: Dp[a]!, Dp_b: Dp[b]!, epsilon, d }));
  const bound: Scope[] =
    others.length === 0
      ? []
      : [
          {
            D_a: D[a]!,
            D_others: others.map((b) => D[b]!),
            r_a: r[a]!,
            r_others: others.map((b) => r[b]!),
            Dp_a: Dp[a]!,
            Dp_others: others.map((b) => Dp[b]!),
            epsilon,
            d,
          },
        ];
  return { steps: { 'E2.1': e21, 'E2.2': e22 }, bound };
}
