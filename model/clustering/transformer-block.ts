import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../theory/rng';
import type { AttentionHead } from '../attention';
import { feedForwardLayer } from '../feed-forward';
import { multiHeadSelfAttention } from '../multi-head-attention';
import { type NamedParameter, normalVariable } from '../training/parameters';
import type { Architecture } from './config';
import { LayerNorm } from './layer-norm';

/**
 * One block of the clustering transformer: multi-head softmax attention over all tokens, then a
 * position-wise ReLU MLP, each with a residual connection (model/multi-head-attention.ts, whose
 * wasm kernel equals model/attention.ts's layer, and model/feed-forward.ts, shared with the
 * hand-set constructions). With `pre` normalisation
 *   h ← h + Attn(LN₁(h)),  h ← h + MLP(LN₂(h));
 * with `post`: h ← LN₁(h + Attn(h)), h ← LN₂(h + MLP(h)); with `none`: no LN. Attn(u) = Σ_h
 * softmax(u W_Q,h (u W_K,h)ᵀ) u W_V,h W_O,h (no mask; W_Q carries the 1/√(w/H) scale at
 * initialisation) and MLP(u) = relu(u W_in) W_out (biases come from the LN bias β, u = … + β).
 */
export class TransformerBlock {
  readonly parameters: readonly NamedParameter[];
  private readonly heads: AttentionHead[];
  private readonly mlpIn: tf.Variable;
  private readonly mlpOut: tf.Variable;
  private readonly norms: readonly [LayerNorm, LayerNorm] | undefined;

  constructor(
    name: string,
    private readonly architecture: Architecture,
    rng: Rng,
  ) {
    const { width, heads, hidden, normalization } = architecture;
    const headWidth = width / heads;
    const parameters: NamedParameter[] = [];
    const add = (suffix: string, variable: tf.Variable): tf.Variable => {
      parameters.push({ name: `${name}.${suffix}`, variable });
      return variable;
    };
    this.heads = Array.from({ length: heads }, (_, h) => ({
      query: add(`head${h}.query`, normalVariable(rng, [width, headWidth], 1 / Math.sqrt(width * headWidth))) as tf.Tensor2D,
      key: add(`head${h}.key`, normalVariable(rng, [width, headWidth], 1 / Math.sqrt(width))) as tf.Tensor2D,
      value: add(`head${h}.value`, normalVariable(rng, [width, headWidth], 1 / Math.sqrt(width))) as tf.Tensor2D,
      output: add(`head${h}.output`, normalVariable(rng, [headWidth, width], 1 / Math.sqrt(width * architecture.layers))) as tf.Tensor2D,
    }));
    this.mlpIn = add('mlp.in', normalVariable(rng, [width, hidden], Math.sqrt(2 / width)));
    this.mlpOut = add('mlp.out', normalVariable(rng, [hidden, width], 1 / Math.sqrt(hidden * architecture.layers)));
    if (normalization !== 'none') {
      this.norms = [new LayerNorm(`${name}.norm1`, width), new LayerNorm(`${name}.norm2`, width)];
      parameters.push(...this.norms[0].parameters, ...this.norms[1].parameters);
    }
    this.parameters = parameters;
  }

  /** [B, T, w] → [B, T, w]. */
  apply(tokens: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      // Attention without its residual (multi-head-attention.ts); the MLP adds its input u.
      const attend = (h: tf.Tensor3D, u: tf.Tensor3D): tf.Tensor3D => tf.add(h, multiHeadSelfAttention(u, this.heads));
      const mlp = (u: tf.Tensor3D): tf.Tensor3D =>
        feedForwardLayer(u, { groups: [{ activation: 'relu', in: this.mlpIn as tf.Tensor2D, out: this.mlpOut as tf.Tensor2D }] });
      const norms = this.norms;
      if (!norms) return mlp(attend(tokens, tokens));
      if (this.architecture.normalization === 'post') return norms[1].apply(mlp(norms[0].apply(attend(tokens, tokens))));
      // pre: h ← h + Attn(LN₁(h)), then h ← h + MLP(LN₂(h)), where feedForwardLayer returns u + MLP(u).
      const attended = attend(tokens, norms[0].apply(tokens));
      const u = norms[1].apply(attended);
      return tf.add(attended, tf.sub(mlp(u), u));
    });
  }
}
