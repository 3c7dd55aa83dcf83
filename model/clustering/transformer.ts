import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../theory/rng';
import { type NamedParameter, normalVariable, zeroVariable } from '../training/parameters';
import { untransposedMatMul } from '../untransposed-matmul';
import type { Architecture } from './config';
import { LayerNorm } from './layer-norm';
import type { TokenFeatures } from './token-features';
import { TransformerBlock } from './transformer-block';

/**
 * The end-to-end clustering transformer of claims F3, F4 and G1. The exact architecture (for a
 * PyTorch reference), with x ∈ R^{B×T×F} the token features of token-features.ts, T = n + m,
 * width w, H heads of width w/H, L blocks, MLP width u, float32:
 *
 *   h⁰ = x·W_emb + b_emb                                   W_emb: F×w, b_emb: w
 *   for l = 1..L (TransformerBlock, normalization 'pre' by default):
 *     u = LN₁(h);  h = h + Σ_{j=1..H} softmax((u W_Q,j)(u W_K,j)ᵀ) (u W_V,j) W_O,j
 *                                                         W_Q,j, W_K,j, W_V,j: w×(w/H); W_O,j: (w/H)×w
 *     u = LN₂(h);  h = h + relu(u W_in) W_out            W_in: w×u, W_out: u×w (no biases)
 *   u = LN_f(h)                                           (omitted when normalization is 'none')
 *   logits[b, i, a] = ⟨u[b, i] W_P, u[b, n + a] W_C⟩ / √w   W_P, W_C: w×w;  i < n, a < m
 *
 * LN(x) = γ ⊙ (x − mean)/sqrt(var + 1e-5) + β over the last axis; no attention mask, no 1/√d_k
 * in the scores (initialisation folds it into W_Q), no dropout, no positional encoding (tokens
 * are told apart by their features only). 'post' normalisation is h = LN₁(h + Attn(h)),
 * h = LN₂(h + MLP(h)) with no final LN. The read-out is a pointer over centroid tokens, so
 * label a means "centroid token a" whatever m is. Parameters, in checkpoint order: embed.weight,
 * embed.bias, block{l}.head{j}.{query,key,value,output}, block{l}.mlp.{in,out},
 * block{l}.norm{1,2}.{gain,bias}, final.{gain,bias}, readout.{point,centroid}.
 */
export class ClusteringTransformer {
  readonly parameters: readonly NamedParameter[];
  private readonly embedWeight: tf.Variable;
  private readonly embedBias: tf.Variable;
  private readonly blocks: readonly TransformerBlock[];
  private readonly finalNorm: LayerNorm | undefined;
  private readonly readPoint: tf.Variable;
  private readonly readCentroid: tf.Variable;

  constructor(
    readonly features: TokenFeatures,
    readonly architecture: Architecture,
    rng: Rng,
  ) {
    const { width, layers, normalization } = architecture;
    this.embedWeight = normalVariable(rng.split(0), [features.width, width], 1 / Math.sqrt(features.width));
    this.embedBias = zeroVariable([width]);
    this.blocks = Array.from({ length: layers }, (_, l) => new TransformerBlock(`block${l}`, architecture, rng.split(1 + l)));
    this.finalNorm = normalization === 'pre' ? new LayerNorm('final', width) : undefined;
    const readRng = rng.split(1 + layers);
    this.readPoint = normalVariable(readRng, [width, width], 1 / Math.sqrt(width));
    this.readCentroid = normalVariable(readRng, [width, width], 1 / Math.sqrt(width));
    this.parameters = [
      { name: 'embed.weight', variable: this.embedWeight },
      { name: 'embed.bias', variable: this.embedBias },
      ...this.blocks.flatMap((b) => b.parameters),
      ...(this.finalNorm ? this.finalNorm.parameters : []),
      { name: 'readout.point', variable: this.readPoint },
      { name: 'readout.centroid', variable: this.readCentroid },
    ];
  }

  /** [B, n + m, F] token features → [B, n, m] label logits (label a = centroid token a). */
  logits(tokens: tf.Tensor3D, n: number): tf.Tensor3D {
    return tf.tidy(() => {
      const [batch, length, featureWidth] = tokens.shape;
      const { width } = this.architecture;
      let h = tf.reshape(tf.add(untransposedMatMul(tf.reshape(tokens, [batch * length, featureWidth]), this.embedWeight), this.embedBias), [
        batch,
        length,
        width,
      ]) as tf.Tensor3D;
      for (const block of this.blocks) h = block.apply(h);
      if (this.finalNorm) h = this.finalNorm.apply(h);
      const project = (part: tf.Tensor3D, weight: tf.Variable): tf.Tensor3D => {
        const [b, t] = part.shape;
        return tf.reshape(untransposedMatMul(tf.reshape(part, [b * t, width]), weight), [b, t, width]);
      };
      const points = project(tf.slice(h, [0, 0, 0], [batch, n, width]), this.readPoint);
      const centroids = project(tf.slice(h, [0, n, 0], [batch, length - n, width]), this.readCentroid);
      return tf.div(tf.matMul(points, centroids, false, true), Math.sqrt(width)) as tf.Tensor3D;
    });
  }

  dispose(): void {
    tf.dispose(this.parameters.map((p) => p.variable));
  }
}
