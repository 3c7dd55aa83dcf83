import { b1ProofScopes } from '../bounds/proofs/b1-steps';
import { failingOnCase } from '../bounds/proofs/check-steps';
import { CLAIMS } from '../bounds/registry';
import type { Matrix } from '../theory/matrix';
import { float32Head } from './arbitraries/b1ProofCase';

/**
 * The underflow counterexamples (found by fast-check) that broke B1.1 as first written: its
 * rounding bound had no underflow term. The step now carries the underflow of its operations,
 * x ↦ x(1 + δ) + η with |η| at most the smallest subnormal, and holds on them.
 */
const matrix = (rows: number, cols: number, values: number[]): Matrix => ({ rows, cols, data: Float64Array.from(values) });

describe('proof steps under underflow', () => {
  test.each([
    ['a center whose square underflows in float64', matrix(3, 1, [0, 0, 0]), matrix(4, 1, [0, 0, 0, 3.514490168720232e-162]), 1],
    [
      'a point and a center that float32 rounds to 0',
      matrix(1, 1, [4.347184255748505e-161]),
      matrix(2, 1, [1.5143480962478003e-163, 0]),
      1,
    ],
  ])('B1.1: holds for %s (float32 head)', (_what, points, centers, beta) => {
    const head = float32Head(points, centers, beta);
    const scopes = b1ProofScopes({ points, centers, beta, headScores: head.scores, headWeights: head.weights, headUnitRoundoff: 2 ** -24 });
    expect(failingOnCase(CLAIMS.B1, scopes)).toEqual([]);
  });
});
