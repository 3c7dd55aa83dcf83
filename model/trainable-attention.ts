import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../theory/rng';
import { assertInteger } from '../theory/validate';
import { type AttentionHead, attentionLayer, disposeAttention } from './attention';
import { bilinearNorm, cappedBilinear } from './trainable-capped-weight';
import { type NamedParameter, normalVariable, zeroVariable } from './training/parameters';

/** Standard deviation of the raw query and key entries at initialisation. */
const INIT_SCALE = 0.1;

/**
 * An M-head attention sublayer trained around a hand-set head (claims B3, C3). Every head keeps
 * the construction's value and output weights and trains its own query and key (same shapes as
 * the construction's) under a cap on its effective inverse temperature, the spectral norm of its
 * bilinear form ‖W_Q W_Kᵀ‖₂ ≤ cap, with cap = the construction's own ‖W_Q W_Kᵀ‖₂ (β_cap for both
 * hand-set heads; see trainable-capped-weight.ts); the heads' outputs are mixed by trainable
 * convex weights π = softmax(mixing). Setting every head to the construction reproduces it
 * exactly whatever π is, so the construction lies in the trained class, at the cap
 * (`setToConstruction`). The layer takes ownership of `construction` and `mask`.
 */
export class TrainableAttentionLayer {
  readonly parameters: readonly NamedParameter[];
  /** The cap on every head's ‖W_Q W_Kᵀ‖₂: the construction's. */
  readonly cap: number;
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
    this.cap = bilinearNorm(construction.query, construction.key);
    this.queries = Array.from({ length: heads }, () => normalVariable(rng, [...construction.query.shape], INIT_SCALE));
    this.keys = Array.from({ length: heads }, () => normalVariable(rng, [...construction.key.shape], INIT_SCALE));
    this.mixing = zeroVariable([heads]);
    this.parameters = [
      ...this.queries.map((variable, h) => ({ name: `head${h}.query`, variable })),
      ...this.keys.map((variable, h) => ({ name: `head${h}.key`, variable })),
      { name: 'mixing', variable: this.mixing },
    ];
  }

  /** Head h's effective (query, key), with ‖W_Q W_Kᵀ‖₂ ≤ cap. Call inside tf.tidy. */
  effectiveQueryKey(h: number): { query: tf.Tensor2D; key: tf.Tensor2D } {
    return cappedBilinear(this.queries[h] as tf.Tensor2D, this.keys[h] as tf.Tensor2D, this.cap);
  }

  /** Every head's effective ‖W_Q W_Kᵀ‖₂ (float64), each ≤ cap up to float32 rounding. */
  effectiveNorms(): number[] {
    return this.queries.map((_, h) =>
      tf.tidy(() => {
        const { query, key } = this.effectiveQueryKey(h);
        return bilinearNorm(query, key);
      }),
    );
  }

  /** Head h's raw (query, key) variables, before the cap (for tests). */
  rawQueryKey(h: number): { query: tf.Variable; key: tf.Variable } {
    return { query: this.queries[h]!, key: this.keys[h]! };
  }

  /** out = tokens + Σ_h π_h softmax(Q_h K_hᵀ + mask) V W_O, with each head's bilinear form capped. */
  apply(tokens: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const shares = tf.softmax(this.mixing);
      const heads: AttentionHead[] = this.queries.map((_, h) => ({
        ...this.effectiveQueryKey(h),
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
