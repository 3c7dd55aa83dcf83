import {
  checkProof,
  claimVariant,
  completeScope,
  evaluateRelation,
  failingOnCase,
  firstFailingStep,
  MAX_FAILURES_KEPT,
  type ProofCase,
  type ProvedClaim,
  UNDERFLOW_UNIT,
  UNIT_ROUNDOFF,
} from '../bounds/proofs/check-steps';
import { compileFormula, math, relationTex, symbolTex, TEX_SYMBOLS, toNumbers } from '../bounds/proofs/formula';
import type { ProofStep, StatementFormula } from '../bounds/registry';

/**
 * Known answers for the proof engine (bounds/proofs/check-steps.ts, formula.ts): relations and
 * hypotheses evaluated on hand-made scopes whose values are worked by hand, each comparison at its
 * boundary (slack exactly 0, just inside and just outside the allowance).
 */

const f = (lhs: string, relation: StatementFormula['relation'], rhs: string, extra: Partial<StatementFormula> = {}): StatementFormula => ({
  lhs,
  relation,
  rhs,
  quantities: {},
  ...extra,
});

const outcome = (formula: StatementFormula, scope: Record<string, number | number[]>) => evaluateRelation(formula, scope, 'c', 3);

describe('evaluateRelation: known answers at each boundary', () => {
  test('≤: slack rhs − lhs; holds at slack 0, fails just below', () => {
    expect(outcome(f('a', '<=', 'b'), { a: 2, b: 5 })).toEqual({
      evaluation: { caseLabel: 'c', scope: 3, lhs: 2, rhs: 5, slack: 3, allowance: 0 },
      fails: false,
    });
    expect(outcome(f('a', '<=', 'b'), { a: 5, b: 5 })?.fails).toBe(false);
    expect(outcome(f('a', '<=', 'b'), { a: 5, b: 4 })?.evaluation.slack).toBe(-1);
    expect(outcome(f('a', '<=', 'b'), { a: 5, b: 4 })?.fails).toBe(true);
  });

  test('comparisons are exact, not within mathjs’s default relative tolerance 1e-12', () => {
    const a = 1 + 2 ** -52;
    expect(outcome(f('a', '<=', 'b'), { a, b: 1 })?.fails).toBe(true);
    expect(compileFormula('max(a, b)').evaluate({ a, b: 1 })).toBe(a);
    expect(compileFormula('a == b').evaluate({ a, b: 1 })).toBe(false);
  });

  test('<: with no allowance, slack 0 fails (≤ and < cannot be told apart within rounding); positive slack holds', () => {
    expect(outcome(f('a', '<', 'b'), { a: 5, b: 5 })?.fails).toBe(true);
    expect(outcome(f('a', '<', 'b'), { a: 4, b: 5 })?.fails).toBe(false);
    expect(outcome(f('a', '<', 'b'), { a: 6, b: 5 })?.fails).toBe(true);
  });

  test('<: with an allowance, slack 0 holds and the allowance is the limit', () => {
    const strict = f('a', '<', 'b', { tolerance: { absolute: '1', why: '' } });
    expect(outcome(strict, { a: 5, b: 5 })?.fails).toBe(false);
    expect(outcome(strict, { a: 6, b: 5 })?.fails).toBe(false);
    expect(outcome(strict, { a: 6.5, b: 5 })?.fails).toBe(true);
  });

  test('the allowance is absolute + relative·max(|lhs|, |rhs|): holds at exactly −allowance, fails beyond', () => {
    const formula = f('a', '<=', 'b', { tolerance: { absolute: 't', relative: 'r', why: '' } });
    // absolute 1, relative 0.25 of max(|−8|, |−12|) = 3: allowance 4
    const at = outcome(formula, { a: -8, b: -12, t: 1, r: 0.25 });
    expect(at?.evaluation.allowance).toBe(4);
    expect(at?.evaluation.slack).toBe(-4);
    expect(at?.fails).toBe(false);
    expect(outcome(formula, { a: -8, b: -12.5, t: 1, r: 0.25 })?.fails).toBe(true);
    // relative only, and absolute only
    expect(outcome(f('a', '<=', 'b', { tolerance: { relative: '0.5', why: '' } }), { a: 10, b: 6 })?.evaluation.allowance).toBe(5);
    expect(outcome(f('a', '<=', 'b', { tolerance: { absolute: '0.5', why: '' } }), { a: 10, b: 6 })?.evaluation.allowance).toBe(0.5);
  });

  test('an infinite side gets no relative allowance (and ∞ ≤ ∞ − x fails)', () => {
    const formula = f('a', '<=', 'b', { tolerance: { absolute: '2', relative: '1', why: '' } });
    const result = outcome(formula, { a: Number.POSITIVE_INFINITY, b: 0 });
    expect(result?.evaluation.allowance).toBe(2);
    expect(result?.fails).toBe(true);
    expect(outcome(formula, { a: 0, b: Number.POSITIVE_INFINITY })?.fails).toBe(false);
  });

  test('NaN on either side always fails, whatever the allowance', () => {
    const formula = f('a', '<=', 'b', { tolerance: { absolute: '1e300', why: '' } });
    expect(outcome(formula, { a: Number.NaN, b: 1 })?.fails).toBe(true);
    expect(outcome(f('a', '=', 'b', { tolerance: { absolute: '1e300', why: '' } }), { a: 1, b: Number.NaN })?.fails).toBe(true);
  });

  test('=: the entry where the sides differ most, slack −|lhs − rhs|, with a scalar side broadcast', () => {
    const identity = f('x', '=', 'y');
    const result = outcome(identity, { x: [1, 2, 3], y: [1, 5, 2] });
    expect(result?.evaluation).toMatchObject({ lhs: 2, rhs: 5, slack: -3 });
    expect(result?.fails).toBe(true);
    expect(outcome(identity, { x: [4, 4], y: 4 })?.evaluation).toMatchObject({ lhs: 4, rhs: 4, slack: -0 });
    expect(outcome(identity, { x: [4, 4], y: 4 })?.fails).toBe(false);
    expect(outcome(identity, { x: 3, y: [3, 1] })?.evaluation).toMatchObject({ lhs: 3, rhs: 1, slack: -2 });
    // the first of equal gaps is kept
    expect(outcome(identity, { x: [1, 0], y: [2, 1] })?.evaluation).toMatchObject({ lhs: 1, rhs: 2, slack: -1 });
  });

  test('=: holds within its allowance, fails just beyond', () => {
    const identity = f('x', '=', 'y', { tolerance: { absolute: '0.5', why: '' } });
    expect(outcome(identity, { x: [1, 2], y: [1.5, 2] })?.fails).toBe(false);
    expect(outcome(identity, { x: [1, 2], y: [1.5, 2.75] })?.fails).toBe(true);
  });

  test('=: a NaN entry is the worst entry and fails', () => {
    const result = outcome(f('x', '=', 'y'), { x: [1, Number.NaN, 7], y: [1, 2, 0] });
    expect(result?.evaluation.lhs).toBeNaN();
    expect(result?.evaluation.rhs).toBe(2);
    expect(result?.evaluation.slack).toBeNaN();
    expect(result?.fails).toBe(true);
  });

  test('=: sides of different lengths (neither a scalar) are a TypeError naming the formula', () => {
    expect(() => outcome(f('x', '=', 'y'), { x: [1, 2], y: [1, 2, 3] })).toThrow(new TypeError('sides of x = y have 2 and 3 entries'));
  });

  test('≤ with a vector side is a TypeError naming the side and the formula', () => {
    expect(() => outcome(f('x', '<=', 'y'), { x: [1, 2], y: 3 })).toThrow(new TypeError('the left side of x <= y is not a number'));
    expect(() => outcome(f('x', '<=', 'y'), { x: 1, y: [1, 2] })).toThrow(new TypeError('the right side of x <= y is not a number'));
    const vectorTolerance = f('x', '<=', 'y', { tolerance: { absolute: 'v', why: '' } });
    expect(() => outcome(vectorTolerance, { x: 1, y: 2, v: [1, 2] })).toThrow(new TypeError('tolerance of x <= y is not a number'));
    const vectorRelative = f('x', '<=', 'y', { tolerance: { relative: 'v', why: '' } });
    expect(() => outcome(vectorRelative, { x: 1, y: 2, v: [1, 2] })).toThrow(new TypeError('tolerance of x <= y is not a number'));
  });

  test.each([
    ['<=', 3, 3, true],
    ['<=', 4, 3, false],
    ['<', 3, 3, false],
    ['<', 2, 3, true],
    ['>=', 3, 3, true],
    ['>=', 2, 3, false],
    ['>', 3, 3, false],
    ['>', 4, 3, true],
  ] as const)('a hypothesis g %s h with g = %p, h = %p holds: %p (else the scope is vacuous)', (relation, g, h, holds) => {
    const result = outcome(f('a', '<=', 'b', { given: { lhs: 'g', relation, rhs: 'h' } }), { a: 0, b: 1, g, h });
    expect(result !== undefined).toBe(holds);
  });

  test('a hypothesis over vectors must hold for every entry; a scalar side is broadcast', () => {
    const given = f('a', '<=', 'b', { given: { lhs: 'g', relation: '>', rhs: 'h' } });
    expect(outcome(given, { a: 0, b: 1, g: [2, 3], h: 1 })).toBeDefined();
    expect(outcome(given, { a: 0, b: 1, g: [2, 1], h: 1 })).toBeUndefined();
    expect(outcome(given, { a: 0, b: 1, g: 2, h: [1, 2] })).toBeUndefined();
    expect(outcome(given, { a: 0, b: 1, g: 3, h: [1, 2] })).toBeDefined();
    expect(outcome(given, { a: 0, b: 1, g: [2, 3], h: [1, 2] })).toBeDefined();
    expect(outcome(given, { a: 0, b: 1, g: [2, 3], h: [1, 3] })).toBeUndefined();
  });
});

describe('completeScope: u, eta, the constants, the scope, then the definitions in order', () => {
  const claim: ProvedClaim = {
    id: 'B2',
    constants: { c: 3, u: 7 },
    definitions: { twice: '2 * x', more: 'twice + c' },
    bound: undefined,
    steps: undefined,
  };

  test('u = 2⁻⁵³ and eta = 2⁻¹⁰⁷⁴ unless a constant or the scope overrides them', () => {
    expect(UNIT_ROUNDOFF).toBe(2 ** -53);
    expect(UNDERFLOW_UNIT).toBe(5e-324);
    const plain = completeScope({ ...claim, constants: {}, definitions: undefined }, { x: 1 });
    expect(plain).toEqual({ u: 2 ** -53, eta: 5e-324, x: 1 });
    const scope = completeScope(claim, { x: 5, c: 4 });
    expect(scope).toEqual({ u: 7, eta: 5e-324, c: 4, x: 5, twice: 10, more: 14 });
  });
});

/** A two-step toy claim: B2.1 says x ≤ limit, B2.2 says y ≤ limit; the end statement x + y ≤ 2·limit. */
const toy: ProvedClaim = {
  id: 'B2',
  constants: { limit: 10 },
  definitions: {},
  bound: f('x + y', '<=', '2 * limit', { given: { lhs: 'x', relation: '>=', rhs: '0' } }),
  steps: [
    { ...f('x', '<=', 'limit'), id: 'B2.1', claim: 'B2', kind: 'inequality', statement: '' } as ProofStep,
    { ...f('y', '<=', 'limit'), id: 'B2.2', claim: 'B2', kind: 'inequality', statement: '' } as ProofStep,
  ],
};

function caseOf(label: string, points: { x: number; y: number }[]): ProofCase {
  return { label, scopes: { steps: { 'B2.1': points, 'B2.2': points }, bound: points } };
}

describe('checkProof: counts, the tightest case, failures, the first failing step and the finding', () => {
  test('a holding proof: cases and scopes counted, the tightest evaluation kept, finding none', () => {
    const result = checkProof(toy, [
      caseOf('one', [
        { x: 1, y: 2 },
        { x: 9, y: 0 },
      ]),
      caseOf('two', [{ x: 4, y: 10 }]),
    ]);
    expect(result.claim).toBe('B2');
    expect(result.finding).toBe('none');
    expect(result.firstFailingStep).toBeUndefined();
    const [first, second] = result.steps;
    expect(first).toMatchObject({ id: 'B2.1', kind: 'inequality', relation: '<=', lhs: 'x', rhs: 'limit', verdict: 'holds' });
    expect(first).toMatchObject({ casesChecked: 2, scopesChecked: 3, vacuousScopes: 0, failureCount: 0, failures: [] });
    expect(first?.tightest).toEqual({ caseLabel: 'one', scope: 1, lhs: 9, rhs: 10, slack: 1, allowance: 0 });
    expect(second?.tightest).toEqual({ caseLabel: 'two', scope: 0, lhs: 10, rhs: 10, slack: 0, allowance: 0 });
    expect(result.endStatement).toMatchObject({ id: 'B2', kind: 'end statement', verdict: 'holds', casesChecked: 2, scopesChecked: 3 });
  });

  test('the tightest evaluation is the first of equal slacks', () => {
    const result = checkProof(toy, [caseOf('a', [{ x: 7, y: 0 }]), caseOf('b', [{ x: 7, y: 0 }])]);
    expect(result.steps[0]?.tightest?.caseLabel).toBe('a');
  });

  test('vacuous scopes (the hypothesis fails) are counted and leave a case unchecked; all vacuous is verdict vacuous', () => {
    const result = checkProof(toy, [
      caseOf('negative', [{ x: -1, y: 0 }]),
      caseOf('mixed', [
        { x: -1, y: 0 },
        { x: 1, y: 0 },
      ]),
    ]);
    expect(result.endStatement).toMatchObject({ casesChecked: 1, scopesChecked: 1, vacuousScopes: 2, verdict: 'holds' });
    const allVacuous = checkProof(toy, [caseOf('negative', [{ x: -1, y: 0 }])]);
    expect(allVacuous.endStatement).toMatchObject({ casesChecked: 0, scopesChecked: 0, vacuousScopes: 1, verdict: 'vacuous' });
    expect(allVacuous.endStatement?.tightest).toBeUndefined();
    expect(allVacuous.finding).toBe('none');
  });

  test('a step with no scopes in a case is not checked there', () => {
    const result = checkProof(toy, [{ label: 'bare', scopes: { steps: {}, bound: [] } }]);
    expect(result.steps.map((s) => [s.casesChecked, s.verdict])).toEqual([
      [0, 'vacuous'],
      [0, 'vacuous'],
    ]);
    expect(result.endStatement?.verdict).toBe('vacuous');
  });

  test('a false step under a true end statement is a broken proof, named with its first failure', () => {
    const result = checkProof(toy, [caseOf('ok', [{ x: 1, y: 1 }]), caseOf('bad', [{ x: 11, y: 2 }])]);
    expect(result.endStatement?.verdict).toBe('holds');
    expect(result.finding).toBe('broken proof');
    expect(result.firstFailingStep).toEqual({
      step: 'B2.1',
      failure: { caseLabel: 'bad', scope: 0, lhs: 11, rhs: 10, slack: -1, allowance: 0 },
    });
    expect(result.steps[0]).toMatchObject({ verdict: 'violated', failureCount: 1, casesChecked: 2 });
    expect(result.steps[1]?.verdict).toBe('holds');
  });

  test('a false end statement is violated, with the first failing step in proof order', () => {
    const result = checkProof(toy, [caseOf('bad', [{ x: 5, y: 30 }]), caseOf('worse', [{ x: 12, y: 30 }])]);
    expect(result.finding).toBe('violated');
    expect(result.firstFailingStep?.step).toBe('B2.1');
    expect(result.firstFailingStep?.failure.caseLabel).toBe('worse');
    expect(failingOnCase(toy, caseOf('x', [{ x: 12, y: 30 }]).scopes)).toEqual(['B2', 'B2.1', 'B2.2']);
    expect(failingOnCase(toy, caseOf('x', [{ x: 5, y: 30 }]).scopes)).toEqual(['B2', 'B2.2']);
    expect(failingOnCase(toy, caseOf('x', [{ x: 12, y: 0 }]).scopes)).toEqual(['B2.1']);
    expect(failingOnCase(toy, caseOf('x', [{ x: 1, y: 0 }]).scopes)).toEqual([]);
  });

  test('failures are all counted, but only the first MAX_FAILURES_KEPT are kept, in case order', () => {
    expect(MAX_FAILURES_KEPT).toBe(10);
    const cases = Array.from({ length: 12 }, (_, i) => caseOf(`#${i}`, [{ x: 11 + i, y: 0 }]));
    const step = checkProof(toy, cases).steps[0]!;
    expect(step.failureCount).toBe(12);
    expect(step.failures.map((e) => e.caseLabel)).toEqual(Array.from({ length: 10 }, (_, i) => `#${i}`));
    expect(step.tightest?.caseLabel).toBe('#11');
  });

  test('a claim without steps or end statement checks nothing', () => {
    const bare: ProvedClaim = { id: 'A1', constants: {}, definitions: undefined, bound: undefined, steps: undefined };
    const result = checkProof(bare, [caseOf('a', [{ x: 1, y: 1 }])]);
    expect(result).toEqual({ claim: 'A1', endStatement: undefined, steps: [], firstFailingStep: undefined, finding: 'none' });
    expect(failingOnCase(bare, caseOf('a', []).scopes)).toEqual([]);
  });

  test('firstFailingStep: the first violated step, or undefined', () => {
    const result = checkProof(toy, [caseOf('bad', [{ x: 1, y: 12 }])]);
    expect(firstFailingStep(result.steps)?.step).toBe('B2.2');
    expect(firstFailingStep([])).toBeUndefined();
  });
});

describe('claimVariant: overrides steps, the end statement and definitions, leaving the original', () => {
  test('only the named fields change', () => {
    const variant = claimVariant(
      { ...toy, definitions: { keep: '1', change: '2' } },
      { steps: { 'B2.2': { rhs: '0' } }, bound: { relation: '<' }, definitions: { change: '3' } },
    );
    expect(variant.id).toBe('B2');
    expect(variant.constants).toBe(toy.constants);
    expect(variant.definitions).toEqual({ keep: '1', change: '3' });
    expect(variant.bound).toMatchObject({ lhs: 'x + y', relation: '<', rhs: '2 * limit' });
    expect(variant.steps?.map((s) => s.rhs)).toEqual(['limit', '0']);
    expect(toy.steps?.[1]?.rhs).toBe('limit');
    expect(toy.bound?.relation).toBe('<=');
  });

  test('with no changes, an equal claim; a claim without an end statement keeps none', () => {
    expect(claimVariant(toy, {})).toEqual({ ...toy, definitions: {} });
    const noBound = claimVariant({ ...toy, bound: undefined, steps: undefined }, { bound: { rhs: '0' } });
    expect(noBound.bound).toBeUndefined();
    expect(noBound.steps).toBeUndefined();
  });
});

describe('formula.ts: values, Φ, TeX', () => {
  test('toNumbers flattens numbers, booleans, arrays, matrices and BigNumbers; anything else is a TypeError', () => {
    expect(toNumbers(2.5)).toEqual([2.5]);
    expect(toNumbers(true)).toEqual([1]);
    expect(toNumbers(false)).toEqual([0]);
    expect(toNumbers([[1, 2], [3]])).toEqual([1, 2, 3]);
    expect(
      toNumbers(
        math.matrix([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toEqual([1, 2, 3, 4]);
    expect(toNumbers(math.bignumber(0.5))).toEqual([0.5]);
    expect(() => toNumbers('x')).toThrow(new TypeError('not a number, array or matrix: x'));
    expect(() => toNumbers(undefined)).toThrow(TypeError);
  });

  test('Phi is the standard normal CDF, elementwise on arrays and matrices', () => {
    // Φ(0) = 1/2; Φ(1.959963984540054) = 0.975 (scipy.stats.norm.cdf)
    expect(compileFormula('Phi(x)').evaluate({ x: 0 })).toBe(0.5);
    expect(compileFormula('Phi(x)').evaluate({ x: 1.959963984540054 })).toBeCloseTo(0.975, 14);
    expect(compileFormula('Phi(x)').evaluate({ x: [[0, 0], [0]] })).toEqual([[0.5, 0.5], [0.5]]);
    expect(toNumbers(compileFormula('Phi(x)').evaluate({ x: math.matrix([0, 0]) as never }))).toEqual([0.5, 0.5]);
    expect(compileFormula('Phi(x)').tex).toBe('\\Phi\\left( x\\right)');
  });

  test('compileFormula caches by text, and evaluation does not write to the scope', () => {
    expect(compileFormula('a + 1')).toBe(compileFormula('a + 1'));
    const scope = Object.freeze({ a: 1 });
    expect(compileFormula('a + 1').evaluate(scope)).toBe(2);
    expect(compileFormula('a + 1').text).toBe('a + 1');
  });

  test('symbolTex: special symbols, Greek names, one-letter and numeric subscripts, other names upright', () => {
    expect(symbolTex('xmu_a')).toBe(TEX_SYMBOLS.xmu_a);
    expect(symbolTex('beta')).toBe('\\beta');
    expect(symbolTex('Delta')).toBe('\\Delta');
    expect(symbolTex('x')).toBe('x');
    expect(symbolTex('x_12')).toBe('x_{12}');
    expect(symbolTex('dist_ab')).toBe('\\mathrm{dist}_{\\mathrm{ab}}');
    expect(symbolTex('mu_a_b')).toBe('\\mu_{a,b}');
    expect(symbolTex('Xmax')).toBe('\\mathrm{Xmax}');
    expect(symbolTex('12')).toBe('12');
    // a subscript is upright unless it is one character or all digits
    expect(symbolTex('x_a1')).toBe('x_{\\mathrm{a1}}');
    expect(symbolTex('x_1a')).toBe('x_{\\mathrm{1a}}');
  });

  test('TeX drops redundant parentheses (mathjs parenthesis: auto)', () => {
    expect(compileFormula('(a) + b').tex).toBe(' a+ b');
  });

  test('relationTex: both sides with the relation as a TeX command', () => {
    // each symbol's TeX starts with a space (so `\\cdot` and a symbol stay apart)
    expect(relationTex('a', '<=', 'b')).toBe(' a \\le  b');
    expect(relationTex('a', '=', 'b')).toBe(' a =  b');
    expect(relationTex('a', '<', 'b')).toBe(' a <  b');
    expect(relationTex('a', '>=', 'b')).toBe(' a \\ge  b');
    expect(relationTex('a', '>', 'b')).toBe(' a >  b');
    expect(relationTex('a', '~', 'b')).toBe(' a ~  b');
    expect(relationTex('beta * x', '<=', 'sqrt(2)')).toBe(' \\beta\\cdot x \\le \\sqrt{2}');
  });
});
