import { type CaseScopes, checkProof, type Evaluation, type ProvedClaim, type StepResult } from '../../../bounds/proofs/check-steps';
import { checkSymbolically, type SymbolicResult } from '../../../bounds/proofs/symbolic';
import type { ProofStep, StatementFormula } from '../../../bounds/registry';
import type { ClaimResult, ProofEvaluation, ProofNumber, ProofStepSummary, ProofSummary, ProofSymbolic, Verdict } from './claim-check';
import { SmallestCase } from './smallest-case';

/*
 * The proof plumbing shared by the claim checks (CLAIMS.md §3, the proofs): every step of a
 * claim's proof and its end statement evaluated on every case the check generates (bounds/proofs
 * check-steps), summed into the result's `proof`, and the verdict rule: the end statement fails →
 * violated; a step fails while the end statement holds → violated as a broken proof; otherwise the
 * check's own verdict.
 */

/** How many failures per step the result keeps (the count is exact). */
export const FAILURES_SHOWN = 3;

/** A number for results.json: finite as is, else the string JSON cannot write as a number. */
export function proofNumber(x: number): ProofNumber {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** A proof number back as a number (for ordering and printing). */
export function fromProofNumber(x: ProofNumber): number {
  return typeof x === 'number' ? x : Number(x);
}

function evaluationOf(e: Evaluation): ProofEvaluation {
  return {
    caseLabel: e.caseLabel,
    scope: e.scope,
    lhs: proofNumber(e.lhs),
    rhs: proofNumber(e.rhs),
    slack: proofNumber(e.slack),
    allowance: proofNumber(e.allowance),
  };
}

const symbolicCache = new Map<string, SymbolicResult>();

/** An algebra step's symbolic decision (bounds/proofs/symbolic.ts), computed once per formula text. */
export function symbolicDecision(step: ProofStep): ProofSymbolic {
  const key = JSON.stringify([step.id, step.lhs, step.rhs, step.symbolic]);
  let result = symbolicCache.get(key);
  if (result === undefined) {
    result = checkSymbolically(step);
    symbolicCache.set(key, result);
  }
  return {
    method: result.method,
    simplified: result.simplified,
    ...(result.points === undefined ? {} : { points: result.points }),
    ...(result.worstResidual === undefined ? {} : { worstResidual: proofNumber(result.worstResidual) }),
  };
}

/** `claim` with only the steps in `selection` (all when it is undefined); unknown ids are an error. */
export function selectSteps(claim: ProvedClaim, selection: readonly string[] | undefined): ProvedClaim {
  if (selection === undefined) return claim;
  const known = new Set<string>((claim.steps ?? []).map((s) => s.id));
  const unknown = selection.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`claim ${claim.id} has no proof step ${unknown.join(',')}`);
  return { ...claim, steps: claim.steps?.filter((s) => selection.includes(s.id)) };
}

/** One step's (or the end statement's) results summed over cases. */
class StepAccumulator {
  casesChecked = 0;
  scopesChecked = 0;
  vacuousScopes = 0;
  failureCount = 0;
  tightest: Evaluation | undefined;
  readonly failures: Evaluation[] = [];

  constructor(
    readonly id: string,
    readonly kind: ProofStepSummary['kind'],
    readonly formula: StatementFormula,
    readonly symbolic?: ProofSymbolic,
  ) {}

  add(r: StepResult): void {
    this.casesChecked += r.casesChecked;
    this.scopesChecked += r.scopesChecked;
    this.vacuousScopes += r.vacuousScopes;
    this.failureCount += r.failureCount;
    if (r.tightest !== undefined && (this.tightest === undefined || !(r.tightest.slack >= this.tightest.slack))) this.tightest = r.tightest;
    for (const f of r.failures) if (this.failures.length < FAILURES_SHOWN) this.failures.push(f);
  }

  get violated(): boolean {
    return this.failureCount > 0 || this.symbolic?.method === 'failed';
  }

  summary(): ProofStepSummary {
    const { id, kind, formula, symbolic } = this;
    const verdict = this.violated ? 'violated' : this.scopesChecked === 0 ? 'vacuous' : 'holds';
    return {
      id,
      kind,
      relation: formula.relation,
      lhs: formula.lhs,
      rhs: formula.rhs,
      ...(formula.given ? { given: `${formula.given.lhs} ${formula.given.relation} ${formula.given.rhs}` } : {}),
      casesChecked: this.casesChecked,
      scopesChecked: this.scopesChecked,
      vacuousScopes: this.vacuousScopes,
      ...(this.tightest ? { tightest: evaluationOf(this.tightest) } : {}),
      failureCount: this.failureCount,
      failures: this.failures.map(evaluationOf),
      verdict,
      ...(symbolic ? { symbolic } : {}),
    };
  }
}

/** A failing case kept for a step: its failure there and the case itself (built only when kept). */
interface KeptFailure {
  readonly failure: Evaluation;
  readonly value: unknown;
}

/**
 * Evaluates a claim's proof case by case as the check generates its cases (`add`), keeping per
 * step the counts, the tightest evaluation, the first failures and the smallest failing case by
 * the check's own size order (SmallestCase); `summary()` gives the result's `proof`.
 */
export class ProofTally {
  private readonly checked: ProvedClaim;
  private readonly end: StepAccumulator | undefined;
  private readonly steps: StepAccumulator[];
  private readonly smallest = new Map<string, SmallestCase<KeptFailure>>();
  private cases = 0;

  /** `selection`: the step ids `--only` selected (CheckContext.steps); all steps when undefined. */
  constructor(
    readonly claim: ProvedClaim,
    private readonly selection?: readonly string[],
  ) {
    this.checked = selectSteps(claim, selection);
    this.end = claim.bound === undefined ? undefined : new StepAccumulator(claim.id, 'end statement', claim.bound);
    this.steps = (this.checked.steps ?? []).map(
      (s) => new StepAccumulator(s.id, s.kind, s, s.kind === 'algebra' && s.symbolic !== undefined ? symbolicDecision(s) : undefined),
    );
  }

  /** Checks every selected step and the end statement on one case; `value()` is the case as a counterexample, built only if it fails. */
  add(label: string, scopes: CaseScopes, size: number, value: () => unknown): void {
    this.cases++;
    const result = checkProof(this.checked, [{ label, scopes }]);
    let built: unknown;
    const keep = (r: StepResult | undefined) => {
      if (r === undefined || r.failureCount === 0) return;
      built ??= value();
      const kept = this.smallest.get(r.id) ?? new SmallestCase<KeptFailure>();
      this.smallest.set(r.id, kept);
      kept.offer(size, { failure: r.failures[0]!, value: built });
    };
    if (result.endStatement) this.end?.add(result.endStatement);
    keep(result.endStatement);
    result.steps.forEach((r, j) => {
      this.steps[j]!.add(r);
      keep(r);
    });
  }

  /** Whether any step (or the end statement) failed so far. */
  get failed(): boolean {
    return this.end?.violated === true || this.steps.some((s) => s.violated);
  }

  summary(): ProofSummary {
    const selected = new Set(this.steps.map((s) => s.id));
    const steps = (this.claim.steps ?? []).map((s) =>
      selected.has(s.id) ? this.steps.find((a) => a.id === s.id)!.summary() : notSelected(s),
    );
    const endStatement = this.end?.summary();
    const first = this.steps.find((s) => s.violated);
    const endFails = endStatement?.verdict === 'violated';
    const finding = endFails ? 'violated' : first !== undefined ? 'broken proof' : 'none';
    const firstKept = first === undefined ? undefined : this.smallest.get(first.id)?.value;
    const endKept = this.end === undefined ? undefined : this.smallest.get(this.end.id)?.value;
    return {
      finding,
      cases: this.cases,
      ...(this.selection ? { selectedSteps: [...this.selection] } : {}),
      ...(endStatement ? { endStatement } : {}),
      steps,
      ...(first && firstKept
        ? { firstFailingStep: { step: first.id, failure: evaluationOf(firstKept.failure), counterexample: firstKept.value } }
        : first
          ? { firstFailingStep: { step: first.id, failure: evaluationOf(first.failures[0] ?? noEvaluation()) } }
          : {}),
      ...(endFails && endKept ? { endStatementCounterexample: endKept.value } : {}),
    };
  }
}

function notSelected(step: ProofStep): ProofStepSummary {
  return {
    id: step.id,
    kind: step.kind,
    relation: step.relation,
    lhs: step.lhs,
    rhs: step.rhs,
    ...(step.given ? { given: `${step.given.lhs} ${step.given.relation} ${step.given.rhs}` } : {}),
    casesChecked: 0,
    scopesChecked: 0,
    vacuousScopes: 0,
    failureCount: 0,
    failures: [],
    verdict: 'not selected',
  };
}

/** A symbolic-only failure has no per-case evaluation: an empty one stands in. */
function noEvaluation(): Evaluation {
  return { caseLabel: 'symbolic check', scope: 0, lhs: NaN, rhs: NaN, slack: NaN, allowance: 0 };
}

/** The verdict rule: a failing end statement or a failing step makes the claim violated; else the check's own verdict stands. */
export function proofVerdict(own: Verdict, proof: ProofSummary): Verdict {
  return proof.finding === 'none' ? own : 'violated';
}

function printed(x: ProofNumber): string {
  return typeof x === 'number' ? x.toExponential(2) : x;
}

/** One sentence on the proof for the result's summary. */
export function proofSentence(proof: ProofSummary): string {
  const checked = proof.steps.filter((s) => s.verdict !== 'not selected');
  const which = proof.selectedSteps ? `step ${proof.selectedSteps.join(', ')} (selected)` : `${checked.length} proof steps`;
  const symbolic = checked.filter((s) => s.symbolic).map((s) => `${s.id} ${s.symbolic!.method}`);
  const algebra = symbolic.length > 0 ? `; algebra decided: ${symbolic.join(', ')}` : '';
  const first = proof.firstFailingStep;
  const at = first
    ? `step ${first.step} fails (${proof.steps.find((s) => s.id === first.step)?.failureCount ?? 0} scopes; at ${first.failure.caseLabel}, scope ${first.failure.scope}: lhs ${printed(first.failure.lhs)}, rhs ${printed(first.failure.rhs)}, slack ${printed(first.failure.slack)})`
    : '';
  if (proof.finding === 'violated')
    return `Proof: the end statement fails on ${proof.endStatement?.failureCount} scopes; ${first ? `the first failing step: ${at}` : 'no step fails: a gap in the chain'}${algebra}.`;
  if (proof.finding === 'broken proof')
    return `Broken proof: ${at} although the end statement holds on ${proof.cases} cases; a proof with a false step is a broken proof even when its conclusion holds${algebra}.`;
  return `Proof: ${which}${proof.endStatement ? ' and the end statement' : ''} hold on ${proof.cases} cases${algebra}.`;
}

/**
 * The fields a check's result gains from its proof: the verdict (proofVerdict), the summary with
 * the proof's sentence, `proof`, and the counterexample: the check's own when it has one, with the
 * proof's (first failing step and its smallest failing case) beside it.
 */
export function withProof(result: ClaimResult, proof: ProofSummary): Pick<ClaimResult, 'verdict' | 'summary' | 'proof' | 'counterexample'> {
  const own = result.counterexample;
  const fromProof =
    proof.finding === 'none'
      ? undefined
      : {
          finding: proof.finding,
          ...(proof.firstFailingStep ? { firstFailingStep: proof.firstFailingStep } : {}),
          ...(proof.endStatementCounterexample !== undefined ? { endStatementCase: proof.endStatementCounterexample } : {}),
        };
  const counterexample = fromProof === undefined ? own : own === undefined ? { proof: fromProof } : { proof: fromProof, check: own };
  return {
    verdict: proofVerdict(result.verdict, proof),
    summary: `${result.summary}. ${proofSentence(proof)}`,
    proof,
    ...(counterexample === undefined ? {} : { counterexample }),
  };
}
