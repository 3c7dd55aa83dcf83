import type { Verdict } from './claim-check';

/**
 * The three-way verdict of a check (CLAIMS.md §4): `violated` when some test rejected the claim,
 * else `inconclusive` when some test could not resolve (too few samples, outside the regime),
 * else `holds`.
 */
export function verdictOf(tests: { readonly violations: number; readonly unresolved: number }): Verdict {
  if (tests.violations > 0) return 'violated';
  return tests.unresolved > 0 ? 'inconclusive' : 'holds';
}
