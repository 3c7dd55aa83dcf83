import type { ClaimEntry, ProofStep, Relation, StatementFormula } from '../registry';
import { compileFormula, type Scope, toNumbers } from './formula';

/** The float64 unit roundoff, `u` in every tolerance formula. */
export const UNIT_ROUNDOFF = 2 ** -53;
/** The smallest positive float64 (2⁻¹⁰⁷⁴), `eta` in tolerance formulas: the absolute rounding of a result that underflows. */
export const UNDERFLOW_UNIT = Number.MIN_VALUE;

/** What the engine needs of a claim: its constants, definitions, end statement and steps (a registry entry or a variant of one). */
export type ProvedClaim = Pick<ClaimEntry, 'id' | 'constants' | 'definitions' | 'bound' | 'steps'>;

/** The scopes of one case: per step id, one scope per instance of the step (e.g. one per b ≠ z); `bound` for the end statement. */
export interface CaseScopes {
  readonly steps: Readonly<Record<string, readonly Scope[]>>;
  readonly bound: readonly Scope[];
}

/** A generated case, labelled so that a result can name it (a seed, a fast-check path, an index). */
export interface ProofCase {
  readonly label: string;
  readonly scopes: CaseScopes;
}

/** One evaluation of a relation in one scope. */
export interface Evaluation {
  readonly caseLabel: string;
  /** The index of the scope within its case and step. */
  readonly scope: number;
  /** Left and right side (for a vector identity, the entry where they differ most). */
  readonly lhs: number;
  readonly rhs: number;
  /** rhs − lhs for ≤ and <; −|lhs − rhs| (the largest over entries) for =. */
  readonly slack: number;
  /** How much negative slack rounding (or sampling) allows: the step's tolerance in this scope. */
  readonly allowance: number;
}

export type StepVerdict = 'holds' | 'violated' | 'vacuous';

/** A step's (or an end statement's) result over all cases: what results.json carries per step. */
export interface StepResult {
  /** The step id (e.g. `B2.3`), or the claim id for its end statement. */
  readonly id: string;
  readonly kind: ProofStep['kind'] | 'end statement';
  readonly relation: Relation;
  readonly lhs: string;
  readonly rhs: string;
  /** Cases in which the step was evaluated in at least one scope (not vacuous). */
  readonly casesChecked: number;
  readonly scopesChecked: number;
  /** Scopes whose hypothesis (`given`) failed, so the step says nothing there. */
  readonly vacuousScopes: number;
  /** The evaluation with the smallest slack (undefined when nothing was checked). */
  readonly tightest: Evaluation | undefined;
  readonly failureCount: number;
  /** The first failures, in case order (at most MAX_FAILURES_KEPT). */
  readonly failures: readonly Evaluation[];
  readonly verdict: StepVerdict;
}

/**
 * A claim's proof checked on cases. `finding`: `violated` when the end statement fails (the first
 * failing step names where the proof breaks, or none fails: a gap in the chain); `broken proof`
 * when the end statement holds but a step fails (a proof with a false step is broken even when its
 * conclusion happens to hold); `none` otherwise.
 */
export interface ProofResult {
  readonly claim: string;
  readonly endStatement: StepResult | undefined;
  readonly steps: readonly StepResult[];
  readonly firstFailingStep: { readonly step: string; readonly failure: Evaluation } | undefined;
  readonly finding: 'none' | 'violated' | 'broken proof';
}

export const MAX_FAILURES_KEPT = 10;

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

/** `scope` with u, eta, the claim's constants and its definitions (in order) added. */
export function completeScope(claim: ProvedClaim, scope: Scope): Scope {
  const out: Record<string, Scope[string]> = { u: UNIT_ROUNDOFF, eta: UNDERFLOW_UNIT, ...claim.constants, ...scope };
  for (const [name, text] of Object.entries(claim.definitions ?? {})) out[name] = compileFormula(text).evaluate(out) as Scope[string];
  return out;
}

function hypothesisHolds(formula: StatementFormula, scope: Scope): boolean {
  if (formula.given === undefined) return true;
  const left = toNumbers(compileFormula(formula.given.lhs).evaluate(scope));
  const right = toNumbers(compileFormula(formula.given.rhs).evaluate(scope));
  const compare = COMPARE[formula.given.relation]!;
  const width = Math.max(left.length, right.length);
  for (let j = 0; j < width; j++) {
    const l = left.length === 1 ? left[0]! : left[j]!;
    const r = right.length === 1 ? right[0]! : right[j]!;
    if (!compare(l, r)) return false;
  }
  return true;
}

function scalar(values: number[], side: string, formula: StatementFormula): number {
  if (values.length !== 1) throw new TypeError(`${side} of ${formula.lhs} ${formula.relation} ${formula.rhs} is not a number`);
  return values[0]!;
}

/**
 * `formula` in one complete scope: undefined when its hypothesis fails, else the evaluation and
 * whether it fails. An inequality fails when its slack is below −allowance (a strict one with
 * allowance 0 also at slack 0: within rounding ≤ and < cannot be told apart); an identity when
 * |lhs − rhs| exceeds the allowance; NaN on either side always fails.
 */
export function evaluateRelation(
  formula: StatementFormula,
  scope: Scope,
  caseLabel: string,
  index: number,
): { evaluation: Evaluation; fails: boolean } | undefined {
  if (!hypothesisHolds(formula, scope)) return undefined;
  const left = toNumbers(compileFormula(formula.lhs).evaluate(scope));
  const right = toNumbers(compileFormula(formula.rhs).evaluate(scope));
  let lhs: number;
  let rhs: number;
  let slack: number;
  if (formula.relation === '=') {
    if (left.length !== right.length && right.length !== 1 && left.length !== 1)
      throw new TypeError(`sides of ${formula.lhs} = ${formula.rhs} have ${left.length} and ${right.length} entries`);
    const width = Math.max(left.length, right.length);
    let worst = -1;
    lhs = NaN;
    rhs = NaN;
    for (let j = 0; j < width; j++) {
      const l = left.length === 1 ? left[0]! : left[j]!;
      const r = right.length === 1 ? right[0]! : right[j]!;
      const gap = Math.abs(l - r);
      if (!(gap <= worst)) {
        worst = Number.isNaN(gap) ? Infinity : gap;
        lhs = l;
        rhs = r;
      }
    }
    slack = Number.isNaN(lhs) || Number.isNaN(rhs) ? NaN : -worst;
  } else {
    lhs = scalar(left, 'the left side', formula);
    rhs = scalar(right, 'the right side', formula);
    slack = rhs - lhs;
  }
  const size = Math.max(Math.abs(lhs), Math.abs(rhs));
  const tolerance = formula.tolerance;
  const absolute =
    tolerance?.absolute === undefined ? 0 : scalar(toNumbers(compileFormula(tolerance.absolute).evaluate(scope)), 'tolerance', formula);
  const relative =
    tolerance?.relative === undefined ? 0 : scalar(toNumbers(compileFormula(tolerance.relative).evaluate(scope)), 'tolerance', formula);
  const allowance = absolute + relative * (Number.isFinite(size) ? size : 0);
  const strictAtZero = formula.relation === '<' && allowance === 0;
  const fails = Number.isNaN(slack) || (strictAtZero ? !(slack > 0) : slack < -allowance);
  return { evaluation: { caseLabel, scope: index, lhs, rhs, slack, allowance }, fails };
}

/** Accumulates one step's evaluations over cases. */
class StepTally {
  casesChecked = 0;
  scopesChecked = 0;
  vacuousScopes = 0;
  tightest: Evaluation | undefined;
  failureCount = 0;
  readonly failures: Evaluation[] = [];

  constructor(
    readonly id: string,
    readonly kind: StepResult['kind'],
    readonly formula: StatementFormula,
  ) {}

  /** Evaluates every scope of one case; returns whether the step failed in it. */
  add(claim: ProvedClaim, scopes: readonly Scope[], caseLabel: string): boolean {
    let checked = false;
    let failed = false;
    scopes.forEach((scope, index) => {
      const outcome = evaluateRelation(this.formula, completeScope(claim, scope), caseLabel, index);
      if (outcome === undefined) {
        this.vacuousScopes++;
        return;
      }
      checked = true;
      this.scopesChecked++;
      const { evaluation, fails } = outcome;
      if (this.tightest === undefined || !(evaluation.slack >= this.tightest.slack)) this.tightest = evaluation;
      if (fails) {
        failed = true;
        this.failureCount++;
        if (this.failures.length < MAX_FAILURES_KEPT) this.failures.push(evaluation);
      }
    });
    if (checked) this.casesChecked++;
    return failed;
  }

  result(): StepResult {
    const { id, kind, formula, casesChecked, scopesChecked, vacuousScopes, tightest, failureCount, failures } = this;
    const verdict: StepVerdict = failureCount > 0 ? 'violated' : scopesChecked === 0 ? 'vacuous' : 'holds';
    return {
      id,
      kind,
      relation: formula.relation,
      lhs: formula.lhs,
      rhs: formula.rhs,
      casesChecked,
      scopesChecked,
      vacuousScopes,
      tightest,
      failureCount,
      failures,
      verdict,
    };
  }
}

/**
 * Checks a claim's end statement and every step of its proof on `cases`: per step, the cases and
 * scopes checked, the tightest evaluation (smallest slack) and the failures; then the first failing
 * step in proof order and the finding (ProofResult). Pure: the same cases give the same result.
 */
export function checkProof(claim: ProvedClaim, cases: readonly ProofCase[]): ProofResult {
  const steps = (claim.steps ?? []).map((step) => new StepTally(step.id, step.kind, step));
  const end = claim.bound === undefined ? undefined : new StepTally(claim.id, 'end statement', claim.bound);
  for (const c of cases) {
    end?.add(claim, c.scopes.bound, c.label);
    for (const step of steps) step.add(claim, c.scopes.steps[step.id] ?? [], c.label);
  }
  const stepResults = steps.map((s) => s.result());
  const endStatement = end?.result();
  const first = firstFailingStep(stepResults);
  const finding = endStatement?.verdict === 'violated' ? 'violated' : first !== undefined ? 'broken proof' : 'none';
  return { claim: claim.id, endStatement, steps: stepResults, firstFailingStep: first, finding };
}

/** The first step, in proof order, that failed on some case, with its first failure. */
export function firstFailingStep(steps: readonly StepResult[]): ProofResult['firstFailingStep'] {
  const step = steps.find((s) => s.verdict === 'violated');
  return step === undefined ? undefined : { step: step.id, failure: step.failures[0]! };
}

/**
 * One case checked alone: the ids that fail on it, the end statement first (as the claim id).
 * For fast-check: `fc.property(arbitrary, (c) => failingOnCase(claim, toScopes(c)).length === 0)`
 * shrinks a counterexample, and the first step id after the claim's names where the proof breaks.
 */
export function failingOnCase(claim: ProvedClaim, scopes: CaseScopes): string[] {
  const result = checkProof(claim, [{ label: 'case', scopes }]);
  return [
    ...(result.endStatement?.verdict === 'violated' ? [claim.id] : []),
    ...result.steps.filter((s) => s.verdict === 'violated').map((s) => s.id),
  ];
}

/**
 * A variant of a claim with some formulas replaced (a negative control): `steps` maps a step id to
 * the fields to override; `bound` and `definitions` override the end statement's fields and the
 * definitions. The registry entry itself is never changed.
 */
export function claimVariant(
  claim: ProvedClaim,
  changes: {
    readonly steps?: Readonly<Record<string, Partial<ProofStep>>>;
    readonly bound?: Partial<StatementFormula>;
    readonly definitions?: Readonly<Record<string, string>>;
  },
): ProvedClaim {
  return {
    id: claim.id,
    constants: claim.constants,
    definitions: { ...claim.definitions, ...changes.definitions },
    bound: claim.bound === undefined ? undefined : { ...claim.bound, ...changes.bound },
    steps: claim.steps?.map((step) => ({ ...step, ...changes.steps?.[step.id] })),
  };
}
