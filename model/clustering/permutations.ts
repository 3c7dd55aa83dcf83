import { assertInteger } from '../../theory/validate';

/** All k! permutations of 0..k−1 in lexicographic order (k ≤ 8). */
export function permutations(k: number): number[][] {
  assertInteger('k', k, 1, 8);
  if (k === 1) return [[0]];
  return permutations(k - 1)
    .flatMap((rest) => Array.from({ length: k }, (_, position) => [...rest.slice(0, position), k - 1, ...rest.slice(position)]))
    .sort((p, q) => {
      for (let i = 0; i < k; i++) if (p[i] !== q[i]) return p[i]! - q[i]!;
      return 0;
    });
}
