import type { MethodErrors } from '../../../model/clustering/method-comparison';
import { bandPoint } from './bands';
import type { Series } from './claim-check';

/** The methods compared on the same instances (claims F3, G1). */
export type Method = keyof MethodErrors;

/** One x of a method plot: the methods' per-instance errors there, in an interval of width `range`. */
export interface MethodPoint {
  readonly x: number;
  readonly errors: MethodErrors;
  readonly range: number;
}

/** The series name of each method, e.g. 'Lloyd (same init)'. */
export type MethodNames = { readonly [method in Method]: string };

const ROLES = { transformer: 'measured', lloyd: 'reference', em: 'reference', oracle: 'reference' } as const;

/**
 * Claims F3, G1: one series per method, in the order transformer, Lloyd, EM, oracle (the
 * transformer measured, the others references), each mean with its pointwise band.
 */
export function methodSeries(points: readonly MethodPoint[], names: MethodNames): Series[] {
  return (['transformer', 'lloyd', 'em', 'oracle'] as const).map((method) => ({
    name: names[method],
    role: ROLES[method],
    points: points.map((p) => bandPoint(p.x, p.errors[method], p.range)),
  }));
}
