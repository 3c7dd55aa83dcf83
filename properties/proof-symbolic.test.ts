import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b2EStepBound } from '../bounds/b2-estep-temperature';
import { c2MStepBound } from '../bounds/c2-mstep-temperature';
import { d1Bound } from '../bounds/d1-softmax-approximation';
import { e2StabilitySlack } from '../bounds/e2-margin-stability';
import { completeScope } from '../bounds/proofs/check-steps';
import { compileFormula, math, toNumbers } from '../bounds/proofs/formula';
import {
  checkSymbolically,
  EXTRA_RULES,
  FALLBACK_POINTS,
  FALLBACK_PRECISION,
  FALLBACK_RELATIVE,
  substitute,
} from '../bounds/proofs/symbolic';
import { CLAIM_IDS, CLAIMS, type ProofStep } from '../bounds/registry';

const allSteps: ProofStep[] = CLAIM_IDS.flatMap((id) => [...((CLAIMS[id] as { steps?: readonly ProofStep[] }).steps ?? [])]);
const algebraSteps = allSteps.filter((s) => s.kind === 'algebra');

describe('algebra steps reduce to 0 symbolically (mathjs), or numerically in BigNumber where mathjs cannot decide', () => {
  test('the algebra steps are B2.1, B2.5, C2.2 and E2.1', () => {
    expect(algebraSteps.map((s) => s.id)).toEqual(['B2.1', 'B2.5', 'C2.2', 'E2.1']);
  });

  test.each(algebraSteps.map((s) => [s.id, s] as const))('%s: lhs − rhs (equality case substituted) reduces to 0', (_, step) => {
    const result = checkSymbolically(step);
    expect(result.method).not.toBe('failed');
    // B2.1, B2.5 and C2.2 reduce by simplify; E2.1 holds an abs(), which mathjs does not resolve
    expect(result.method).toBe(step.id === 'E2.1' ? 'numerical' : 'simplify');
  });

  test('negative control: E2.1 without ε² does not reduce, and the numerical fallback reports it failed', () => {
    const step = algebraSteps.find((s) => s.id === 'E2.1')!;
    expect(checkSymbolically({ ...step, rhs: '2 * epsilon * r_c' }).method).toBe('failed');
  });

  test('negative control: B2.5 without the factor (k − 1) in the hypothesis does not reduce', () => {
    const step = algebraSteps.find((s) => s.id === 'B2.5')!;
    const wrong = { ...step, symbolic: { ...step.symbolic!, substitute: { beta: '2 / g * log(1 / epsilon)' } } };
    expect(checkSymbolically(wrong).method).toBe('failed');
  });
});

/**
 * Evaluation speed, measured once (Node 20, this container, 2026-11-29, 2·10⁵ calls each), compiled
 * mathjs expression against the plain TypeScript function, per call: B2's bound 2.5 µs against
 * b2EStepBound 0.05 µs; C2's 3.1 µs against c2MStepBound 0.10 µs; D1's with its three
 * definitions 14.6 µs against d1Bound 0.47 µs; E2's hypothesis on k = 6 (two array sides) 26 µs
 * against e2StabilitySlack 0.15 µs: 30–180× slower. These four run per point inside the claim
 * checks and the planners, so they keep their plain TypeScript form, and the tests below hold
 * each to the registry's expression, which stays the single source.
 */
const relativeClose = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);

describe('plain TypeScript twins equal the registry expression (relative 1e-12)', () => {
  test.prop([fc.integer({ min: 2, max: 20 }), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true })])(
    'b2EStepBound = B2 bound rhs',
    (k, beta, g) => {
      const scope = completeScope(CLAIMS.B2, { k, beta, g });
      expect(relativeClose(b2EStepBound(k, beta, g), compileFormula(CLAIMS.B2.bound.rhs).evaluate(scope) as number)).toBe(true);
    },
  );

  test.prop([
    fc.integer({ min: 1, max: 1000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 700, noNaN: true }),
    fc.double({ min: 0, max: 1e3, noNaN: true }),
  ])('c2MStepBound = C2 bound rhs', (n, share, beta, maxdev) => {
    const n_a = Math.max(1, Math.round(share * n));
    const scope = completeScope(CLAIMS.C2, { n, n_a, beta, maxdev });
    expect(relativeClose(c2MStepBound(n, n_a, beta, maxdev), compileFormula(CLAIMS.C2.bound.rhs).evaluate(scope) as number)).toBe(true);
  });

  test.prop([
    fc.record({
      d: fc.integer({ min: 1, max: 4 }),
      m: fc.integer({ min: 2, max: 20 }),
      R: fc.double({ min: 0.1, max: 10, noNaN: true }),
      L: fc.double({ min: 0.1, max: 10, noNaN: true }),
      beta: fc.double({ min: 0.01, max: 1e4, noNaN: true }),
    }),
    fc.double({ min: 1e-3, max: 3, noNaN: true }),
  ])('d1Bound = D1 bound rhs', (s, delta) => {
    const scope = completeScope(CLAIMS.D1, { ...s, delta });
    expect(relativeClose(d1Bound(s, delta), compileFormula(CLAIMS.D1.bound.rhs).evaluate(scope) as number)).toBe(true);
  });

  test.prop([
    fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 8 }),
    fc.nat(),
    fc.double({ min: 0, max: 5, noNaN: true }),
  ])('e2StabilitySlack = min over b of (lhs − rhs) of the E2 hypothesis', (D, index, epsilon) => {
    const a = index % D.length;
    const others = D.filter((_, b) => b !== a);
    const scope = completeScope(CLAIMS.E2, {
      D_a: D[a]!,
      D_others: others,
      r_a: Math.sqrt(D[a]!),
      r_others: others.map(Math.sqrt),
      epsilon,
    });
    const { given } = CLAIMS.E2.bound;
    const left = toNumbers(compileFormula(given.lhs).evaluate(scope));
    const right = toNumbers(compileFormula(given.rhs).evaluate(scope));
    const slack = Math.min(...left.map((l, j) => l - right[j]!));
    const twin = e2StabilitySlack(D, a, epsilon);
    // a difference of two sides: compare on the scale of the sides, not of the (cancelling) slack
    const scale = Math.max(...left.map(Math.abs), ...right.map(Math.abs), 1e-300);
    expect(Math.abs(twin - slack)).toBeLessThanOrEqual(1e-12 * scale);
  });
});

/** The symbolic checker on hand-made steps, one per way of deciding (values from running it once, 2026-11-30). */
describe('checkSymbolically: how a step is decided, on hand-made steps', () => {
  const step = (lhs: string, rhs: string, symbolic?: ProofStep['symbolic']) => ({ id: 'B2.1' as const, lhs, rhs, symbolic });

  test('simplify: a polynomial identity, and the extra rules exp(log t) = t, exp(−log t) = 1/t, log(exp t) = t', () => {
    expect(checkSymbolically(step('a * (b + c)', 'a * b + a * c'))).toEqual({
      step: 'B2.1',
      method: 'simplify',
      expression: '(a * (b + c)) - (a * b + a * c)',
      simplified: '0',
    });
    expect(EXTRA_RULES).toEqual(['exp(log(n1)) -> n1', 'exp(-log(n1)) -> 1 / n1', 'log(exp(n1)) -> n1']);
    expect(checkSymbolically(step('exp(log(t))', 't')).method).toBe('simplify');
    expect(checkSymbolically(step('exp(-log(t))', '1 / t')).method).toBe('simplify');
    expect(checkSymbolically(step('log(exp(t))', 't')).method).toBe('simplify');
  });

  test('substitutions apply before simplifying', () => {
    expect(checkSymbolically(step('a', 'b', { substitute: { a: 'b' } }))).toMatchObject({ method: 'simplify', expression: '(b) - (b)' });
    expect(substitute(math.parse('a * b + (a * b) ^ 2'), { 'a * b': 'c' }).toString()).toBe('c + (c) ^ 2');
  });

  test('rationalize: a rational identity simplify leaves alone', () => {
    expect(checkSymbolically(step('(x ^ 2 - 1) / (x - 1)', 'x + 1'))).toEqual({
      step: 'B2.1',
      method: 'rationalize',
      expression: '((x ^ 2 - 1) / (x - 1)) - (x + 1)',
      simplified: '(x ^ 2 - 1) / (x - 1) - (x + 1)',
    });
  });

  test('numerical: abs() on the default range [0.1, 10], every residual 0, the first point kept as the worst', () => {
    expect(FALLBACK_PRECISION).toBe(64);
    expect(FALLBACK_POINTS).toBe(200);
    expect(FALLBACK_RELATIVE).toBe(1e-54);
    // mulberry32(1)'s first two values are 0.6270739405881613 and 0.002735721180215478: x then y, sorted by name
    expect(checkSymbolically(step('abs(y) + abs(x)', 'y + x'))).toEqual({
      step: 'B2.1',
      method: 'numerical',
      expression: '(abs(y) + abs(x)) - (y + x)',
      simplified: 'abs(y) + abs(x) - (y + x)',
      points: 200,
      worstResidual: 0,
      worstPoint: { x: 6.308032011822797, y: 0.12708363968413325 },
    });
    // another seed, another first point
    expect(checkSymbolically(step('abs(x)', 'x'), 7).worstPoint).toEqual({ x: 0.21587705621495845 });
  });

  test('numerical: a residual at the precision limit passes, one 10⁴ times larger fails', () => {
    expect(checkSymbolically(step('x', 'x + 1e-60'))).toMatchObject({ method: 'numerical', worstResidual: 1e-60 });
    expect(checkSymbolically(step('x', 'x + 1e-50'))).toMatchObject({ method: 'failed', worstResidual: 1e-50 });
  });

  test('failed: abs(x) = x over a range with negatives, the worst point named with its relative residual 2', () => {
    expect(checkSymbolically(step('abs(x)', 'x', { substitute: {}, ranges: { x: [-2, 2] } }))).toMatchObject({
      method: 'failed',
      worstResidual: 2,
      worstPoint: { x: -1.989057115279138 },
    });
  });

  test('failed: a side that is infinite everywhere gives an infinite residual', () => {
    expect(checkSymbolically(step('log(x - x)', '0'))).toMatchObject({ method: 'failed', worstResidual: Number.POSITIVE_INFINITY });
  });
});
