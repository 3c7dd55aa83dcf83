import { all, create, type EvalFunction, type MathNode } from 'mathjs';
import { phi } from '../../theory/normal';

/**
 * The one mathjs instance of the proof engine (float64 numbers). Besides mathjs's own functions it
 * knows Φ, the standard normal CDF, as `Phi` (theory phi, accurate in the lower tail; elementwise
 * on arrays), for claim F1. Comparisons are exact: mathjs compares numbers within a relative
 * tolerance (1e-12 by default), so `max`, `min`, `<=` would treat numbers a few ulps apart as equal
 * and hide exactly the rounding the steps measure (B1's E_s was 0 where the scores differ by 2 ulps).
 * relTol must be > 0: the smallest positive number makes relTol·|x| underflow to 0 below 2^52.
 */
export const math = create(all!, { relTol: Number.MIN_VALUE, absTol: 0 });

function elementwisePhi(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(elementwisePhi);
  if (math.isMatrix(x)) return math.map(x, (v: number) => phi(v));
  return phi(Number(x));
}
// mathjs's own template syntax for a custom function's TeX (not a JS template literal)
// biome-ignore lint/suspicious/noTemplateCurlyInString: mathjs fills ${args[0]}, not JavaScript
const Phi = Object.assign(elementwisePhi, { toTex: '\\Phi\\left(${args[0]}\\right)' });
math.import({ Phi }, { override: true });

/** A value of a scope: a number, a vector or a matrix (rows) of numbers. */
export type ScopeValue = number | readonly number[] | readonly (readonly number[])[];
/** The values of a formula's symbols. */
export type Scope = Readonly<Record<string, ScopeValue>>;

/** A formula parsed and compiled once: evaluate it many times, typeset it with `tex`. */
export interface CompiledFormula {
  readonly text: string;
  readonly node: MathNode;
  /** The formula in TeX (mathjs toTex, with the symbol names of TEX_SYMBOLS). */
  readonly tex: string;
  /** The formula's value in `scope` (a number, a boolean, an array or a mathjs Matrix). */
  evaluate(scope: Scope): unknown;
}

const cache = new Map<string, CompiledFormula>();

/** Parses `text` once, compiles it once (mathjs `compile()`), and caches the result by text. */
export function compileFormula(text: string): CompiledFormula {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const node = math.parse(text);
  const code: EvalFunction = node.compile();
  const compiled: CompiledFormula = {
    text,
    node,
    tex: texOf(node),
    // mathjs reads the scope without writing to it (the formulas hold no assignments)
    evaluate: (scope) => code.evaluate({ ...scope }),
  };
  cache.set(text, compiled);
  return compiled;
}

/** TeX of `lhs relation rhs`. */
export function relationTex(lhs: string, relation: string, rhs: string): string {
  const op = { '=': '=', '<=': '\\le', '<': '<', '>=': '\\ge', '>': '>' }[relation] ?? relation;
  return `${compileFormula(lhs).tex} ${op} ${compileFormula(rhs).tex}`;
}

/** Symbols whose TeX is not their name split at `_`. */
export const TEX_SYMBOLS: Readonly<Record<string, string>> = {
  xmu_a: '\\langle x,\\mu_{a}\\rangle',
  mm_a: '\\|\\mu_{a}\\|^{2}',
  xx: '\\|x\\|^{2}',
  Dp_a: "D'_{a^*}",
  D_a: 'D_{a}',
  Dp_b: "D'_{b}",
  Dp_c: "D'_{c}",
  Dp_others: "D'_{b\\ne a^*}",
  D_others: 'D_{b\\ne a^*}',
  r_others: 'r_{b\\ne a^*}',
  w_off: 'w_{b\\ne z}',
  maxdev: '\\max_i\\|X_i-\\bar X_a\\|',
  out_a: '\\mathrm{out}_{a}',
  mean_a: '\\bar X_{a}',
  s_off: 's_{\\hat z_i\\ne a}',
  ft: '\\tilde f(x)',
  fx: 'f(x)',
  dF: '\\Delta F',
  phat_ab: '\\hat p_{ab}',
  err_a: '\\widehat{\\mathrm{err}}_{a}',
  s_head: 's^{\\mathrm{head}}',
  s_ref: 's^{\\mathrm{ref}}',
  w_head: 'w^{\\mathrm{head}}',
  w_ref: 'w^{\\mathrm{ref}}',
  u_head: 'u_{\\mathrm{head}}',
};

const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'sigma', 'mu', 'tau', 'pi', 'lambda', 'Delta', 'Phi']);

function nameTex(part: string): string {
  if (GREEK.has(part)) return `\\${part}`;
  return part.length === 1 || /^[0-9]+$/.test(part) ? part : `\\mathrm{${part}}`;
}

/** A symbol's TeX: TEX_SYMBOLS, else `base_sub` as base_{sub} with Greek names as commands. */
export function symbolTex(name: string): string {
  const special = TEX_SYMBOLS[name];
  if (special !== undefined) return special;
  const [base = name, ...rest] = name.split('_');
  return rest.length === 0 ? nameTex(base) : `${nameTex(base)}_{${rest.map(nameTex).join(',')}}`;
}

function texOf(node: MathNode): string {
  return node.toTex({
    parenthesis: 'auto',
    implicit: 'hide',
    // a leading space keeps `\\cdot` and the symbol apart, as mathjs's own symbols do
    handler: (n: MathNode) => (math.isSymbolNode(n) && !(n.name in math) ? ` ${symbolTex(n.name)}` : undefined),
  });
}

/** A formula's value as a flat list of numbers (booleans as 0/1; a Matrix or nested arrays flattened). */
export function toNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'boolean') return [value ? 1 : 0];
  if (math.isMatrix(value)) return toNumbers(value.toArray());
  if (Array.isArray(value)) return value.flatMap(toNumbers);
  if (math.isBigNumber(value)) return [value.toNumber()];
  throw new TypeError(`not a number, array or matrix: ${String(value)}`);
}
