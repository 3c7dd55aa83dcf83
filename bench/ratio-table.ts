import type { BenchRow } from './bench-row';

function figure(x: number | null): string {
  if (x === null) return '—';
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

/** "meets ≤ 3×", "misses ≤ 3× by 1.20×", or '' for a row without a target or a ratio. */
export function verdict(row: BenchRow): string {
  if (row.ratio === null || row.target === undefined) return '';
  return row.missedBy === undefined ? `meets ≤ ${row.target}×` : `misses ≤ ${row.target}× by ${row.missedBy.toFixed(2)}×`;
}

/** "2.37×", or "—" for a skipped row. */
export function ratioCell(row: BenchRow): string {
  return row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`;
}

/** The bench's rows as a plain-text table, one row per line, with the notes underneath. */
export function ratioTable(rows: readonly BenchRow[]): string {
  const header = ['figure', 'ours', 'reference', 'unit', 'ratio', 'target'];
  const cells = rows.map((row) => [row.name, figure(row.ours), figure(row.reference), row.unit, ratioCell(row), verdict(row)]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((line) => line[c]!.length)));
  const format = (line: readonly string[]): string =>
    line
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const notes = rows.map((row) => `- ${row.name}: ${row.notes}`);
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...cells.map(format), '', ...notes, ''].join('\n');
}
