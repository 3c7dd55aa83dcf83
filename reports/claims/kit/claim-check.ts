import type { ClaimId, Relation, StepKind } from '../../../bounds/registry';
import type { Rng } from '../../../theory/rng';

export const VERDICTS = ['holds', 'violated', 'inconclusive', 'reported'] as const;
/**
 * CLAIMS.md §4: the three verdicts, and `reported`, which is no verdict: the result of a claim of
 * kind `report` (CLAIMS.md §3), whose numbers are shown but could not be falsified. Only a
 * `report` claim is `reported` (run-results.ts checks it), and it never fails a run (outcome.ts).
 */
export type Verdict = (typeof VERDICTS)[number];

/** One plotted point; `lower`/`upper` give a confidence band where the value is an estimate. */
export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
  readonly lower?: number;
  readonly upper?: number;
}

/** A named curve for a claim's bound-against-measured plot. */
export interface Series {
  readonly name: string;
  /** 'bound' for a theoretical curve, 'measured' for an empirical one. */
  readonly role: 'bound' | 'measured' | 'reference';
  readonly points: readonly SeriesPoint[];
}

export interface Plot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly series: readonly Series[];
}

export type NumberValue = number | string | boolean;

/** A number of a proof summary: finite, or one of the strings JSON cannot write as a number (an overflowed side, a NaN). */
export type ProofNumber = number | 'Infinity' | '-Infinity' | 'NaN';

/** One evaluation of a step (or of the end statement) in one scope of one case. */
export interface ProofEvaluation {
  /** The case, as its check labels it (e.g. `case 12` or `case 12, point 3`). */
  readonly caseLabel: string;
  /** The index of the scope within the case and step (e.g. the point, the center b ≠ z). */
  readonly scope: number;
  readonly lhs: ProofNumber;
  readonly rhs: ProofNumber;
  /** rhs − lhs for ≤ and <; −|lhs − rhs| for =. */
  readonly slack: ProofNumber;
  /** The negative slack rounding (or sampling) allows there. */
  readonly allowance: ProofNumber;
}

/** How an algebra step was decided besides its per-case evaluation (bounds/proofs/symbolic.ts). */
export interface ProofSymbolic {
  /** `simplify`/`rationalize`: lhs − rhs reduced to 0 symbolically; `numerical`: by the BigNumber fallback; `failed`: neither. */
  readonly method: 'simplify' | 'rationalize' | 'numerical' | 'failed';
  /** What simplify left of lhs − rhs. */
  readonly simplified: string;
  /** Numerical fallback only: points evaluated and the largest relative residual. */
  readonly points?: number;
  readonly worstResidual?: ProofNumber;
}

/** One proof step (or the end statement) over all of a check's cases. */
export interface ProofStepSummary {
  /** The step id (`B2.3`), or the claim id for the end statement. */
  readonly id: string;
  readonly kind: StepKind | 'end statement';
  readonly relation: Relation;
  /** The two sides as mathjs text (the registry's single source). */
  readonly lhs: string;
  readonly rhs: string;
  /** The hypothesis, as mathjs text `lhs relation rhs`, when the step is an implication. */
  readonly given?: string;
  readonly casesChecked: number;
  readonly scopesChecked: number;
  /** Scopes whose hypothesis failed (the step says nothing there). */
  readonly vacuousScopes: number;
  /** The evaluation with the smallest slack. */
  readonly tightest?: ProofEvaluation;
  readonly failureCount: number;
  /** The first few failures, in case order. */
  readonly failures: readonly ProofEvaluation[];
  /** `not selected`: left out by `--only <step>`. */
  readonly verdict: 'holds' | 'violated' | 'vacuous' | 'not selected';
  /** Algebra steps: the symbolic decision. */
  readonly symbolic?: ProofSymbolic;
}

/**
 * A claim's proof checked on every case of its check: per step and for the end statement (the
 * registry's `bound`), and the finding. `violated`: the end statement fails (firstFailingStep names
 * where the chain breaks); `broken proof`: a step fails while the end statement holds; `none`.
 */
export interface ProofSummary {
  readonly finding: 'none' | 'violated' | 'broken proof';
  /** Cases the proof was evaluated on. */
  readonly cases: number;
  /** The steps checked when `--only <step id>` selected some (all steps otherwise). */
  readonly selectedSteps?: readonly string[];
  readonly endStatement?: ProofStepSummary;
  readonly steps: readonly ProofStepSummary[];
  /** The first failing step in proof order, its failure on the smallest failing case, and that case. */
  readonly firstFailingStep?: {
    readonly step: string;
    readonly failure: ProofEvaluation;
    readonly counterexample?: unknown;
  };
  /** The smallest case (by the check's size order) on which the end statement fails. */
  readonly endStatementCounterexample?: unknown;
}

/** The claims table's row of a result (issue 12): what the verdict tests, against what was measured. */
export interface Headline {
  /** The bound or level as text, with where it is tightest, e.g. `2(k−1)Φ(−Δ/2σ) + 0.01 = 0.0555 at k=3, Δ/σ=4`. */
  readonly bound: string;
  /** The worst measured value against it (the nearest to or beyond the bound), as text with its cell; for a confidence-bounded test, the confidence bound that decides. */
  readonly measured: string;
  /** bound − measured in the claim's units (negative: beyond the bound); absent for a `report` claim. */
  readonly margin?: number;
}

/** What a claim's check returns; every number is finite (checked before writing). */
export interface ClaimResult {
  readonly id: ClaimId;
  readonly verdict: Verdict;
  /** One line: the bound beside the measured worst case. */
  readonly summary: string;
  /** The claims table's row: the bound (or level) the verdict tests, the worst measured value against it, the margin. */
  readonly headline: Headline;
  /** Key numbers, by name. */
  readonly numbers: Readonly<Record<string, NumberValue>>;
  /** Number of generated cases, instances or repetitions the verdict rests on. */
  readonly samples: number;
  /** CLAIMS.md §4: the probability that the check fails although the claim holds (0 for deterministic checks). */
  readonly failureProbability: number;
  /** The smallest case found that violates the claim, when the verdict is `violated`. */
  readonly counterexample?: unknown;
  readonly plots?: readonly Plot[];
  /** Free-form notes: regime, cuts made for time, what was left out. */
  readonly notes?: readonly string[];
  /** Claims with a proof in the registry (CLAIMS.md §3): every step checked on every case. */
  readonly proof?: ProofSummary;
}

export interface Progress {
  /** Reports that `done` of `total` units of the check are finished. */
  tick(done: number, total: number): void;
}

/** The two run scales, spelled as `tvem reproduce` (quick with --quick) and run.json name them. */
export const SCALE_NAMES = ['quick', 'default'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

/**
 * A claim's sizes at each scale (grids, sample caps, training steps), one typed object per scale
 * with the same keys. The resolved one is saved in run.json and handed to the check.
 */
export type ClaimScales<Scale> = { readonly [name in ScaleName]: Scale };

export interface CheckContext<Scale = unknown> {
  /** The run's seed; `rng` is this claim's own stream split from it. */
  readonly seed: number;
  readonly rng: Rng;
  /** Quick (smoke) scale instead of the default scale. */
  readonly quick: boolean;
  /** The claim's resolved scale: `scales.quick` or `scales.default`. */
  readonly scale: Scale;
  readonly progress: Progress;
  /** `--only B2.3`: the ids of the proof steps to check (the others are not evaluated); all steps when absent. */
  readonly steps?: readonly string[];
}

/** A claim's experiment: one file per claim under reports/claims/. */
export interface ClaimCheck<Scale = unknown> {
  readonly id: ClaimId;
  readonly scales: ClaimScales<Scale>;
  run(context: CheckContext<Scale>): Promise<ClaimResult>;
}

/** The scale a run uses: `--quick` picks `quick`, else `default`. */
export function scaleName(quick: boolean): ScaleName {
  return quick ? 'quick' : 'default';
}
