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

/** Adam's moment coefficients and its bias corrections at step t (t = 1, 2, …). */
interface AdamFormula {
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  correction1(t: number): number;
  correction2(t: number): number;
  /** ε is added to sqrt(v̂) (tf.train.adam) rather than to sqrt(v) (ours). */
  epsilonOnVHat: boolean;
}

const OUR_ADAM: AdamFormula = {
  beta1: 0.9,
  beta2: 0.999,
  oneMinusBeta1: 1 - 0.9,
  oneMinusBeta2: 1 - 0.999,
  correction1: (t) => 1 - 0.9 ** t,
  correction2: (t) => 1 - 0.999 ** t,
  epsilonOnVHat: false,
};

/** tf.train.adam's float32 constants: (1 − β) rounded, and 1 − βᵗ from a float32 running product. */
function float32Correction(beta: number, t: number): number {
  let power = 1;
  for (let s = 0; s < t; s++) power = Math.fround(power * Math.fround(beta));
  return Math.fround(1 - power);
}
const TF_ADAM: AdamFormula = {
  beta1: Math.fround(0.9),
  beta2: Math.fround(0.999),
  oneMinusBeta1: Math.fround(1 - 0.9),
  oneMinusBeta2: Math.fround(1 - 0.999),
  correction1: (t) => float32Correction(0.9, t),
  correction2: (t) => float32Correction(0.999, t),
  epsilonOnVHat: true,
};

/**
 * Where our Adam and tf.train.adam may part, summed over the steps in float64 per parameter. Ours
 * divides by sqrt(v) + ε (Kingma & Ba's "efficient" form), tf.train.adam by sqrt(v̂) + ε, which is
 * ours with ε/sqrt(1 − β₂ᵗ): not a small change when a gradient is small (g = 5e-4 moves the first
 * step by 6e-4 of its size). And tf's constants are float32: its v̂ = fround(0.001)·g²/(1 − fround(0.999))
 * is 1.3e-5 too large, which moves each step by 6e-6 of its size.
 */
function adamFormulaGap(gradients: Float32Array[], learningRate: number): Float64Array {
  const size = gradients[0]!.length;
  const trajectory = (formula: AdamFormula) => ({ formula, m: new Float64Array(size), v: new Float64Array(size) });
  const ours = trajectory(OUR_ADAM);
  const theirs = trajectory(TF_ADAM);
  const gap = new Float64Array(size);
  gradients.forEach((g, index) => {
    const t = index + 1;
    const update = ({ formula, m, v }: ReturnType<typeof trajectory>, i: number): number => {
      m[i] = formula.beta1 * m[i]! + formula.oneMinusBeta1 * g[i]!;
      v[i] = formula.beta2 * v[i]! + formula.oneMinusBeta2 * g[i]! * g[i]!;
      const rootVHat = Math.sqrt(v[i]! / formula.correction2(t));
      const epsilon = formula.epsilonOnVHat ? 1e-8 : 1e-8 / Math.sqrt(formula.correction2(t));
      return (learningRate * m[i]!) / formula.correction1(t) / (rootVHat + epsilon);
    };
    for (let i = 0; i < size; i++) gap[i] = gap[i]! + Math.abs(update(ours, i) - update(theirs, i));
  });
  return gap;
}

test.prop([shapes, fc.integer({ min: 0, max: 0xffffffff }), fc.double({ min: 1e-4, max: 0.1, noNaN: true })], { numRuns: 25 })(
  'training loop: Adam at a constant learning rate follows tf.train.adam over 5 steps, up to its float32 β and where it puts ε',
  (variableShapes, seed, learningRate) => {
    const rng = new Rng(seed);
    const start = variableShapes.map((shape) => randomTensor(rng, shape));
    const ours = start.map((t) => tf.variable(t.clone()));
    const theirs = start.map((t) => tf.variable(t.clone()));
    const adam = new Adam(ours);
    const reference = tf.train.adam(learningRate, 0.9, 0.999, 1e-8);
    const applied: Float32Array[] = [];
    try {
      for (let step = 0; step < 5; step++) {
        const gradients = variableShapes.map((shape) => randomTensor(rng, shape, 2));
        const flat = flatGradient(gradients);
        applied.push(flat);
        adam.apply(flat, learningRate);
        reference.applyGradients(theirs.map((v, j) => ({ name: v.name, tensor: gradients[j]! })));
        tf.dispose(gradients);
      }
      const gap = adamFormulaGap(applied, learningRate);
      let offset = 0;
      ours.forEach((v, j) => {
        const a = v.dataSync();
        const b = theirs[j]!.dataSync();
        // Beyond the formulas' gap: float32 rounding of both, 5 steps × a few ulp of the value and the update.
        for (let i = 0; i < b.length; i++, offset++) {
          const rounding = 2e-6 * Math.max(1, Math.abs(b[i]!));
          expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(gap[offset]! + rounding);
        }
      });
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

/**
 * What float32 may lose in each layer-norm output, both implementations together, beyond the 2e-4
 * relative check: x − mean cancels when a row's values sit far from zero relative to their spread
 * (x = [101.087, 100.953] has A/σ = 1500). First order, with u = 2⁻²⁴ and a row of width w, max |x| = A
 * and σ = sqrt(var + ε): the float32 mean errs by ≤ w·u·A, x − mean by ≤ (w + 2)·u·A, σ relatively by
 * ≤ sqrt(w)·(w + 2)·u·A/σ, so x̂ errs by δ ≤ (w + 2)(w + 1)·u·A/σ + 8u. Propagated: y by |γ|·δ, dx by
 * (δ·|m₂| + |x̂|·mean|γ·dy|·δ)/σ + |dx|·δ with m₂ = mean(γ·dy·x̂), dγ by Σ|dy|·δ, dβ not at all.
 */
function layerNormConditioningAllowance(
  x: Float32Array,
  gain: Float32Array,
  upstream: Float32Array,
  width: number,
  dx: ArrayLike<number>,
): Float64Array[] {
  const u = 2 ** -24;
  const rows = x.length / width;
  const y = new Float64Array(x.length);
  const dxAllowance = new Float64Array(x.length);
  const gainAllowance = new Float64Array(width);
  for (let row = 0; row < rows; row++) {
    const values = Array.from(x.subarray(row * width, (row + 1) * width));
    const mean = values.reduce((a, b) => a + b, 0) / width;
    const sigma = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / width + 1e-5);
    const largest = Math.max(...values.map(Math.abs));
    const delta = (width + 2) * (width + 1) * u * (largest / sigma) + 8 * u;
    let m2 = 0;
    let meanGainUpstream = 0;
    for (let j = 0; j < width; j++) {
      const gainUpstream = gain[j]! * upstream[row * width + j]!;
      m2 += (gainUpstream * (values[j]! - mean)) / sigma / width;
      meanGainUpstream += Math.abs(gainUpstream) / width;
    }
    for (let j = 0; j < width; j++) {
      const i = row * width + j;
      const xHat = Math.abs(values[j]! - mean) / sigma;
      y[i] = 2 * Math.abs(gain[j]!) * delta;
      dxAllowance[i] = 2 * ((delta * Math.abs(m2) + xHat * meanGainUpstream * delta) / sigma + Math.abs(dx[i]!) * delta);
      gainAllowance[j] = gainAllowance[j]! + 2 * Math.abs(upstream[i]!) * delta;
    }
  }
  return [y, dxAllowance, gainAllowance, new Float64Array(width)];
}

test.prop(
  [
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.constantFrom(1e-3, 1, 100),
  ],
  { numRuns: 40 },
)(
  'F3: the fused layer norm equals tf.moments layer norm, with its autodiff gradients, within float32 conditioning',
  (batch, tokens, width, seed, spread) => {
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
      const allowance = layerNormConditioningAllowance(
        x.dataSync() as Float32Array,
        gain.dataSync() as Float32Array,
        upstream.dataSync() as Float32Array,
        width,
        reference[1]!,
      );
      fused.forEach((values, j) => {
        const expected = reference[j]!;
        let scale = 1;
        for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!));
        for (let i = 0; i < expected.length; i++) {
          expect(Math.abs(values[i]! - expected[i]!)).toBeLessThanOrEqual(2e-4 * scale + allowance[j]![i]!);
        }
      });
    } finally {
      tf.dispose([x, gain, bias, upstream]);
    }
  },
);
