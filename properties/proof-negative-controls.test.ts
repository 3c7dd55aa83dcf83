import fc from 'fast-check';
import { c2ProofScopes } from '../bounds/proofs/c2-steps';
import { claimVariant, failingOnCase, type ProvedClaim } from '../bounds/proofs/check-steps';
import { CLAIMS } from '../bounds/registry';
import { b2Check } from '../reports/claims/B2';
import { c2Check } from '../reports/claims/C2';
import { d1Check } from '../reports/claims/D1';
import { e2Check } from '../reports/claims/E2';
import type { ClaimResult } from '../reports/claims/kit/claim-check';
import { c2ProofCaseArbitrary } from './arbitraries/c2ProofCase';
import { D1_TINY_SCALE } from './d1-tiny-scale';
import { runClaimCheck } from './run-claim-check';

/*
 * Negative controls at the claim level: each claim's real check (reports/claims/<id>.ts, built by
 * its factory from a claim entry) runs at a tiny scale on a deliberately wrong variant of one step
 * or bound (bounds/proofs claimVariant: the registry entry itself is never changed), and the
 * harness must report `violated` with the first failing step named. No check is mocked.
 */

/** The verdict is violated, the proof names `step` as its first failing step, with a counterexample case. */
function expectCaughtAt(result: ClaimResult, step: string, finding: 'violated' | 'broken proof'): void {
  expect(result.verdict).toBe('violated');
  expect(result.proof?.finding).toBe(finding);
  expect(result.proof?.firstFailingStep?.step).toBe(step);
  expect(result.proof?.firstFailingStep?.counterexample).toBeDefined();
  expect(result.proof?.steps.find((s) => s.id === step)?.verdict).toBe('violated');
  expect(result.summary).toContain(step);
  if (finding === 'broken proof') expect(result.summary).toContain('broken proof');
  expect(result.counterexample).toMatchObject({ proof: { finding, firstFailingStep: { step } } });
}

/** Every step before `step` in proof order still holds (the control breaks only what it names). */
function expectEarlierStepsHold(result: ClaimResult, step: string): void {
  const steps = result.proof?.steps ?? [];
  const before = steps.slice(
    0,
    steps.findIndex((s) => s.id === step),
  );
  for (const s of before) expect([s.id, s.verdict]).toEqual([s.id, 'holds']);
}

const B2_SCALE = { cases: 8 };
const C2_SCALE = { cases: 2 };
const E2_SCALE = { cases: 300 };

describe('the real checks hold on the registry entries at a tiny scale (the controls below differ only by their variant)', () => {
  test.each([
    ['B2', () => runClaimCheck('B2', b2Check(), B2_SCALE)],
    ['C2', () => runClaimCheck('C2', c2Check(), C2_SCALE)],
    ['D1', () => runClaimCheck('D1', d1Check(), D1_TINY_SCALE)],
    ['E2', () => runClaimCheck('E2', e2Check(), E2_SCALE)],
  ] as const)('%s: proof finding none, every step holds', async (_, run) => {
    const result = await run();
    expect(result.proof?.finding).toBe('none');
    expect(result.verdict).toBe('holds');
    for (const step of result.proof?.steps ?? []) expect([step.id, step.verdict]).toEqual([step.id, 'holds']);
  });
});

describe('claim-level negative controls: a wrong variant is caught at the named step', () => {
  test('B2.4 negative control: without the factor (k − 1)', async () => {
    const wrong = claimVariant(CLAIMS.B2, {
      steps: { 'B2.4': { rhs: 'exp(-beta * g / 2)' } },
      bound: { rhs: 'factor * exp(-beta * g / 2)' },
    });
    const result = await runClaimCheck('B2', b2Check(wrong), B2_SCALE);
    expectCaughtAt(result, 'B2.4', 'violated');
    expectEarlierStepsHold(result, 'B2.4');
    expect(result.proof?.endStatement?.verdict).toBe('violated');
  });

  test('B2.3 negative control: exponent without the 1/2 (a false step under a true end statement: a broken proof)', async () => {
    const wrong = claimVariant(CLAIMS.B2, { steps: { 'B2.3': { rhs: 'exp(-beta * (D_b - D_z))' } } });
    const result = await runClaimCheck('B2', b2Check(wrong), B2_SCALE);
    expectCaughtAt(result, 'B2.3', 'broken proof');
    expect(result.proof?.endStatement?.verdict).toBe('holds');
  });

  test('C2.3 negative control: without the factor (n − n_a)', async () => {
    const wrong = claimVariant(CLAIMS.C2, {
      steps: { 'C2.3': { rhs: 'maxdev / (n_a * exp(beta) + n - n_a)' } },
      bound: { rhs: '1 / (n_a * exp(beta) + n - n_a) * maxdev' },
    });
    const result = await runClaimCheck('C2', c2Check(wrong), C2_SCALE);
    expectCaughtAt(result, 'C2.3', 'violated');
    expectEarlierStepsHold(result, 'C2.3');
  });

  test('C2.2 negative control: without the term n − n_a in Σ_i s_i (the algebra step fails symbolically and per case)', async () => {
    const wrong = claimVariant(CLAIMS.C2, { steps: { 'C2.2': { rhs: 'n_a * exp(beta)' } } });
    const result = await runClaimCheck('C2', c2Check(wrong), C2_SCALE);
    expectCaughtAt(result, 'C2.2', 'broken proof');
    expect(result.proof?.steps.find((s) => s.id === 'C2.2')?.symbolic?.method).toBe('failed');
  });

  test('D1.3 negative control: without the covering radius', async () => {
    const wrong = claimVariant(CLAIMS.D1, { definitions: { r: '0' } });
    const result = await runClaimCheck('D1', d1Check(wrong), D1_TINY_SCALE);
    expect(result.verdict).toBe('violated');
    expect(result.proof?.firstFailingStep?.step).toBe('D1.3');
    expectEarlierStepsHold(result, 'D1.3');
  });

  test('E2.1 negative control: half the linear term 2ε‖x − μ_c‖', async () => {
    const wrong = claimVariant(CLAIMS.E2, {
      steps: {
        'E2.1': { rhs: 'epsilon * r_c + epsilon ^ 2' },
        'E2.2': { given: { lhs: 'D_b - D_a', relation: '>', rhs: 'epsilon * (r_a + r_b) + 2 * epsilon ^ 2' } },
      },
      bound: { given: { lhs: 'D_others - D_a', relation: '>', rhs: 'epsilon * (r_a + r_others) + 2 * epsilon ^ 2' } },
    });
    const result = await runClaimCheck('E2', e2Check(wrong), E2_SCALE);
    expect(result.verdict).toBe('violated');
    expect(result.proof?.firstFailingStep?.step).toBe('E2.1');
    expect(result.proof?.steps[0]?.verdict).toBe('violated');
  });

  test('E2.1 negative control: without the ε² term (a broken proof: the end statement still holds on the check’s cases)', async () => {
    const wrong = claimVariant(CLAIMS.E2, { steps: { 'E2.1': { rhs: '2 * epsilon * r_c' } } });
    const result = await runClaimCheck('E2', e2Check(wrong), E2_SCALE);
    expectCaughtAt(result, 'E2.1', 'broken proof');
  });
});

describe('--only <step>: the check evaluates the selected steps only', () => {
  test('B2 with steps [B2.3]: B2.3 is checked, the other steps are not selected, the end statement is still judged', async () => {
    const result = await runClaimCheck('B2', b2Check(), B2_SCALE, { steps: ['B2.3'] });
    expect(result.proof?.selectedSteps).toEqual(['B2.3']);
    expect(result.proof?.steps.map((s) => [s.id, s.verdict])).toEqual([
      ['B2.1', 'not selected'],
      ['B2.2', 'not selected'],
      ['B2.3', 'holds'],
      ['B2.4', 'not selected'],
      ['B2.5', 'not selected'],
    ]);
    expect(result.proof?.endStatement?.verdict).toBe('holds');
  });

  test('a selected step that is wrong still makes the claim violated; an unselected wrong step is not evaluated', async () => {
    const wrong = claimVariant(CLAIMS.B2, { steps: { 'B2.3': { rhs: 'exp(-beta * (D_b - D_z))' } } });
    expect((await runClaimCheck('B2', b2Check(wrong), B2_SCALE, { steps: ['B2.3'] })).verdict).toBe('violated');
    expect((await runClaimCheck('B2', b2Check(wrong), B2_SCALE, { steps: ['B2.2'] })).verdict).toBe('holds');
  });
});

describe('fast-check shrinks a failing case with failingOnCase, naming the first failing step', () => {
  test('C2.3 negative control (fast-check): without the factor (n − n_a), shrunk to a small case failing at C2.3', () => {
    const wrong: ProvedClaim = claimVariant(CLAIMS.C2, {
      steps: { 'C2.3': { rhs: 'maxdev / (n_a * exp(beta) + n - n_a)' } },
      bound: { rhs: '1 / (n_a * exp(beta) + n - n_a) * maxdev' },
    });
    const details = fc.check(
      fc.property(c2ProofCaseArbitrary({ betaRange: [0, 3] }), (c) => failingOnCase(wrong, c2ProofScopes(c)).length === 0),
      { seed: 7, numRuns: 200 },
    );
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample!;
    const failing = failingOnCase(wrong, c2ProofScopes(shrunk));
    expect(failing[0]).toBe('C2');
    expect(failing[1]).toBe('C2.3');
    expect(details.numShrinks).toBeGreaterThan(0);
    expect(shrunk.points.rows).toBeLessThanOrEqual(10);
  });
});
