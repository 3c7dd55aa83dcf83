import { all, type BigNumber, create, type MathNode } from 'mathjs';
import type { ProofStep } from '../registry';
import { math } from './formula';

/**
 * Extra rewrite rules for mathjs simplify, each an identity on the domain where the formulas are
 * used (the argument of log positive): exp(log t) = t and exp(−log t) = 1/t.
 */
export const EXTRA_RULES = ['exp(log(n1)) -> n1', 'exp(-log(n1)) -> 1 / n1', 'log(exp(n1)) -> n1'] as const;

/** Digits of the numerical fallback (mathjs BigNumber). */
export const FALLBACK_PRECISION = 64;
/** Random points of the numerical fallback. */
export const FALLBACK_POINTS = 200;
/** The fallback accepts |lhs − rhs| ≤ 10^−(FALLBACK_PRECISION − 10)·max(1, |lhs|, |rhs|): 10 digits for cancellation. */
export const FALLBACK_RELATIVE = 10 ** -(FALLBACK_PRECISION - 10);

const big = create(all!, { number: 'BigNumber', precision: FALLBACK_PRECISION });

/** How an algebra step was decided. */
export interface SymbolicResult {
  readonly step: string;
  /** `simplify`/`rationalize`: reduced to 0 by mathjs; `numerical`: by the BigNumber fallback; `failed`: neither. */
  readonly method: 'simplify' | 'rationalize' | 'numerical' | 'failed';
  /** lhs − rhs after substitution, and what simplify left of it. */
  readonly expression: string;
  readonly simplified: string;
  /** Numerical fallback only: points evaluated and the largest relative residual. */
  readonly points?: number;
  readonly worstResidual?: number;
  /** Numerical fallback only: the point with the largest residual. */
  readonly worstPoint?: Readonly<Record<string, number>>;
}

/** `node` with every subexpression whose text is a key of `substitute` replaced by its value (parsed). */
export function substitute(node: MathNode, replacements: Readonly<Record<string, string>>): MathNode {
  const targets = new Map(Object.entries(replacements).map(([from, to]) => [math.parse(from).toString(), math.parse(to)]));
  return node.transform((n) => {
    const hit = targets.get(n.toString());
    return hit === undefined ? n : hit.cloneDeep();
  });
}

function isZero(node: MathNode): boolean {
  return math.isConstantNode(node) && Number(node.value) === 0;
}

/** A small deterministic generator for the fallback's points (the check must be replayable). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Checks an algebra step symbolically: (lhs) − (rhs), with the step's substitutions (definitions
 * and, for an inequality, the equality case), must simplify to 0 — by mathjs simplify with
 * EXTRA_RULES, else by rationalize then simplify. Where mathjs cannot decide (abs, sqrt,
 * non-polynomial terms), it evaluates lhs − rhs at FALLBACK_POINTS random points of the step's
 * ranges in BigNumber with FALLBACK_PRECISION digits and says the step was decided numerically.
 */
export function checkSymbolically(step: Pick<ProofStep, 'id' | 'lhs' | 'rhs' | 'symbolic'>, seed = 1): SymbolicResult {
  const replacements = step.symbolic?.substitute ?? {};
  const difference = substitute(math.parse(`(${step.lhs}) - (${step.rhs})`), replacements);
  const expression = difference.toString();
  const rules = [...math.simplify.rules, ...EXTRA_RULES];
  const simplified = math.simplify(difference, rules);
  if (isZero(simplified)) return { step: step.id, method: 'simplify', expression, simplified: simplified.toString() };
  try {
    const rational = math.simplify(math.rationalize(simplified), rules);
    if (isZero(rational)) return { step: step.id, method: 'rationalize', expression, simplified: simplified.toString() };
  } catch {
    // not a rational function of its symbols: fall through to the numerical check
  }
  const symbols = [
    ...new Set(
      difference
        .filter((n) => math.isSymbolNode(n))
        .map((n) => (n as MathNode & { name: string }).name)
        .filter((name) => !(name in math)),
    ),
  ].sort();
  const sides = substitute(math.parse(`[${step.lhs}, ${step.rhs}]`), replacements).toString();
  const code = big.parse(sides).compile();
  const random = mulberry32(seed);
  let worstResidual = 0;
  let worstPoint: Record<string, number> = {};
  for (let p = 0; p < FALLBACK_POINTS; p++) {
    const point: Record<string, number> = {};
    const scope: Record<string, unknown> = {};
    for (const name of symbols) {
      const [lo, hi] = step.symbolic?.ranges?.[name] ?? [0.1, 10];
      point[name] = lo + (hi - lo) * random();
      scope[name] = big.bignumber(point[name]);
    }
    const [l, r] = (code.evaluate(scope) as { toArray(): unknown[] }).toArray() as [BigNumber, BigNumber];
    const size = big.max(big.bignumber(1), big.abs(l), big.abs(r)) as BigNumber;
    const asNumber = (big.abs(big.subtract(l, r)) as BigNumber).div(size).toNumber();
    if (p === 0 || !(asNumber <= worstResidual)) {
      worstResidual = Number.isNaN(asNumber) ? Infinity : asNumber;
      worstPoint = point;
    }
  }
  return {
    step: step.id,
    method: worstResidual <= FALLBACK_RELATIVE ? 'numerical' : 'failed',
    expression,
    simplified: simplified.toString(),
    points: FALLBACK_POINTS,
    worstResidual,
    worstPoint,
  };
}
