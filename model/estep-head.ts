import * as tf from '@tensorflow/tfjs';
import { assertSameWidth, type Matrix } from '../theory/matrix';
import { assertPositive } from '../theory/validate';
import { type AttentionLayerWeights, attentionLayer, attentionMask, disposeAttention } from './attention';
import { centerUpdateWeights } from './center-update-layer';
import { disposeFeedForward, feedForwardLayer } from './feed-forward';
import { embedTokens, readSlot, type TokenLayout, tokenKind, tokenLayout } from './token-layout';
import { identityEntries, weightMatrix } from './weight-matrix';

/**
 * The E-step head (claim B1), on the slots of TokenLayout:
 * - query  q_i = β[X_i; 1]            (point slot and the `one` coordinate),
 * - key    k_a = [μ_a; −‖μ_a‖²/2]     (center slot and sqNorm),
 * - value  v_a = e_a                   (id slot), written to the resp slot.
 * Data token i attends to the centroid tokens only (eStepMask), so its scores are
 * β(⟨X_i, μ_a⟩ − ‖μ_a‖²/2) = −β‖X_i − μ_a‖²/2 + const_i and its output is the soft E-step
 * w_i = softmax_a(−β‖X_i − μ_a‖²/2). Every other token attends to the null token and gets 0.
 */
export function eStepHeadWeights(layout: TokenLayout, beta: number): AttentionLayerWeights {
  assertPositive('beta', beta);
  const { d, k, width } = layout;
  return {
    heads: [
      {
        query: weightMatrix(width, d + 1, [...identityEntries(layout.point, 0, d, beta), [layout.one, d, beta]]),
        key: weightMatrix(width, d + 1, [...identityEntries(layout.center, 0, d), [layout.sqNorm, d, -0.5]]),
        value: weightMatrix(width, k, identityEntries(layout.id, 0, k)),
        output: weightMatrix(k, width, identityEntries(0, layout.resp, k)),
      },
    ],
  };
}

/** E-step attention pattern: data rows see the centroid tokens; all other rows see the null token. */
export function eStepMask(layout: TokenLayout): tf.Tensor2D {
  return attentionMask(layout.tokens, (row, column) =>
    tokenKind(layout, row) === 'data' ? tokenKind(layout, column) === 'centroid' : column === layout.nullToken,
  );
}

/**
 * Claim B1 end to end in float32: embed the points and centers, place the centers and their
 * squared norms (the center-update sublayer), run the E-step head, and read the n×k
 * responsibilities back as float64.
 */
export async function softEStepAttention(points: Matrix, centers: Matrix, beta: number): Promise<Matrix> {
  assertPositive('beta', beta);
  assertSameWidth('points', points, 'centers', centers);
  const layout = tokenLayout(points.rows, points.cols, centers.rows);
  const update = centerUpdateWeights(layout);
  const head = eStepHeadWeights(layout, beta);
  const mask = eStepMask(layout);
  const out = tf.tidy(() => attentionLayer(feedForwardLayer(embedTokens(layout, { points, centers }), update), head, mask));
  try {
    return await readSlot(out, 0, layout.n, layout.resp, layout.k);
  } finally {
    tf.dispose([out, mask]);
    disposeFeedForward(update);
    disposeAttention(head);
  }
}
