/** Median of a non-empty list. */
function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times two sides in the same run: one untimed warm-up each (JIT, imports, caches), then
 * `repeats` rounds that alternate which side goes first, so that drift in the machine's load
 * falls on both. Each measurement returns its own figure (e.g. seconds per iteration); the
 * result is the median of each side.
 */
export async function alternateMedians(
  repeats: number,
  ours: () => Promise<number>,
  reference: () => Promise<number>,
): Promise<{ ours: number; reference: number }> {
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`repeats must be an integer >= 1, got ${repeats}`);
  await ours();
  await reference();
  const oursTimes: number[] = [];
  const referenceTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    if (r % 2 === 0) {
      oursTimes.push(await ours());
      referenceTimes.push(await reference());
    } else {
      referenceTimes.push(await reference());
      oursTimes.push(await ours());
    }
  }
  return { ours: median(oursTimes), reference: median(referenceTimes) };
}
