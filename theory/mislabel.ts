import { munkres } from 'munkres';
import { assertInteger, fail } from './validate';

/**
 * The k×k confusion matrix C[a][b] = #{i : ẑ_i = a, z_i = b}, validating both label vectors.
 */
export function confusionMatrix(predicted: ArrayLike<number>, truth: ArrayLike<number>, k: number): number[][] {
  assertInteger('k', k, 1);
  if (predicted.length !== truth.length) fail('predicted length', predicted.length, `equal to the truth length (${truth.length})`);
  if (truth.length === 0) fail('truth length', 0, 'at least 1');
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const a = predicted[i]!;
    const b = truth[i]!;
    if (!Number.isInteger(a) || a < 0 || a >= k) fail(`predicted[${i}]`, a, `an integer in [0, ${k - 1}]`);
    if (!Number.isInteger(b) || b < 0 || b >= k) fail(`truth[${i}]`, b, `an integer in [0, ${k - 1}]`);
    counts[a]![b]! += 1;
  }
  return counts;
}

/**
 * Mislabel rate (CLAIMS.md §1, claim A1): h(ẑ, z) = min over permutations π of (1/n)·Σ 1{π(ẑ_i) ≠ z_i},
 * by optimal assignment (Hungarian algorithm) on the confusion matrix.
 */
export function mislabelRate(predicted: ArrayLike<number>, truth: ArrayLike<number>, k: number): number {
  const counts = confusionMatrix(predicted, truth, k);
  const maxCount = Math.max(...counts.flat());
  const costs = counts.map((r) => r.map((c) => maxCount - c)); // maximise matches = minimise (max − count)
  const matched = munkres(costs).reduce((s, [a, b]) => s + counts[a!]![b!]!, 0);
  return 1 - matched / truth.length;
}
