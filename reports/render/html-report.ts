import type { ClaimRecord, RunResults } from '../run/run-results';
import { BUDGET_COLUMNS, budgetNote, budgetRows } from './budget-table';
import { type ClaimOutcome, claimOutcome } from './claim-outcome';
import { counterexampleText } from './counterexample-text';
import { escapeHtml } from './html-escape';
import { outcomeClass, REPORT_CSS } from './html-style';
import { brokenProof, brokenProofLead, firstFailingRow, type ProofRow, rowCells, statementRow, stepRows } from './proof-report';
import {
  claimFacts,
  environmentRows,
  headlineCells,
  type LabelledValue,
  numberRows,
  outcomeTally,
  PAPER_REFERENCE,
  plotFileBase,
  REPORT_TITLE,
  SUMMARY_COLUMNS,
} from './report-content';
import { typesetSvg } from './typeset';

/** Forbids every fetch: the page needs nothing but its inline CSS and inline SVG. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * report.html: self-contained (inline CSS and SVG, no scripts, no network fetches). It opens on
 * the claims summary coloured by outcome, then the environment, then one section per claim,
 * anchored by its id. `plotSvgs` maps plotFileBase names to the SVG text of each plot. Formulas
 * (each claim's statement formula and proof steps) are typeset by MathJax into inline SVG.
 */
export function renderHtml(results: RunResults, plotSvgs: ReadonlyMap<string, string>): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(REPORT_TITLE)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(REPORT_TITLE)}</h1>`,
    `<p class="lead">Paper: ${escapeHtml(PAPER_REFERENCE)}. Outcomes: ${escapeHtml(outcomeTally(results))}.</p>`,
    '<section id="summary">',
    '<h2>Claims</h2>',
    summaryTable(results),
    '</section>',
    '<section id="environment">',
    '<h2>Environment</h2>',
    factsTable(environmentRows(results)),
    '</section>',
    '<section id="budget">',
    '<h2>Time budget</h2>',
    budgetTable(results),
    `<p>${escapeHtml(budgetNote(results))}</p>`,
    '</section>',
    ...results.claims.map((record) => claimSection(record, results.seed, plotSvgs)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The claims table: one row per claim, its headline (bound, measured, margin) beside the failure probability. */
function summaryTable(results: RunResults): string {
  const header = SUMMARY_COLUMNS.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = results.claims.map((record) => {
    const outcome = claimOutcome(record);
    const headline = headlineCells(record);
    const cells = [
      `<td><a href="#${escapeHtml(record.id)}">${escapeHtml(record.id)}</a></td>`,
      `<td>${escapeHtml(record.title)}</td>`,
      `<td>${escapeHtml(record.provenance)}</td>`,
      `<td>${escapeHtml(record.kind)}</td>`,
      `<td>${badge(outcome)}</td>`,
      `<td class="numbers">${escapeHtml(headline.bound)}</td>`,
      `<td class="numbers">${escapeHtml(headline.measured)}</td>`,
      `<td class="margin">${escapeHtml(headline.margin)}</td>`,
      `<td class="margin">${escapeHtml(headline.failureProbability)}</td>`,
    ];
    return `<tr class="${outcomeClass(outcome)}">${cells.join('')}</tr>`;
  });
  return `<table class="summary">\n<thead><tr>${header}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

/** The time budget: training, evaluation and total seconds per claim that ran, and their sums (empty when none ran). */
function budgetTable(results: RunResults): string {
  const rows = budgetRows(results);
  if (rows.length === 0) return '';
  const header = BUDGET_COLUMNS.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<table class="budget">\n<thead><tr>${header}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

function claimSection(record: ClaimRecord, runSeed: number, plotSvgs: ReadonlyMap<string, string>): string {
  const outcome = claimOutcome(record);
  const { result } = record;
  const parts = [
    `<section class="claim ${outcomeClass(outcome)}" id="${escapeHtml(record.id)}">`,
    `<h2>${escapeHtml(record.id)}: ${escapeHtml(record.title)} ${badge(outcome)}</h2>`,
    ...firstFailingStep(record),
    `<blockquote>${escapeHtml(record.statement)}</blockquote>`,
    ...statementFormula(record),
    factsTable(claimFacts(record, runSeed)),
  ];
  if (record.status === 'not implemented' || record.status === 'not selected') {
    parts.push(`<p><em>This claim was ${escapeHtml(record.status)} in this run.</em></p>`);
  }
  if (record.error !== undefined) parts.push('<h3>Error</h3>', codeBlock(record.error));
  if (result) {
    parts.push(`<p><strong>Summary.</strong> ${escapeHtml(result.summary)}</p>`);
    const numbers = numberRows(result);
    if (numbers.length > 0) parts.push('<h3>Numbers</h3>', factsTable(numbers));
    if (result.notes && result.notes.length > 0) {
      parts.push('<h3>Notes</h3>', `<ul>${result.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`);
    }
    if (result.counterexample !== undefined) parts.push('<h3>Counterexample</h3>', codeBlock(counterexampleText(result.counterexample)));
  }
  parts.push(...stepsTable(record));
  parts.push('<h3>Replay</h3>', codeBlock(record.replay));
  for (const [index, plot] of (result?.plots ?? []).entries()) {
    const svg = plotSvgs.get(plotFileBase(record, index));
    if (svg === undefined) throw new Error(`report.html: no SVG rendered for plot ${plotFileBase(record, index)} (${plot.title})`);
    parts.push(`<figure>\n${svg}\n<figcaption>${escapeHtml(plot.title)}</figcaption>\n</figure>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** A broken claim's section opens with its first failing step: the sentence and the step's formula. */
function firstFailingStep(record: ClaimRecord): string[] {
  const proof = brokenProof(record);
  if (proof === undefined) return [];
  const row = firstFailingRow(record);
  const formula = row ? `<div class="formula" data-step="${escapeHtml(row.id)}">${row.id}: ${typesetSvg(row.tex, true)}</div>` : '';
  return [`<div class="first-failing"><p><strong>${escapeHtml(brokenProofLead(proof))}</strong></p>${formula}</div>`];
}

/** The claim's statement formula (the registry's end statement), typeset. */
function statementFormula(record: ClaimRecord): string[] {
  const row = statementRow(record);
  if (row === undefined) return [];
  return [
    `<div class="formula statement" data-formula="${escapeHtml(record.id)}" title="${escapeHtml(row.text)}">${typesetSvg(row.tex, true)}</div>`,
  ];
}

/** The steps table: step, formula (typeset), cases, tightest slack, verdict; the end statement last. */
function stepsTable(record: ClaimRecord): string[] {
  const steps = stepRows(record);
  if (steps.length === 0) return [];
  const end = statementRow(record);
  const rows = [...steps, ...(end ? [end] : [])].map((row: ProofRow) => {
    const cells = rowCells(row);
    const verdictClass = `step-${(row.summary?.verdict ?? 'not-run').replace(/ /g, '-')}`;
    return [
      `<tr class="${verdictClass}" data-step="${escapeHtml(row.id)}">`,
      `<td>${escapeHtml(row.id === record.id ? `${row.id} (end statement)` : `${row.id} (${row.kind})`)}</td>`,
      `<td class="formula" title="${escapeHtml(row.text)}">${typesetSvg(row.tex)}</td>`,
      `<td>${escapeHtml(cells.cases)}</td>`,
      `<td>${escapeHtml(cells.tightest)}</td>`,
      `<td>${escapeHtml(cells.verdict)}</td>`,
      '</tr>',
    ].join('');
  });
  const header = ['Step', 'Formula', 'Cases', 'Tightest slack', 'Verdict'].map((h) => `<th>${h}</th>`).join('');
  return [
    '<h3>Proof steps</h3>',
    `<table class="steps">\n<thead><tr>${header}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`,
  ];
}

function badge(outcome: ClaimOutcome): string {
  return `<span class="badge ${outcomeClass(outcome)}">${escapeHtml(outcome)}</span>`;
}

function factsTable(rows: readonly LabelledValue[]): string {
  const body = rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  return `<table class="facts">\n${body.join('\n')}\n</table>`;
}

function codeBlock(text: string): string {
  return `<pre><code>${escapeHtml(text)}</code></pre>`;
}
