/** Claim A1's reference: the mislabel rate by trying all k! relabellings (k ≤ 6 keeps this cheap). */
export function bruteForceMislabelRate(predicted: readonly number[], truth: readonly number[], k: number): number {
  let best = Infinity;
  for (const perm of permutations(k)) {
    let wrong = 0;
    for (let i = 0; i < truth.length; i++) if (perm[predicted[i]!] !== truth[i]) wrong++;
    best = Math.min(best, wrong / truth.length);
  }
  return best;
}

function* permutations(k: number): Generator<number[]> {
  const perm = [...Array(k).keys()];
  function* go(start: number): Generator<number[]> {
    if (start === k) {
      yield perm;
      return;
    }
    for (let i = start; i < k; i++) {
      [perm[start], perm[i]] = [perm[i]!, perm[start]!];
      yield* go(start + 1);
      [perm[start], perm[i]] = [perm[i]!, perm[start]!];
    }
  }
  yield* go(0);
}
