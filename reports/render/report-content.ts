import type { ClaimResult } from '../claims/kit/claim-check';
import type { ClaimRecord, RunResults } from '../run/run-results';
import { peakRssText } from './budget-table';
import { type ClaimOutcome, claimOutcome } from './claim-outcome';
import { formatNumber, formatNumberValue } from './format-number';

/** The text that report.md and report.html both show, before any markup. */

export const REPORT_TITLE = 'Transformers versus the EM Algorithm in Multi-class Clustering: claim check';
export const PAPER_REFERENCE = 'Y. He, H.-Y. Chen, Y. Cao, J. Fan, H. Liu, arXiv:2502.06007 (2025)';

export type LabelledValue = readonly [label: string, value: string];

/** The claims table's columns (issue 12): the headline's bound, measured value and margin beside the failure probability. */
export const SUMMARY_COLUMNS = [
  'Claim',
  'Title',
  'Provenance',
  'Kind',
  'Verdict',
  'Bound',
  'Measured',
  'Margin',
  'Failure probability',
] as const;

/** What a claims-table cell shows when there is nothing to show (no result, or no headline). */
const MISSING = '—';
const SUMMARY_ERROR_LENGTH = 160;

export function environmentRows(results: RunResults): LabelledValue[] {
  const { environment } = results;
  const packages = Object.entries(environment.packages).map(([name, version]) => `${name} ${version}`);
  return [
    ['Seed', String(results.seed)],
    ['Scale', results.quick ? 'quick (smoke)' : 'default'],
    ['Started', results.startedAt],
    ['Finished', results.finishedAt],
    ['tvem', environment.tvemVersion],
    ['Git SHA', environment.gitSha],
    ['Backend', environment.backend],
    ['Node', environment.node],
    ['Platform', environment.platform],
    ['Cores', String(environment.cores)],
    ['Peak RSS', peakRssText(environment.peakRss)],
    ['Packages', packages.length > 0 ? packages.join(', ') : 'none recorded'],
  ];
}

/** One line counting the claims by outcome, e.g. "holds: 12, violated: 1, not implemented: 6". */
export function outcomeTally(results: RunResults): string {
  const counts = new Map<ClaimOutcome, number>();
  for (const record of results.claims) {
    const outcome = claimOutcome(record);
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  if (counts.size === 0) return 'no claims';
  return [...counts].map(([outcome, count]) => `${outcome}: ${count}`).join(', ');
}

/** The claims table's cells after the verdict, as plain text. */
export interface HeadlineCells {
  readonly bound: string;
  readonly measured: string;
  readonly margin: string;
  readonly failureProbability: string;
}

/**
 * A claim's headline cells: "—" where the result or its headline is missing; a check that failed
 * shows the first line of its error as the measured value.
 */
export function headlineCells(record: ClaimRecord): HeadlineCells {
  const { result } = record;
  const headline = result?.headline;
  const error = record.status === 'error' ? firstLine(record.error ?? 'unknown error', SUMMARY_ERROR_LENGTH) : undefined;
  return {
    bound: headline?.bound ?? MISSING,
    measured: error ?? headline?.measured ?? MISSING,
    margin: headline?.margin === undefined ? MISSING : formatNumber(headline.margin),
    failureProbability: result ? failureProbabilityText(result.failureProbability) : MISSING,
  };
}

function failureProbabilityText(probability: number): string {
  return probability === 0 ? '0 (deterministic check)' : formatNumber(probability);
}

/** A claim's verdict as its section states it: a report claim (kind `report`) has none. */
function verdictFact(outcome: ClaimOutcome): string {
  return outcome === 'reported' ? 'none (reported: a report shows numbers with no verdict)' : outcome;
}

/** The facts listed at the top of a claim's section. */
export function claimFacts(record: ClaimRecord, runSeed: number): LabelledValue[] {
  const facts: LabelledValue[] = [
    ['Provenance', record.provenance],
    ['Kind', record.kind],
    ['Verdict', verdictFact(claimOutcome(record))],
  ];
  if (record.result) facts.push(...resultFacts(record.result));
  facts.push(['Seed', `${runSeed} (the run seed; each claim draws its own stream split from it)`]);
  if (record.backend !== undefined) facts.push(['Backend', record.backend]);
  if (record.seconds !== undefined) facts.push(['Wall time', `${formatNumber(record.seconds)} s${trainingPart(record)}`]);
  return facts;
}

/** The training and evaluation parts of a claim's wall time, where recorded. */
function trainingPart({ trainingSeconds, evaluationSeconds }: ClaimRecord): string {
  if (trainingSeconds === undefined || evaluationSeconds === undefined) return '';
  return ` (training ${formatNumber(trainingSeconds)} s, evaluation ${formatNumber(evaluationSeconds)} s)`;
}

function resultFacts(result: ClaimResult): LabelledValue[] {
  const facts: LabelledValue[] = [];
  const { headline } = result;
  if (headline) facts.push(['Bound', headline.bound], ['Measured', headline.measured]);
  if (headline?.margin !== undefined) facts.push(['Margin', formatNumber(headline.margin)]);
  facts.push(['Samples', String(result.samples)], ['Failure probability', failureProbabilityText(result.failureProbability)]);
  return facts;
}

export function numberRows(result: ClaimResult): LabelledValue[] {
  return Object.entries(result.numbers).map(([name, value]) => [name, formatNumberValue(value)]);
}

/** The file name, without extension, of a claim's `index`-th plot (0-based index, 1-based name). */
export function plotFileBase(record: ClaimRecord, index: number): string {
  return `${record.id}-${index + 1}`;
}

function firstLine(text: string, maxLength: number): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
