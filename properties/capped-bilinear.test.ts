import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../model/backend';
import type { TrainableAttentionLayer } from '../model/trainable-attention';
import { bilinearNorm, topSingularOfProduct } from '../model/trainable-capped-weight';
import { EStepTraining, parseEStepExperiment } from '../model/training/estep-experiment';
import type { LoopConfig } from '../model/training/loop-config';
import { MStepTraining, parseMStepExperiment } from '../model/training/mstep-experiment';
import { trainLoop } from '../model/training/train-loop';
import type { TrainingProblem } from '../model/training/training-problem';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * Claims B3, C3: the trained class caps each head's effective inverse temperature, the spectral
 * norm ‖W_Q W_Kᵀ‖₂ of its bilinear form, at the hand-set construction's (= β_cap).
 */

/** float32 rounding of the rescaled query entries (relative). */
const FLOAT32_SLACK = 1e-5;

beforeAll(async () => {
  await initBackend();
});

const eStep = (name: string, overrides: Record<string, unknown> = {}) =>
  new EStepTraining(parseEStepExperiment({ k: 3, d: 2, n: 32, delta: 4, betaCap: 2, heads: 3, seed: testSeed(name), ...overrides }));
const mStep = (name: string, overrides: Record<string, unknown> = {}) =>
  new MStepTraining(parseMStepExperiment({ k: 3, d: 2, n: 32, delta: 4, betaCap: 3, heads: 3, seed: testSeed(name), ...overrides }));

/** Row-major values and shape of a 2-D tensor. */
function matrixOf(t: tf.Tensor2D): { data: Float32Array; rows: number; cols: number } {
  return { data: t.dataSync() as Float32Array, rows: t.shape[0], cols: t.shape[1] };
}

function productApply(q: ArrayLike<number>, k: ArrayLike<number>, rows: number, cols: number, x: Float64Array): Float64Array {
  const kx = new Float64Array(cols);
  for (let c = 0; c < cols; c++) for (let j = 0; j < rows; j++) kx[c] = kx[c]! + k[j * cols + c]! * x[j]!;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) out[i] = out[i]! + q[i * cols + c]! * kx[c]!;
  return out;
}

const norm2 = (x: ArrayLike<number>): number => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));

describe('the exact spectral norm of W_Q W_Kᵀ', () => {
  test('A v = σ u with unit u, v, and no random direction is stretched more than σ', () => {
    const rng = new Rng(testSeed('spectral norm: singular pair'));
    for (let trial = 0; trial < 20; trial++) {
      const rows = 5 + (trial % 12);
      const cols = 1 + (trial % 5);
      const q = Float64Array.from({ length: rows * cols }, () => rng.normal());
      const k = Float64Array.from({ length: rows * cols }, () => rng.normal());
      const { norm, u, v } = topSingularOfProduct(q, k, rows, cols);
      expect(norm2(u)).toBeCloseTo(1, 10);
      expect(norm2(v)).toBeCloseTo(1, 10);
      const av = productApply(q, k, rows, cols, v);
      av.forEach((x, i) => expect(Math.abs(x - norm * u[i]!)).toBeLessThan(1e-9 * norm));
      for (let probe = 0; probe < 50; probe++) {
        const x = Float64Array.from({ length: rows }, () => rng.normal());
        expect(norm2(productApply(q, k, rows, cols, x))).toBeLessThanOrEqual(norm * norm2(x) * (1 + 1e-12));
      }
    }
  });

  test('known answer: diag(3, 2, 1) padded has norm 3; a rank-one product has norm ‖a‖·‖b‖·|⟨c, e⟩|', () => {
    const q = [3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0];
    const k = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];
    expect(topSingularOfProduct(q, k, 4, 3).norm).toBeCloseTo(3, 12);
    // Q = a cᵀ, K = b eᵀ with c = e = (1, 0): A = a bᵀ, ‖A‖₂ = ‖a‖‖b‖.
    expect(topSingularOfProduct([1, 0, 2, 0, 2, 0], [0, 0, 3, 0, 4, 0], 3, 2).norm).toBeCloseTo(15, 12);
  });

  test('the gradient used for the cap, uᵀ E Kᵀ v, is the derivative of ‖(Q + tE)Kᵀ‖₂ at t = 0', () => {
    const rng = new Rng(testSeed('spectral norm: gradient'));
    const rows = 9;
    const cols = 3;
    const q = Float64Array.from({ length: rows * cols }, () => rng.normal());
    const k = Float64Array.from({ length: rows * cols }, () => rng.normal());
    const e = Float64Array.from({ length: rows * cols }, () => rng.normal());
    const { u, v } = topSingularOfProduct(q, k, rows, cols);
    const ev = productApply(e, k, rows, cols, v);
    const analytic = u.reduce((s, x, i) => s + x * ev[i]!, 0);
    const h = 1e-6;
    const at = (t: number) =>
      topSingularOfProduct(
        q.map((x, i) => x + t * e[i]!),
        k,
        rows,
        cols,
      ).norm;
    expect(Math.abs((at(h) - at(-h)) / (2 * h) - analytic)).toBeLessThan(1e-5 * (1 + Math.abs(analytic)));
  });
});

function expectConstructionAtTheCap(layer: TrainableAttentionLayer, betaCap: number): void {
  expect(layer.cap).toBe(betaCap);
  layer.setToConstruction();
  expect(layer.effectiveNorms()).toEqual(new Array(layer.heads).fill(betaCap));
  for (let h = 0; h < layer.heads; h++) {
    const raw = layer.rawQueryKey(h);
    const [query, key] = tf.tidy(() => {
      const e = layer.effectiveQueryKey(h);
      return [e.query.dataSync(), e.key.dataSync()];
    });
    // Bit for bit: the cap leaves the construction untouched.
    expect(Array.from(query!)).toEqual(Array.from(raw.query.dataSync()));
    expect(Array.from(key!)).toEqual(Array.from(raw.key.dataSync()));
  }
}

describe('the construction is in the class, exactly at the cap', () => {
  test.each([
    [3, 2, 2],
    [4, 3, 1.5],
  ])('B3: E-step head, k = %i, d = %i, β_cap = %f', (k, d, betaCap) => {
    const problem = eStep(`E-step construction at the cap ${k}`, { k, d, n: 16 * k, betaCap });
    try {
      expectConstructionAtTheCap(problem.layer, betaCap);
    } finally {
      problem.dispose();
    }
  });

  test.each([
    [3, 2, 3],
    [4, 3, 2],
  ])('C3: M-step head, k = %i, d = %i, β_cap = %f', (k, d, betaCap) => {
    const problem = mStep(`M-step construction at the cap ${k}`, { k, d, n: 16 * k, betaCap });
    try {
      expectConstructionAtTheCap(problem.layer, betaCap);
    } finally {
      problem.dispose();
    }
  });
});

/** Trains `problem` briefly at a high learning rate, then checks every head's effective norm against the cap. */
function expectCapAfterTraining<Batch extends tf.TensorContainer>(
  problem: TrainingProblem<Batch> & { readonly layer: TrainableAttentionLayer; readonly config: { readonly training: LoopConfig } },
): void {
  trainLoop(problem, problem.config.training);
  const { cap } = problem.layer;
  for (const norm of problem.layer.effectiveNorms()) expect(norm).toBeLessThanOrEqual(cap * (1 + FLOAT32_SLACK));
  // Some head's raw factors went past the cap, so the cap (not the optimiser) kept it inside.
  const raw = Array.from({ length: problem.layer.heads }, (_, h) => {
    const r = problem.layer.rawQueryKey(h);
    return bilinearNorm(r.query as tf.Tensor2D, r.key as tf.Tensor2D);
  });
  expect(Math.max(...raw)).toBeGreaterThan(cap);
}

describe('the cap holds after training steps', () => {
  const training = { training: { steps: 30, learningRate: 0.3, warmupSteps: 1, evalEvery: 30, patience: 100 }, validationInstances: 8 };

  test('B3: every head within the cap after 30 steps at a high learning rate, with the cap active', () => {
    const problem = eStep('B3: cap after training', training);
    try {
      expectCapAfterTraining(problem);
    } finally {
      problem.dispose();
    }
  });

  test('C3: every head within the cap after 30 steps at a high learning rate, with the cap active', () => {
    const problem = mStep('C3: cap after training', training);
    try {
      expectCapAfterTraining(problem);
    } finally {
      problem.dispose();
    }
  });
});

describe('a pair the separate Frobenius caps allowed is now clipped', () => {
  test('C3: the centred pair reaches k/(k−1)·β_cap with the construction’s Frobenius norms; the cap clips it to β_cap', () => {
    for (const k of [3, 4]) {
      const betaCap = 2;
      const problem = mStep(`centred pair ${k}`, { k, d: 2, n: 8 * k, betaCap, heads: 1 });
      try {
        const { layout } = problem.layer;
        const raw = problem.layer.rawQueryKey(0);
        const { rows, cols } = matrixOf(raw.query as tf.Tensor2D);
        const scale = Math.sqrt(k / (k - 1));
        const q = new Float32Array(rows * cols);
        const key = new Float32Array(rows * cols);
        for (let a = 0; a < k; a++) {
          for (let c = 0; c < k; c++) {
            const centred = (a === c ? 1 : 0) - 1 / k;
            q[(layout.id + a) * cols + c] = scale * betaCap * centred;
            key[(layout.resp + a) * cols + c] = scale * centred;
          }
        }
        raw.query.assign(tf.tensor2d(q, [rows, cols]));
        raw.key.assign(tf.tensor2d(key, [rows, cols]));
        // In the old class: ‖W_Q‖_F = β_cap·√k and ‖W_K‖_F = √k, the construction's.
        expect(norm2(q)).toBeCloseTo(betaCap * Math.sqrt(k), 5);
        expect(norm2(key)).toBeCloseTo(Math.sqrt(k), 5);
        expect(bilinearNorm(raw.query as tf.Tensor2D, raw.key as tf.Tensor2D)).toBeCloseTo((k / (k - 1)) * betaCap, 5);
        const [effectiveNorm] = problem.layer.effectiveNorms();
        expect(effectiveNorm).toBeCloseTo(betaCap, 5);
        // The in-cluster minus out-of-cluster score: k/(k−1)·β_cap before, β_cap (the construction's) after.
        const a = tf.tidy(() => {
          const e = problem.layer.effectiveQueryKey(0);
          return tf.matMul(e.query, e.key, false, true).arraySync() as number[][];
        });
        const gap = a[layout.id]![layout.resp]! - a[layout.id]![layout.resp + 1]!;
        expect(gap).toBeCloseTo(betaCap, 5);
      } finally {
        problem.dispose();
      }
    }
  });

  test('B3: a rank-one pair at the old Frobenius caps reaches β_cap·√((d+1)(d+1/4)); the cap clips it to β_cap', () => {
    const betaCap = 2;
    const d = 2;
    const problem = eStep('rank-one pair', { betaCap, heads: 1 });
    try {
      const { layout } = problem.layer;
      const raw = problem.layer.rawQueryKey(0);
      const { rows, cols } = matrixOf(raw.query as tf.Tensor2D);
      const q = new Float32Array(rows * cols);
      const key = new Float32Array(rows * cols);
      q[layout.point * cols] = betaCap * Math.sqrt(d + 1);
      key[layout.center * cols] = Math.sqrt(d + 0.25);
      raw.query.assign(tf.tensor2d(q, [rows, cols]));
      raw.key.assign(tf.tensor2d(key, [rows, cols]));
      expect(bilinearNorm(raw.query as tf.Tensor2D, raw.key as tf.Tensor2D)).toBeCloseTo(betaCap * Math.sqrt((d + 1) * (d + 0.25)), 5);
      expect(problem.layer.effectiveNorms()[0]).toBeCloseTo(betaCap, 5);
    } finally {
      problem.dispose();
    }
  });
});
