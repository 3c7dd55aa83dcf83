import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { d1Anchors, d1BestBound, d1Bound, d1Surrogate } from '../bounds/d1-softmax-approximation';
import { evaluateTarget, type LipschitzTarget, lipschitzTargetArbitrary } from './arbitraries/lipschitzTarget';

const EPS64 = 2 ** -52;

/** max over the probes of ‖f̃(x) − f(x)‖. */
function worstProbeError(t: LipschitzTarget): number {
  const anchors = d1Anchors(t.d, t.m, t.R);
  const values = anchors.map((a) => evaluateTarget(t, a));
  let worst = 0;
  for (const x of t.probes) {
    const approx = d1Surrogate(x, anchors, values, t.beta);
    const exact = evaluateTarget(t, x);
    worst = Math.max(worst, Math.hypot(...exact.map((v, c) => approx[c]! - v)));
  }
  return worst;
}

describe('D1: softmax universal-approximation surrogate', () => {
  test.prop([lipschitzTargetArbitrary(), fc.double({ min: Math.log(1e-3), max: Math.log(3), noNaN: true }).map(Math.exp)], {
    numRuns: 150,
  })('D1: sup‖f̃ − f‖ ≤ L(√d·h/2 + δ) + 2LR√d·M·e^{−βδ²} for a random δ, d ∈ {1, 2, 3}', (target, delta) => {
    const bound = d1Bound(target, delta);
    expect(Number.isFinite(bound)).toBe(true);
    expect(worstProbeError(target)).toBeLessThanOrEqual(bound + 64 * EPS64 * target.L * target.R);
  });

  test.prop([lipschitzTargetArbitrary()], { numRuns: 150 })('D1: the bound at its best δ still holds, d ∈ {1, 2, 3}', (target) => {
    const { delta, bound } = d1BestBound(target);
    expect(delta).toBeGreaterThan(0);
    expect(bound).toBeLessThanOrEqual(d1Bound(target, delta) * (1 + 1e-12));
    expect(worstProbeError(target)).toBeLessThanOrEqual(bound + 64 * EPS64 * target.L * target.R);
  });
});
