import { d1Surrogate } from '../bounds/d1-softmax-approximation';
import { e2MoveCenters } from '../bounds/e2-margin-stability';
import { defaultLloydBeta } from '../model/attention-lloyd';
import { type D1Surrogate, d1Check } from '../reports/claims/D1';
import { type E1AttentionLloyd, e1Check } from '../reports/claims/E1';
import { type E2MoveCenters, e2Check } from '../reports/claims/E2';
import { argmaxRows } from '../theory/em';
import { eStepMargins, softEStep } from '../theory/estep';
import type { Matrix } from '../theory/matrix';
import { mStep } from '../theory/mstep';
import { D1_TINY_SCALE } from './d1-tiny-scale';
import { runClaimCheck } from './run-claim-check';

/*
 * Negative controls of claims D1, E1 and E2 (CLAIMS.md §4): each claim's real check (plan, measure,
 * judge, present) runs at a tiny scale with what it measures broken in one way, and must say
 * `violated` with a counterexample the break explains; the unbroken check at the same scale holds.
 * (proof-negative-controls.test.ts breaks D1's and E2's proof steps instead.)
 */

const E1_SCALE = { cases: 12, ranges: { k: [2, 5], d: [2, 6], n: [50, 200], delta: [2, 10] } } as const;
const E2_SCALE = { cases: 300 };

/** D1 broken: anchor j weighted with the value of anchor j + 1 (an off-by-one; the last anchor gets the first's). */
const offByOneValues: D1Surrogate = (x, anchors, values, beta) =>
  d1Surrogate(
    x,
    anchors,
    values.map((_, j) => values[(j + 1) % values.length]!),
    beta,
  );

/** ‖μ_a‖² of every center. */
function squaredNorms(centers: Matrix): number[] {
  return Array.from({ length: centers.rows }, (_, a) =>
    centers.data.subarray(a * centers.cols, (a + 1) * centers.cols).reduce((s, v) => s + v * v, 0),
  );
}

/** The key offsets of E1's E-step head (−‖μ_a‖²/2 when right), from the current and the initial centers. */
type KeyOffsets = (centers: Matrix, init: Matrix) => number[];

/** −‖μ_a‖²/2 of every center: the right key offsets. */
const keyOffsetsOf = (centers: Matrix): number[] => squaredNorms(centers).map((s) => -s / 2);

const freshOffsets: KeyOffsets = keyOffsetsOf;
/** E1 broken: the offsets of the initial centers, never refreshed after an M-step. */
const staleOffsets: KeyOffsets = (_, init) => keyOffsetsOf(init);

/**
 * E1's attention-Lloyd in float64 at its default β: the E-step head softmax_a(β(⟨X_i, μ_a⟩ + o_a))
 * with key offsets o, then theory mStep (the M-step head's result on one-hot responsibilities),
 * with minMargins as runAttentionLloyd reports them. The head is softEStep with log-weights
 * β(o_a + ‖μ_a‖²/2): β(⟨X, μ_a⟩ + o_a) = −β‖X − μ_a‖²/2 + β(o_a + ‖μ_a‖²/2) + β‖X‖²/2, and the
 * softmax ignores the last term, common to every a.
 */
function attentionLloydWith(keyOffsets: KeyOffsets): E1AttentionLloyd {
  return async (points, init, { iterations }) => {
    const beta = defaultLloydBeta(init);
    const eStep = (centers: Matrix): Matrix => {
      const norms = squaredNorms(centers);
      const logWeights = keyOffsets(centers, init).map((o, a) => beta * (o + norms[a]! / 2));
      return softEStep(points, centers, beta, logWeights);
    };
    const minMargin = (centers: Matrix): number => (beta * Math.min(...eStepMargins(points, centers))) / 2;
    let centers = init;
    const minMargins = [minMargin(centers)];
    for (let t = 0; t < iterations; t++) {
      centers = mStep(points, eStep(centers), centers).centers;
      minMargins.push(minMargin(centers));
    }
    return { labels: argmaxRows(eStep(centers)), centers, minMargins };
  };
}

/** E2 broken: every center moved by 2ε, the diameter of the ε-ball taken for its radius. */
const movedByDiameter: E2MoveCenters = (x, centers, nearest, epsilon, moves) => e2MoveCenters(x, centers, nearest, 2 * epsilon, moves);

describe('negative controls of D1, E1 and E2', () => {
  test('D1 negative control: a surrogate whose anchors carry their neighbours’ values (off by one)', async () => {
    const result = await runClaimCheck('D1', d1Check(undefined, offByOneValues), D1_TINY_SCALE);
    expect(result.verdict).toBe('violated');
    const { error, bound } = result.counterexample as { error: number; bound: number };
    expect(error).toBeGreaterThan(bound);
    expect(result.proof?.finding).toBe('none'); // the proof is of d1Surrogate, which is intact
  });

  test('D1 control of the control: the unbroken check holds at the same scale', async () => {
    expect((await runClaimCheck('D1', d1Check(), D1_TINY_SCALE)).verdict).toBe('holds');
  });

  test('E1 negative control: an attention-Lloyd whose key offsets −‖μ_a‖²/2 are never refreshed after the first M-step', async () => {
    const result = await runClaimCheck('E1', e1Check(attentionLloydWith(staleOffsets)), E1_SCALE);
    expect(result.verdict).toBe('violated');
    expect(result.numbers.mismatchesInside).toBeGreaterThan(0);
    expect((result.counterexample as { labelDisagreements: number }).labelDisagreements).toBeGreaterThan(0);
  });

  test('E1 control of the control: the same float64 attention-Lloyd with fresh offsets, and the real one, hold at the same scale', async () => {
    expect((await runClaimCheck('E1', e1Check(attentionLloydWith(freshOffsets)), E1_SCALE)).verdict).toBe('holds');
    expect((await runClaimCheck('E1', e1Check(), E1_SCALE)).verdict).toBe('holds');
  });

  test('E2 negative control: centers moved by 2ε (a diameter for the radius)', async () => {
    const result = await runClaimCheck('E2', e2Check(undefined, movedByDiameter), E2_SCALE);
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toMatchObject({
      proof: { firstFailingStep: { step: 'E2.1' } }, // |‖x − μ′_c‖² − ‖x − μ_c‖²| ≤ 2ε‖x − μ_c‖ + ε² needs a move ≤ ε
      check: { reason: expect.stringMatching(/gap to \d+ below slack \+ 2ε²/) },
    });
  });

  test('E2 control of the control: the unbroken check holds at the same scale', async () => {
    expect((await runClaimCheck('E2', e2Check(), E2_SCALE)).verdict).toBe('holds');
  });
});
