import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../theory/rng';
import { assertPositive } from '../theory/validate';
import { mStepHeadWeights, mStepMask } from './mstep-head';
import type { TokenLayout } from './token-layout';
import { TrainableAttentionLayer } from './trainable-attention';

/**
 * The trainable M-step layer (claim C3): M heads around the hand-set hard M-step head at the
 * temperature cap β_cap (claim C2, without keep-empty), on its token layout and mask. Query and
 * key are D×k with ‖W_Q W_Kᵀ‖₂ ≤ β_cap (the construction's W_Q W_Kᵀ = β_cap·Σ_a e_id_a e_resp_aᵀ
 * sits at the cap); the value is the data token's point X_i.
 * Each centroid token's output is a convex combination of the points, so
 * ‖out_a − mean_a‖ ≤ max_i ‖X_i − mean_a‖ and the relative error lies in [0, 1].
 */
export class TrainableMStepLayer extends TrainableAttentionLayer {
  constructor(
    readonly layout: TokenLayout,
    heads: number,
    readonly betaCap: number,
    rng: Rng,
  ) {
    super(
      mStepHeadWeights(layout, { beta: assertPositive('betaCap', betaCap), keepEmpty: false }).heads[0]!,
      mStepMask(layout, false),
      heads,
      rng,
    );
  }

  /**
   * [B, T, D] M-step input tokens (points, one-hot labels in the resp slot) → [B, k, d] outputs,
   * the `next` slot of the centroid tokens.
   */
  centers(tokens: tf.Tensor3D): tf.Tensor3D {
    const { firstCentroid, k, next, d } = this.layout;
    return tf.tidy(() => tf.slice(this.apply(tokens), [0, firstCentroid, next], [-1, k, d]));
  }
}
