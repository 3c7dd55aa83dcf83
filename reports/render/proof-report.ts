import { compileFormula, relationTex } from '../../bounds/proofs/formula';
import { CLAIMS, type ClaimId, type ProofStep, type StatementFormula } from '../../bounds/registry';
import type { ProofEvaluation, ProofNumber, ProofStepSummary, ProofSummary } from '../claims/kit/claim-check';
import type { ClaimRecord } from '../run/run-results';
import { formatNumber } from './format-number';

/**
 * What the reports show of a claim's proof (CLAIMS.md §3): its statement formula (the registry's
 * `bound`), one row per step (the formula, cases checked, the tightest slack, the verdict) and,
 * for a claim whose proof broke, its first failing step. Formulas are the mathjs text of the
 * registry (or, when the check ran a variant, of the result), in TeX by mathjs toTex.
 */

/** One row of a claim's steps table: the end statement is the row whose id is the claim's. */
export interface ProofRow {
  readonly id: string;
  readonly kind: string;
  /** The formula in TeX, and as mathjs text. */
  readonly tex: string;
  readonly text: string;
  /** From the result, when the claim ran. */
  readonly summary?: ProofStepSummary;
}

type Formula = Pick<StatementFormula, 'lhs' | 'relation' | 'rhs'> & { readonly given?: string };

/** A registry formula with its hypothesis as text. */
function asFormula(formula: StatementFormula): Formula {
  const { lhs, relation, rhs, given } = formula;
  return { lhs, relation, rhs, ...(given ? { given: `${given.lhs} ${given.relation} ${given.rhs}` } : {}) };
}

/** `lhs relation rhs`, preceded by its hypothesis, in TeX. */
export function formulaTex(formula: Formula): string {
  const body = relationTex(formula.lhs, formula.relation, formula.rhs);
  return formula.given ? `${compileFormula(formula.given).tex} \\;\\Rightarrow\\; ${body}` : body;
}

/** `lhs relation rhs`, preceded by its hypothesis, as mathjs text. */
export function formulaText(formula: Formula): string {
  const body = `${formula.lhs} ${formula.relation} ${formula.rhs}`;
  return formula.given ? `${formula.given} ⇒ ${body}` : body;
}

function registryOf(id: ClaimId): { bound?: StatementFormula; steps?: readonly ProofStep[] } {
  return CLAIMS[id] as { bound?: StatementFormula; steps?: readonly ProofStep[] };
}

function rowOf(id: string, kind: string, formula: Formula, summary: ProofStepSummary | undefined): ProofRow {
  const shown: Formula = summary ?? formula;
  return { id, kind, tex: formulaTex(shown), text: formulaText(shown), ...(summary ? { summary } : {}) };
}

/** The claim's statement formula (its end statement), when the registry states one. */
export function statementRow(record: ClaimRecord): ProofRow | undefined {
  const { bound } = registryOf(record.id);
  if (bound === undefined) return undefined;
  return rowOf(record.id, 'end statement', asFormula(bound), record.result?.proof?.endStatement);
}

/** The rows of a claim's steps table, in proof order (empty for a claim without a proof in the registry). */
export function stepRows(record: ClaimRecord): ProofRow[] {
  const proof = record.result?.proof;
  return (registryOf(record.id).steps ?? []).map((step) =>
    rowOf(
      step.id,
      step.kind,
      asFormula(step),
      proof?.steps.find((s) => s.id === step.id),
    ),
  );
}

/** The proof of a claim whose end statement or a step failed, else undefined. */
export function brokenProof(record: ClaimRecord): ProofSummary | undefined {
  const proof = record.result?.proof;
  return proof && proof.finding !== 'none' ? proof : undefined;
}

function number(x: ProofNumber): string {
  return typeof x === 'number' ? formatNumber(x) : x === 'Infinity' ? '∞' : x === '-Infinity' ? '−∞' : x;
}

/** A row's cells after the formula: cases checked, the tightest slack (with its case), the verdict. */
export function rowCells(row: ProofRow): { cases: string; tightest: string; verdict: string } {
  const s = row.summary;
  if (s === undefined) return { cases: '—', tightest: '—', verdict: 'not run' };
  const vacuous = s.vacuousScopes > 0 ? ` (${s.vacuousScopes} vacuous)` : '';
  const symbolic = s.symbolic
    ? `; ${s.symbolic.method === 'numerical' ? 'decided numerically (BigNumber)' : `symbolic: ${s.symbolic.method}`}`
    : '';
  const failures = s.failureCount > 0 ? ` (${s.failureCount} failing scopes)` : '';
  return {
    cases: s.verdict === 'not selected' ? '—' : `${s.casesChecked} cases, ${s.scopesChecked} scopes${vacuous}`,
    tightest: s.tightest ? `${number(s.tightest.slack)} (allowance ${number(s.tightest.allowance)}) at ${s.tightest.caseLabel}` : '—',
    verdict: `${s.verdict}${failures}${symbolic}`,
  };
}

/** One failing evaluation as text. */
export function evaluationText(e: ProofEvaluation): string {
  return `at ${e.caseLabel}, scope ${e.scope}: lhs = ${number(e.lhs)}, rhs = ${number(e.rhs)}, slack = ${number(e.slack)} (allowance ${number(e.allowance)})`;
}

/** The sentence that opens a broken claim's section. */
export function brokenProofLead(proof: ProofSummary): string {
  const first = proof.firstFailingStep;
  const what =
    proof.finding === 'violated'
      ? `The end statement fails on ${proof.endStatement?.failureCount ?? 0} scopes.`
      : 'Broken proof: a step fails although the end statement holds (a proof with a false step is a broken proof even when its conclusion holds).';
  if (first === undefined) return `${what} No step fails: the chain has a gap.`;
  return `${what} First failing step: ${first.step}, ${evaluationText(first.failure)}.`;
}

/** The row of the first failing step (for its formula). */
export function firstFailingRow(record: ClaimRecord): ProofRow | undefined {
  const step = brokenProof(record)?.firstFailingStep?.step;
  return step === undefined ? undefined : stepRows(record).find((r) => r.id === step);
}
