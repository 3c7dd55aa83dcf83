import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../theory/rng';
import { assertInteger } from '../theory/validate';
import { type AttentionHead, attentionLayer, disposeAttention } from './attention';
import { cappedWeight, frobeniusNorm } from './trainable-capped-weight';
import { type NamedParameter, normalVariable, zeroVariable } from './training/parameters';

/** Standard deviation of the raw query and key entries at initialisation. */
const INIT_SCALE = 0.1;

/**
 * An M-head attention sublayer trained around a hand-set head (claims B3, C3). Every head keeps
 * the construction's value and output weights and trains its own query and key (same shapes as
 * the construction's) under a weight-norm cap equal to the construction's Frobenius norms; the
 * heads' outputs are mixed by trainable convex weights π = softmax(mixing). Setting every head
 * to the construction reproduces it whatever π is, so the construction lies in the trained class
 * (`setToConstruction`). The layer takes ownership of `construction` and `mask`.
 */
export class TrainableAttentionLayer {
  readonly parameters: readonly NamedParameter[];
  /** Caps on ‖W_Q‖_F and ‖W_K‖_F: the construction's norms. */
  readonly queryCap: number;
  readonly keyCap: number;
  private readonly queries: tf.Variable[];
  private readonly keys: tf.Variable[];
  private readonly mixing: tf.Variable;

  constructor(
    private readonly construction: AttentionHead,
    private readonly mask: tf.Tensor2D,
    readonly heads: number,
    rng: Rng,
  ) {
    assertInteger('heads', heads, 1);
    this.queryCap = frobeniusNorm(construction.query);
    this.keyCap = frobeniusNorm(construction.key);
    this.queries = Array.from({ length: heads }, () => normalVariable(rng, [...construction.query.shape], INIT_SCALE));
    this.keys = Array.from({ length: heads }, () => normalVariable(rng, [...construction.key.shape], INIT_SCALE));
    this.mixing = zeroVariable([heads]);
    this.parameters = [
      ...this.queries.map((variable, h) => ({ name: `head${h}.query`, variable })),
      ...this.keys.map((variable, h) => ({ name: `head${h}.key`, variable })),
      { name: 'mixing', variable: this.mixing },
    ];
  }

  /** out = tokens + Σ_h π_h softmax(Q_h K_hᵀ + mask) V W_O, with capped Q_h, K_h. */
  apply(tokens: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const shares = tf.softmax(this.mixing);
      const heads: AttentionHead[] = this.queries.map((query, h) => ({
        query: cappedWeight(query as tf.Tensor2D, this.queryCap),
        key: cappedWeight(this.keys[h] as tf.Tensor2D, this.keyCap),
        value: this.construction.value,
        output: tf.mul(this.construction.output, tf.slice(shares, [h], [1])) as tf.Tensor2D,
      }));
      return attentionLayer(tokens, { heads }, this.mask);
    });
  }

  /** Sets every head's query and key to the construction's. */
  setToConstruction(): void {
    this.queries.forEach((q) => q.assign(this.construction.query));
    this.keys.forEach((key) => key.assign(this.construction.key));
  }

  dispose(): void {
    tf.dispose([...this.parameters.map((p) => p.variable), this.mask]);
    disposeAttention({ heads: [this.construction] });
  }
}
