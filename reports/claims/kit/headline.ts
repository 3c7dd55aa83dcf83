import { formatNumber } from '../../render/format-number';
import type { Headline } from './claim-check';

/** A number as a headline prints it: the reports' 3 significant digits. */
export const shown = formatNumber;

/**
 * The claims table's row (issue 12). `margin` is bound − measured in the claim's units; a
 * non-finite margin (a NaN or overflowed measurement) is left out, and the measured text shows it.
 */
export function headline(bound: string, measured: string, margin?: number): Headline {
  return margin !== undefined && Number.isFinite(margin) ? { bound, measured, margin } : { bound, measured };
}

/** One limit a verdict rests on, with the worst measured value against it and where it was found. */
export interface LimitCheck {
  /** What is limited, e.g. 'relative log-likelihood decrease'. */
  readonly quantity: string;
  /** `at most`: the claim needs measured ≤ limit; `at least`: measured ≥ limit. */
  readonly side: 'at most' | 'at least';
  readonly limit: number;
  readonly measured: number;
  /** Where the measured value was found, with its preposition, e.g. 'at case 3 (k=3, n=40)' or 'among 600 runs'. */
  readonly where: string;
}

/** How far inside its limit a check is: limit − measured for `at most`, measured − limit for `at least`. */
function marginOf(check: LimitCheck): number {
  return check.side === 'at most' ? check.limit - check.measured : check.measured - check.limit;
}

/**
 * The check nearest to or beyond its limit, among a claim's limits in different units: any check
 * beyond its limit first, else the largest measured/limit of the `at most` checks with a positive limit.
 */
export function tightestLimit(checks: readonly [LimitCheck, ...LimitCheck[]]): LimitCheck {
  const tightness = (c: LimitCheck): number =>
    !(marginOf(c) >= 0) ? Infinity : c.side === 'at most' && c.limit > 0 ? c.measured / c.limit : 0;
  return checks.reduce((tightest, c) => (tightness(c) > tightness(tightest) ? c : tightest));
}

/** The row of one limit: `quantity ≤ limit`, the measured value at its cell, and the margin. */
export function limitHeadline(check: LimitCheck): Headline {
  const relation = check.side === 'at most' ? '≤' : '≥';
  return headline(`${check.quantity} ${relation} ${shown(check.limit)}`, `${shown(check.measured)} ${check.where}`, marginOf(check));
}
