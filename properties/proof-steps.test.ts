import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b1ProofScopes } from '../bounds/proofs/b1-steps';
import { b2ProofScopes } from '../bounds/proofs/b2-steps';
import { c2ProofScopes } from '../bounds/proofs/c2-steps';
import { type CaseScopes, checkProof, claimVariant, failingOnCase, type ProofCase, type ProvedClaim } from '../bounds/proofs/check-steps';
import { d1ProofScopes } from '../bounds/proofs/d1-steps';
import { e2ProofScopes } from '../bounds/proofs/e2-steps';
import { f1ProofScopes } from '../bounds/proofs/f1-steps';
import { CLAIMS } from '../bounds/registry';
import { Rng } from '../theory/rng';
import { b1ProofCaseArbitrary } from './arbitraries/b1ProofCase';
import { b2ProofCaseArbitrary } from './arbitraries/b2ProofCase';
import { c2ProofCaseArbitrary } from './arbitraries/c2ProofCase';
import { d1ProofCases, d1ProofTargetArbitrary } from './arbitraries/d1ProofCase';
import { e2ProofCaseArbitrary } from './arbitraries/e2ProofCase';
import { f1ProofCaseArbitrary } from './arbitraries/f1ProofCase';

/** The ids failing on one case, with the failing evaluation of each, for a readable counterexample. */
function expectStepHolds(claim: ProvedClaim, stepId: string, scopes: CaseScopes): void {
  const result = checkProof(claim, [{ label: 'case', scopes }]);
  const step = stepId === claim.id ? result.endStatement : result.steps.find((s) => s.id === stepId);
  expect(step).toBeDefined();
  expect(step?.failures).toEqual([]);
}

/** A property per step of `claim`, named after the step: it holds on every generated case. */
function stepProperties<C>(claim: ProvedClaim, arbitrary: fc.Arbitrary<C>, scopesOf: (c: C) => CaseScopes, numRuns: number): void {
  const steps = claim.steps ?? [];
  for (const step of steps) {
    test.prop([arbitrary], { numRuns })(`${step.id}: ${step.lhs} ${step.relation} ${step.rhs}`, (c) =>
      expectStepHolds(claim, step.id, scopesOf(c)),
    );
  }
  if (claim.bound !== undefined)
    test.prop([arbitrary], { numRuns })(`${claim.id} (end statement): ${claim.bound.lhs} ${claim.bound.relation} ${claim.bound.rhs}`, (c) =>
      expectStepHolds(claim, claim.id, scopesOf(c)),
    );
}

/** Cases from an arbitrary with a fixed seed (replayable), as labelled proof cases. */
function sampleCases<C>(arbitrary: fc.Arbitrary<C>, scopesOf: (c: C) => CaseScopes, numRuns: number, seed = 42): ProofCase[] {
  return fc.sample(arbitrary, { seed, numRuns }).map((c, i) => ({ label: `seed ${seed} #${i}`, scopes: scopesOf(c) }));
}

const f1Scopes = ({ proofCase, seed }: { proofCase: Parameters<typeof f1ProofScopes>[0]; seed: number }) =>
  f1ProofScopes(proofCase, new Rng(seed));
const d1Scopes = (t: Parameters<typeof d1ProofCases>[0]): CaseScopes => {
  // one D1 case per probe: merge the probes' scopes, as one target is one generated case
  const all = d1ProofCases(t).slice(0, 8).map(d1ProofScopes);
  const ids = Object.keys(all[0]!.steps);
  return { steps: Object.fromEntries(ids.map((id) => [id, all.flatMap((s) => s.steps[id]!)])), bound: all.flatMap((s) => s.bound) };
};

describe('B2: every step of the proof holds (float64, near ties)', () => {
  stepProperties(CLAIMS.B2, b2ProofCaseArbitrary({ maxN: 15 }), b2ProofScopes, 100);
});
describe('C2: every step of the proof holds', () => {
  stepProperties(CLAIMS.C2, c2ProofCaseArbitrary(), c2ProofScopes, 100);
});
describe('D1: every step of the proof holds', () => {
  stepProperties(CLAIMS.D1, d1ProofTargetArbitrary(), d1Scopes, 25);
});
describe('E2: every step of the proof holds (random and adversarial moves)', () => {
  stepProperties(CLAIMS.E2, e2ProofCaseArbitrary(), e2ProofScopes, 200);
});
describe('F1: every step holds (Monte Carlo, 4000 draws per cluster, failure probability 1e-6 per case)', () => {
  stepProperties(CLAIMS.F1, f1ProofCaseArbitrary(4000, 1e-6), f1Scopes, 15);
});
describe('B1: the rounding chain holds for a float32 head (Math.fround emulation)', () => {
  stepProperties(CLAIMS.B1, b1ProofCaseArbitrary(), b1ProofScopes, 100);
});

describe('the engine reports per step: cases, tightest slack, failures, first failing step', () => {
  test('a holding proof: every step holds, with its cases counted and its tightest case named', () => {
    const result = checkProof(CLAIMS.C2, sampleCases(c2ProofCaseArbitrary(), c2ProofScopes, 30));
    expect(result.finding).toBe('none');
    expect(result.firstFailingStep).toBeUndefined();
    expect(result.endStatement?.verdict).toBe('holds');
    for (const step of result.steps) {
      expect(step.verdict).toBe('holds');
      expect(step.casesChecked).toBe(30);
      expect(step.tightest?.caseLabel).toMatch(/^seed 42 #\d+$/);
      expect(step.failures).toEqual([]);
    }
  });

  test('failingOnCase lists the end statement, then the failing steps in proof order', () => {
    const broken = claimVariant(CLAIMS.C2, { steps: { 'C2.3': { rhs: '0 * maxdev' } }, bound: { rhs: '0 * maxdev' } });
    const c = fc.sample(c2ProofCaseArbitrary({ betaRange: [0, 1] }), { seed: 3, numRuns: 50 }).find((x) => x.k >= 2 && x.points.rows >= 4)!;
    expect(failingOnCase(broken, c2ProofScopes(c))).toEqual(['C2', 'C2.3']);
  });
});

describe('negative controls: a wrong variant is caught at the named step', () => {
  test('B2.4 negative control: without the factor (k − 1)', () => {
    const wrong = claimVariant(CLAIMS.B2, {
      steps: { 'B2.4': { rhs: 'exp(-beta * g / 2)' } },
      bound: { rhs: 'factor * exp(-beta * g / 2)' },
    });
    const result = checkProof(wrong, sampleCases(b2ProofCaseArbitrary({ betaRange: [1, 100] }), b2ProofScopes, 60));
    expect(result.endStatement?.verdict).toBe('violated');
    expect(result.finding).toBe('violated');
    expect(result.firstFailingStep?.step).toBe('B2.4');
    expect(result.steps.find((s) => s.id === 'B2.4')?.verdict).toBe('violated');
  });

  test('B2.3 negative control: a false step under a true end statement (exponent without the 1/2) is a broken proof', () => {
    const wrong = claimVariant(CLAIMS.B2, { steps: { 'B2.3': { rhs: 'exp(-beta * (D_b - D_z))' } } });
    const result = checkProof(wrong, sampleCases(b2ProofCaseArbitrary(), b2ProofScopes, 40));
    expect(result.endStatement?.verdict).toBe('holds');
    expect(result.finding).toBe('broken proof');
    expect(result.firstFailingStep?.step).toBe('B2.3');
  });

  test('C2.3 negative control: without the factor (n − n_a)', () => {
    const wrong = claimVariant(CLAIMS.C2, {
      steps: { 'C2.3': { rhs: 'maxdev / (n_a * exp(beta) + n - n_a)' } },
      bound: { rhs: '1 / (n_a * exp(beta) + n - n_a) * maxdev' },
    });
    const result = checkProof(wrong, sampleCases(c2ProofCaseArbitrary({ betaRange: [0, 3] }), c2ProofScopes, 60));
    expect(result.finding).toBe('violated');
    expect(result.firstFailingStep?.step).toBe('C2.3');
  });

  test('C2.2 negative control: without the "n − n_a" in the denominator, a broken proof of a (weaker) true end statement', () => {
    const wrong = claimVariant(CLAIMS.C2, {
      steps: { 'C2.2': { rhs: 'n_a * exp(beta)' }, 'C2.3': { rhs: '(n - n_a) * maxdev / (n_a * exp(beta))' } },
      bound: { rhs: '(n - n_a) / (n_a * exp(beta)) * maxdev' },
    });
    const result = checkProof(wrong, sampleCases(c2ProofCaseArbitrary(), c2ProofScopes, 60));
    expect(result.endStatement?.verdict).toBe('holds');
    expect(result.finding).toBe('broken proof');
    expect(result.firstFailingStep?.step).toBe('C2.2');
  });

  test('D1.3 negative control: without the covering radius', () => {
    const wrong = claimVariant(CLAIMS.D1, { definitions: { r: '0' } });
    // δ a fifth of the covering radius and β so large (βδ² = 50) that the far term vanishes:
    // without r the bound is about Lδ, below the distance to the nearest anchor at most probes
    const sharp = d1ProofTargetArbitrary().map(({ target }) => {
      const delta = (0.2 * Math.sqrt(target.d) * ((2 * target.R) / (target.m - 1))) / 2;
      return { target: { ...target, beta: 50 / delta ** 2 }, delta };
    });
    const result = checkProof(wrong, sampleCases(sharp, d1Scopes, 20));
    expect(result.finding).toBe('violated');
    expect(result.firstFailingStep?.step).toBe('D1.3');
    expect(result.steps.slice(0, 2).map((s) => s.verdict)).toEqual(['holds', 'holds']);
  });

  test('E2.1 negative control: without the 2ε² term (the step fails; the end statement, true even so, is a broken proof)', () => {
    const wrong = claimVariant(CLAIMS.E2, {
      steps: {
        'E2.1': { rhs: '2 * epsilon * r_c' },
        'E2.2': { given: { lhs: 'D_b - D_a', relation: '>', rhs: '2 * epsilon * (r_a + r_b)' } },
      },
      bound: { given: { lhs: 'D_others - D_a', relation: '>', rhs: '2 * epsilon * (r_a + r_others)' } },
    });
    const result = checkProof(wrong, sampleCases(e2ProofCaseArbitrary({ radiusShareRange: [0.01, 1.5] }), e2ProofScopes, 200));
    expect(result.firstFailingStep?.step).toBe('E2.1');
    expect(result.steps[0]?.verdict).toBe('violated');
    expect(result.endStatement?.verdict).toBe('holds');
    expect(result.finding).toBe('broken proof');
  });

  test('E2.1 negative control: half the linear term 2ε‖x − μ_c‖', () => {
    const wrong = claimVariant(CLAIMS.E2, {
      steps: {
        'E2.1': { rhs: 'epsilon * r_c + epsilon ^ 2' },
        'E2.2': { given: { lhs: 'D_b - D_a', relation: '>', rhs: 'epsilon * (r_a + r_b) + 2 * epsilon ^ 2' } },
      },
      bound: { given: { lhs: 'D_others - D_a', relation: '>', rhs: 'epsilon * (r_a + r_others) + 2 * epsilon ^ 2' } },
    });
    const result = checkProof(wrong, sampleCases(e2ProofCaseArbitrary({ radiusShareRange: [1, 2.5] }), e2ProofScopes, 200));
    expect(result.finding).toBe('violated');
    expect(result.firstFailingStep?.step).toBe('E2.1');
  });
});
