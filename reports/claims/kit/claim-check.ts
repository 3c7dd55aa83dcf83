import type { ClaimId } from '../../../bounds/registry';
import type { Rng } from '../../../theory/rng';

export const VERDICTS = ['holds', 'violated', 'inconclusive'] as const;
/** CLAIMS.md §4: the three verdicts. */
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

/** What a claim's check returns; every number is finite (checked before writing). */
export interface ClaimResult {
  readonly id: ClaimId;
  readonly verdict: Verdict;
  /** One line: the bound beside the measured worst case. */
  readonly summary: string;
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
}

/** A claim's experiment: one file per claim under reports/claims/. */
export interface ClaimCheck<Scale = unknown> {
  readonly id: ClaimId;
  readonly scales?: ClaimScales<Scale>;
  run(context: CheckContext<Scale>): Promise<ClaimResult>;
}

/** The scale a run uses: `--quick` picks `quick`, else `default`. */
export function scaleName(quick: boolean): ScaleName {
  return quick ? 'quick' : 'default';
}
