import { test } from '@fast-check/jest';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { type AttentionHead, attentionLayer } from '../model/attention';
import { initBackend } from '../model/backend';
import { multiHeadSelfAttention } from '../model/multi-head-attention';
import { softmaxAttentionForward } from '../model/wasm/softmax-attention-kernel';
import { Rng } from '../theory/rng';
import { InputError } from '../theory/validate';
import { type AttentionCase, attentionCaseArbitrary } from './arbitraries/attentionCase';

function randomTensor(rng: Rng, shape: number[], scale = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => scale * rng.normal()),
    shape,
    'float32',
  );
}

function inputs(c: AttentionCase): { tokens: tf.Tensor3D; heads: AttentionHead[]; upstream: tf.Tensor3D } {
  const rng = new Rng(c.seed);
  const heads = Array.from({ length: c.heads }, () => ({
    query: randomTensor(rng, [c.width, c.headWidth], c.queryScale) as tf.Tensor2D,
    key: randomTensor(rng, [c.width, c.headWidth]) as tf.Tensor2D,
    value: randomTensor(rng, [c.width, c.headWidth]) as tf.Tensor2D,
    output: randomTensor(rng, [c.headWidth, c.width]) as tf.Tensor2D,
  }));
  return {
    tokens: randomTensor(rng, [c.batch, c.tokens, c.width]) as tf.Tensor3D,
    heads,
    upstream: randomTensor(rng, [c.batch, c.tokens, c.width]) as tf.Tensor3D,
  };
}

/** The attention sublayer and its gradients w.r.t. the tokens and every weight, for ⟨out, upstream⟩. */
function valueAndGradients(
  layer: (u: tf.Tensor3D, heads: AttentionHead[]) => tf.Tensor,
  tokens: tf.Tensor3D,
  heads: AttentionHead[],
  upstream: tf.Tensor,
): { out: Float32Array; grads: Float32Array[] } {
  const out = tf.tidy(() => layer(tokens, heads).dataSync() as Float32Array);
  const weights = heads.flatMap((h) => [h.query, h.key, h.value, h.output]);
  const grads = tf.tidy(() =>
    tf
      .grads((...args: tf.Tensor[]) => {
        const [u, ...w] = args;
        const hs = heads.map((_, j) => ({
          query: w[4 * j] as tf.Tensor2D,
          key: w[4 * j + 1] as tf.Tensor2D,
          value: w[4 * j + 2] as tf.Tensor2D,
          output: w[4 * j + 3] as tf.Tensor2D,
        }));
        return tf.sum(tf.mul(layer(u as tf.Tensor3D, hs), upstream));
      })([tokens, ...weights])
      .map((g) => g.dataSync() as Float32Array),
  );
  return { out, grads };
}

/** |a − b| ≤ 1e-4·(1 + max|b|) elementwise: float32 rounding of sums of up to a few hundred terms. */
function expectClose(a: Float32Array, b: Float32Array): void {
  const scale = 1 + b.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  a.forEach((x, i) => expect(Math.abs(x - b[i]!)).toBeLessThanOrEqual(1e-4 * scale));
}

const reference = (u: tf.Tensor3D, heads: AttentionHead[]): tf.Tensor => tf.sub(attentionLayer(u, { heads }), u);

describe.each(['cpu', 'wasm'])('F3: the fused multi-head attention kernel on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  test.prop([attentionCaseArbitrary()], { numRuns: 40 })(
    'equals tfjs attention (attentionLayer − residual) and its autodiff gradients',
    (c) => {
      const { tokens, heads, upstream } = inputs(c);
      try {
        const fused = valueAndGradients(multiHeadSelfAttention, tokens, heads, upstream);
        const plain = valueAndGradients(reference, tokens, heads, upstream);
        expectClose(fused.out, plain.out);
        fused.grads.forEach((g, j) => expectClose(g, plain.grads[j]!));
      } finally {
        tf.dispose([tokens, upstream, ...heads.flatMap((h) => [h.query, h.key, h.value, h.output])]);
      }
    },
  );

  test('leaves no tensor behind, with or without gradients', () => {
    const { tokens, heads, upstream } = inputs({ batch: 2, tokens: 5, heads: 2, headWidth: 4, width: 8, queryScale: 1, seed: 1 });
    const before = tf.memory().numTensors;
    valueAndGradients(multiHeadSelfAttention, tokens, heads, upstream);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([tokens, upstream, ...heads.flatMap((h) => [h.query, h.key, h.value, h.output])]);
  });
});

test('F3: heads of unequal widths are an InputError naming the head', async () => {
  await initBackend('cpu');
  const { tokens, heads } = inputs({ batch: 1, tokens: 3, heads: 2, headWidth: 4, width: 6, queryScale: 1, seed: 2 });
  const bad = [heads[0]!, { ...heads[1]!, key: tf.zeros([6, 3]) as tf.Tensor2D }];
  expect(() => multiHeadSelfAttention(tokens, bad)).toThrow(InputError);
  expect(() => multiHeadSelfAttention(tokens, bad)).toThrow(/heads\[1\]\.key/);
  expect(() => multiHeadSelfAttention(tokens, [])).toThrow(InputError);
});

test.prop([fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100 })], { numRuns: 10 })(
  'F3: scores in the thousands (near one-hot rows) stay finite and equal tfjs attention',
  async (heads, scale) => {
    await initBackend('cpu');
    const {
      tokens,
      heads: weights,
      upstream,
    } = inputs({ batch: 1, tokens: 6, heads, headWidth: 3, width: 5, queryScale: 10 * scale, seed: scale });
    try {
      const fused = valueAndGradients(multiHeadSelfAttention, tokens, weights, upstream);
      const plain = valueAndGradients(reference, tokens, weights, upstream);
      expect(fused.out.every(Number.isFinite) && fused.grads.every((g) => g.every(Number.isFinite))).toBe(true);
      expectClose(fused.out, plain.out);
    } finally {
      tf.dispose([tokens, upstream, ...weights.flatMap((h) => [h.query, h.key, h.value, h.output])]);
    }
  },
);

test('F3: an attention call too large for wasm32 memory is a RangeError naming its shape', () => {
  expect(() => softmaxAttentionForward(new Float32Array(0), { batch: 10_000, tokens: 1000, heads: 16, headWidth: 64 })).toThrow(
    /^softmax attention of B = 10000, T = 1000, H = 16, dh = 64 \(use a smaller batch\) needs \d+ bytes of WebAssembly memory, more than/,
  );
});
