import type { ClaimRecord, RunResults } from '../run/run-results';
import { BUDGET_COLUMNS, budgetNote, budgetRows } from './budget-table';
import { claimOutcome } from './claim-outcome';
import { counterexampleText } from './counterexample-text';
import { escapeMarkdown, fencedBlock, markdownTable } from './markdown-syntax';
import { brokenProof, brokenProofLead, firstFailingRow, rowCells, statementRow, stepRows } from './proof-report';
import {
  claimFacts,
  environmentRows,
  headlineCells,
  numberRows,
  outcomeTally,
  PAPER_REFERENCE,
  plotFileBase,
  REPORT_TITLE,
  SUMMARY_COLUMNS,
} from './report-content';

/** report.md: a claims summary table, the environment, the time budget, then one section per claim with its PNG plots. */
export function renderMarkdown(results: RunResults): string {
  const blocks = [
    `# ${escapeMarkdown(REPORT_TITLE)}`,
    `Paper: ${escapeMarkdown(PAPER_REFERENCE)}. Outcomes: ${escapeMarkdown(outcomeTally(results))}.`,
    '## Claims',
    summaryTable(results),
    '## Environment',
    markdownTable(
      ['', ''],
      environmentRows(results).map(([label, value]) => [`**${escapeMarkdown(label)}**`, escapeMarkdown(value)]),
    ),
    '## Time budget',
    ...budgetTable(results),
    escapeMarkdown(budgetNote(results)),
    ...results.claims.map((record) => claimSection(record, results.seed)),
  ];
  return `${blocks.join('\n\n')}\n`;
}

/** The claims table: one row per claim, its headline (bound, measured, margin) beside the failure probability. */
function summaryTable(results: RunResults): string {
  const rows = results.claims.map((record) => {
    const cells = headlineCells(record);
    return [
      `[${record.id}](#${record.id})`,
      escapeMarkdown(record.title),
      escapeMarkdown(record.provenance),
      escapeMarkdown(record.kind),
      `**${escapeMarkdown(claimOutcome(record))}**`,
      ...[cells.bound, cells.measured, cells.margin, cells.failureProbability].map(escapeMarkdown),
    ];
  });
  return markdownTable(SUMMARY_COLUMNS, rows);
}

/** The time budget: training, evaluation and total seconds per claim that ran, and their sums. */
function budgetTable(results: RunResults): string[] {
  const rows = budgetRows(results).map((row) => row.map(escapeMarkdown));
  return rows.length === 0 ? [] : [markdownTable(BUDGET_COLUMNS, rows)];
}

function claimSection(record: ClaimRecord, runSeed: number): string {
  const { result } = record;
  const blocks = [
    `<a id="${record.id}"></a>\n\n## ${record.id}: ${escapeMarkdown(record.title)}`,
    ...firstFailingStep(record),
    `> ${escapeMarkdown(record.statement)}`,
    ...statementFormula(record),
    claimFacts(record, runSeed)
      .map(([label, value]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`)
      .join('\n'),
  ];
  if (record.status === 'not implemented' || record.status === 'not selected') {
    blocks.push(`*This claim was ${record.status} in this run.*`);
  }
  if (record.error !== undefined) blocks.push('**Error**', fencedBlock(record.error, 'text'));
  if (result) {
    blocks.push(`**Summary.** ${escapeMarkdown(result.summary)}`);
    const numbers = numberRows(result);
    if (numbers.length > 0)
      blocks.push(
        '**Numbers**',
        markdownTable(
          ['name', 'value'],
          numbers.map((row) => row.map(escapeMarkdown)),
        ),
      );
    if (result.notes && result.notes.length > 0)
      blocks.push('**Notes**', result.notes.map((note) => `- ${escapeMarkdown(note)}`).join('\n'));
    if (result.counterexample !== undefined)
      blocks.push('**Counterexample**', fencedBlock(counterexampleText(result.counterexample), 'json'));
  }
  blocks.push(...stepsTable(record));
  blocks.push('**Replay**', fencedBlock(record.replay, 'sh'));
  for (const [index, plot] of (result?.plots ?? []).entries()) {
    blocks.push(`![${escapeMarkdown(plot.title)}](plots/${plotFileBase(record, index)}.png)`);
  }
  return blocks.join('\n\n');
}

/** A broken claim's section opens with its first failing step and its formula. */
function firstFailingStep(record: ClaimRecord): string[] {
  const proof = brokenProof(record);
  if (proof === undefined) return [];
  const row = firstFailingRow(record);
  return [`**${escapeMarkdown(brokenProofLead(proof))}**`, ...(row ? [displayMath(row.tex)] : [])];
}

/** The claim's statement formula (the registry's end statement) as display TeX. */
function statementFormula(record: ClaimRecord): string[] {
  const row = statementRow(record);
  return row === undefined ? [] : [displayMath(row.tex)];
}

function displayMath(tex: string): string {
  return `$$\n${tex}\n$$`;
}

/** A code span in a table cell: the formula's mathjs text, with the pipes a table would split at escaped. */
function codeCell(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence} ${text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')} ${fence}`;
}

/** The steps table: step, formula (mathjs text), cases, tightest slack, verdict; the end statement last. */
function stepsTable(record: ClaimRecord): string[] {
  const steps = stepRows(record);
  if (steps.length === 0) return [];
  const end = statementRow(record);
  const rows = [...steps, ...(end ? [end] : [])].map((row) => {
    const cells = rowCells(row);
    const name = row.id === record.id ? `${row.id} (end statement)` : `${row.id} (${row.kind})`;
    return [
      escapeMarkdown(name),
      codeCell(row.text),
      escapeMarkdown(cells.cases),
      escapeMarkdown(cells.tightest),
      escapeMarkdown(cells.verdict),
    ];
  });
  return ['**Proof steps**', markdownTable(['Step', 'Formula', 'Cases', 'Tightest slack', 'Verdict'], rows)];
}
