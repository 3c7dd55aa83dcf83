/** One line of the bench table and of bench.json. */
export interface BenchRow {
  readonly name: string;
  /** Our figure; null when the row could not be measured (see notes). */
  readonly ours: number | null;
  /** The peer's figure, measured in the same run; null when the peer is missing. */
  readonly reference: number | null;
  /** ours / reference: below 1 means ours is faster (or smaller). */
  readonly ratio: number | null;
  readonly unit: string;
  readonly notes: string;
  /** The largest acceptable ratio, where the issue sets one. */
  readonly target?: number;
  /** ratio / target, present only when the ratio misses the target. */
  readonly missedBy?: number;
}

/** A measured row: the ratio, and by how much it misses `target` when it does. */
export function measuredRow(name: string, ours: number, reference: number, unit: string, notes: string, target?: number): BenchRow {
  const ratio = ours / reference;
  const verdict = target === undefined ? {} : ratio <= target ? { target } : { target, missedBy: ratio / target };
  return { name, ours, reference, ratio, unit, notes, ...verdict };
}

/** A row that was not measured, saying why; never a made-up number. */
export function skippedRow(name: string, unit: string, why: string, target?: number): BenchRow {
  return { name, ours: null, reference: null, ratio: null, unit, notes: why, ...(target === undefined ? {} : { target }) };
}
