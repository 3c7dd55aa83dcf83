import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b2EStepBound } from '../bounds/b2-estep-temperature';
import { c2MStepBound } from '../bounds/c2-mstep-temperature';
import { d1Bound } from '../bounds/d1-softmax-approximation';
import { e2StabilitySlack } from '../bounds/e2-margin-stability';
import { completeScope } from '../bounds/proofs/check-steps';
import { compileFormula, toNumbers } from '../bounds/proofs/formula';
import { checkSymbolically } from '../bounds/proofs/symbolic';
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
