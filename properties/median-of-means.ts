/**
 * Median-of-means estimation with a stated failure probability, for statistical properties on
 * heavy-tailed samples. With B blocks of m samples each, if m ≥ 4·Var/t² every block mean is
 * within t of the mean with probability ≥ 3/4 (Chebyshev), so the median misses by more than t
 * only if half the blocks do: probability ≤ exp(−B/8) (Hoeffding).
 */
export function medianOfMeansPlan(variance: number, tolerance: number, failureProbability: number): { blocks: number; blockSize: number } {
  if (!(variance > 0 && tolerance > 0 && failureProbability > 0 && failureProbability < 1)) {
    throw new RangeError(`medianOfMeansPlan: bad arguments ${variance}, ${tolerance}, ${failureProbability}`);
  }
  return { blocks: Math.ceil(8 * Math.log(1 / failureProbability)), blockSize: Math.ceil((4 * variance) / (tolerance * tolerance)) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
