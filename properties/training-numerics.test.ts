import { test } from '@fast-check/jest';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { initBackend } from '../model/backend';
import { layerNorm } from '../model/clustering/layer-norm';
import { Adam } from '../model/training/adam';
import { clipByGlobalNorm, flatGradient } from '../model/training/clip-gradients';
import { Rng } from '../theory/rng';

// The shared training loop's numerics (B3, C3, D2, F3 train with them), checked against tfjs's own ops.

function randomTensor(rng: Rng, shape: number[], scale = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => scale * rng.normal()),
    shape,
    'float32',
  );
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, relative: number): void {
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(relative * scale);
}

beforeAll(async () => {
  await initBackend('cpu');
});

const shapes = fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 });

test.prop([shapes, fc.integer({ min: 0, max: 0xffffffff }), fc.double({ min: 1e-4, max: 0.1, noNaN: true })], { numRuns: 25 })(
  'training loop: Adam at a constant learning rate follows tf.train.adam over 5 steps',
  (variableShapes, seed, learningRate) => {
    const rng = new Rng(seed);
    const start = variableShapes.map((shape) => randomTensor(rng, shape));
    const ours = start.map((t) => tf.variable(t.clone()));
    const theirs = start.map((t) => tf.variable(t.clone()));
    const adam = new Adam(ours);
    const reference = tf.train.adam(learningRate, 0.9, 0.999, 1e-8);
    try {
      for (let step = 0; step < 5; step++) {
        const gradients = variableShapes.map((shape) => randomTensor(rng, shape, 2));
        adam.apply(flatGradient(gradients), learningRate);
        reference.applyGradients(theirs.map((v, j) => ({ name: v.name, tensor: gradients[j]! })));
        tf.dispose(gradients);
      }
      // tf.train.adam adds ε to sqrt(v̂) rather than sqrt(v): a difference of order ε/√v ≈ 1e-8 here.
      ours.forEach((v, j) => expectClose(v.dataSync(), theirs[j]!.dataSync(), 1e-5));
    } finally {
      reference.dispose();
      tf.dispose([...start, ...ours, ...theirs]);
    }
  },
);

test.prop([shapes, fc.integer({ min: 0, max: 0xffffffff }), fc.double({ min: 0.01, max: 100, noNaN: true })], { numRuns: 50 })(
  'training loop: global-norm clipping keeps the direction and caps the norm at clipNorm',
  (variableShapes, seed, maxNorm) => {
    const rng = new Rng(seed);
    const gradients = variableShapes.map((shape) => randomTensor(rng, shape, 3));
    try {
      const flat = flatGradient(gradients);
      const expectedNorm = Math.sqrt(tf.tidy(() => tf.addN(gradients.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!));
      const { clipped, norm } = clipByGlobalNorm(flat, maxNorm);
      expect(norm).toBeCloseTo(expectedNorm, 4);
      const scale = Math.min(1, maxNorm / norm);
      expectClose(
        clipped,
        flat.map((g) => g * scale),
        1e-6,
      );
      expect(Math.hypot(...clipped)).toBeLessThanOrEqual(maxNorm * (1 + 1e-6));
      expect(flat).toEqual(Float32Array.from(gradients.flatMap((g) => [...g.dataSync()])));
    } finally {
      tf.dispose(gradients);
    }
  },
);

test.prop(
  [
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.constantFrom(1e-3, 1, 100),
  ],
  { numRuns: 40 },
)('F3: the fused layer norm equals tf.moments layer norm, with its autodiff gradients', (batch, tokens, width, seed, spread) => {
  const rng = new Rng(seed);
  const x = randomTensor(rng, [batch, tokens, width], spread);
  const gain = randomTensor(rng, [width]);
  const bias = randomTensor(rng, [width]);
  const upstream = randomTensor(rng, [batch, tokens, width]);
  const plain = (u: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
    const { mean, variance } = tf.moments(u, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(u, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  const run = (f: typeof plain) =>
    tf.tidy(() => [
      f(x, gain, bias).dataSync(),
      ...tf
        .grads((u: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(u, g, b), upstream)))([x, gain, bias])
        .map((t) => t.dataSync()),
    ]);
  try {
    const fused = run(layerNorm);
    const reference = run(plain);
    // Centered inputs (spread 1e-3 puts var below ε = 1e-5): tfjs's float32 x − mean has no cancellation to lose.
    fused.forEach((values, j) => expectClose(values, reference[j]!, 2e-4));
  } finally {
    tf.dispose([x, gain, bias, upstream]);
  }
});
