import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../theory/rng';
import { assertPositive } from '../theory/validate';
import { eStepHeadWeights, eStepMask } from './estep-head';
import type { TokenLayout } from './token-layout';
import { TrainableAttentionLayer } from './trainable-attention';

/**
 * The trainable E-step layer (claim B3): M heads around the hand-set E-step head at the
 * temperature cap β_cap (claim B1), on its token layout and mask. Query and key are D×(d+1)
 * with ‖W_Q W_Kᵀ‖₂ ≤ β_cap (the construction's W_Q W_Kᵀ maps the point slots to the center
 * slots with weight β_cap and `one` to sqNorm with −β_cap/2: singular values β_cap and β_cap/2,
 * so it sits at the cap); the value is the centroid token's id slot e_a. Each data token's output is a convex combination of softmaxes over the centroid
 * tokens: a probability vector over the k clusters, so the error ‖w_i − e_ẑ_i‖₁ lies in [0, 2].
 */
export class TrainableEStepLayer extends TrainableAttentionLayer {
  constructor(
    readonly layout: TokenLayout,
    heads: number,
    readonly betaCap: number,
    rng: Rng,
  ) {
    super(eStepHeadWeights(layout, assertPositive('betaCap', betaCap)).heads[0]!, eStepMask(layout), heads, rng);
  }

  /**
   * [B, T, D] E-step input tokens (center and sqNorm slots filled, as after the center-update
   * sublayer) → [B, n, k] responsibilities, the resp slot of the data tokens.
   */
  responsibilities(tokens: tf.Tensor3D): tf.Tensor3D {
    const { n, resp, k } = this.layout;
    return tf.tidy(() => tf.slice(this.apply(tokens), [0, 0, resp], [-1, n, k]));
  }
}
