/**
 * The interval a plot axis spans (issue 12, "plot axes span the data"): from the smallest to the
 * largest plotted value (points and band ends alike), never stretched to 0 or to whole decades.
 * A log axis takes the positive values only. A single value is widened to a visible interval:
 * ÷ and × √10 on a log axis; ± half its size (± 1 at 0) on a linear one. `undefined` when there
 * is nothing to plot.
 */
export function axisDomain(values: readonly number[], log: boolean): [number, number] | undefined {
  const shown = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (shown.length === 0) return undefined;
  const low = Math.min(...shown);
  const high = Math.max(...shown);
  if (low < high) return [low, high];
  if (log) return [low / Math.sqrt(10), high * Math.sqrt(10)];
  const half = low === 0 ? 1 : Math.abs(low) / 2;
  return [low - half, high + half];
}
