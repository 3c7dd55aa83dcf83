import type { BenchRow } from './bench-row';
import type { Machine } from './machine';
import { ratioCell, verdict } from './ratio-table';
import { budgetSection, type RunBudget } from './run-budget';

/** What bench.md shows besides the rows: when, where and how the bench ran. */
export interface BenchContext {
  readonly createdAt: string;
  readonly machine: Machine;
  readonly repeats: number;
  readonly quick: boolean;
  /** The run whose time budget and peak RSS close bench.md (`--budget <results.json>`). */
  readonly budget?: RunBudget;
}

/** `|` inside a cell would end it. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The bench as a Markdown report (bench.md beside bench.json): the machine, the ratio table with
 * each target's verdict, every row's notes (what was timed, against what, what limits it) and,
 * when given, a run's time budget.
 */
export function benchMarkdown(rows: readonly BenchRow[], context: BenchContext): string {
  const { machine } = context;
  const lines = [
    '# tvem bench',
    '',
    `${context.createdAt}, ${context.quick ? 'quick, ' : ''}medians of ${context.repeats} alternating repeats; ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}. Ratios are ours ÷ reference, measured in the same run; a missing peer is a skipped row, never a number.`,
    '',
    '| figure | ours | reference | unit | ratio | target |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${cell(row.name)} | ${row.ours === null ? '—' : row.ours.toPrecision(3)} | ${row.reference === null ? '—' : row.reference.toPrecision(3)} | ${cell(row.unit)} | ${ratioCell(row)} | ${verdict(row)} |`,
    ),
    '',
    '## Notes',
    '',
    ...rows.map((row) => `- **${cell(row.name)}**: ${row.notes}`),
    '',
    ...(context.budget ? budgetSection(context.budget) : []),
  ];
  return lines.join('\n');
}
