import { test } from '@fast-check/jest';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { initBackend } from '../model/backend';
import { labelMatchings, permutationMinCrossEntropy } from '../model/clustering/loss';
import { permutations } from '../model/clustering/permutations';
import { mislabelRate } from '../theory/mislabel';
import { permutationArbitrary } from './arbitraries/labelling';

/**
 * model/clustering/loss.ts, claim G1 (wrong k): the permutation-minimising cross-entropy of a
 * transformer told m clusters on data with k, over max(k, m) labels, as the mislabel rate counts.
 */

beforeAll(async () => {
  await initBackend();
});

const [BATCH, N] = [2, 6];

/** k true clusters, m tokens, logits [2, 6, m], labels of 2 × 6 points, and a relabelling of the k true labels. */
const lossCase = fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 5 })).chain(([k, m]) =>
  fc.record({
    k: fc.constant(k),
    m: fc.constant(m),
    logits: fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: BATCH * N * m, maxLength: BATCH * N * m }),
    labels: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: BATCH * N, maxLength: BATCH * N }),
    relabel: permutationArbitrary(k),
  }),
);

function oneHot(labels: readonly number[], k: number): tf.Tensor3D {
  return tf.tensor3d(
    labels.flatMap((z) => Array.from({ length: k }, (_, a) => (a === z ? 1 : 0))),
    [BATCH, N, k],
  );
}

/** Float64 brute force: per instance, the minimum over every permutation π of max(k, m) labels of −(1/n)·Σ_{i: π(z_i) < m} log p_{i, π(z_i)}. */
function bruteForce(k: number, m: number, logits: readonly number[], labels: readonly number[]): number {
  const logProb = (b: number, i: number, a: number): number => {
    const row = logits.slice((b * N + i) * m, (b * N + i + 1) * m);
    const max = Math.max(...row);
    return row[a]! - max - Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
  };
  let total = 0;
  for (let b = 0; b < BATCH; b++) {
    const perPermutation = permutations(Math.max(k, m)).map((pi) => {
      let loss = 0;
      for (let i = 0; i < N; i++) {
        const a = pi[labels[b * N + i]!]!;
        if (a < m) loss -= logProb(b, i, a);
      }
      return loss / N;
    });
    total += Math.min(...perPermutation);
  }
  return total / BATCH;
}

describe('G1: permutation-minimising loss with m ≠ k tokens', () => {
  test('G1: labelMatchings lists the distinct matchings of k labels to m tokens, min(k, m) pairs each, and the k! permutations when m = k', () => {
    const falling = (a: number, b: number) => Array.from({ length: b }, (_, i) => a - i).reduce((p, x) => p * x, 1);
    for (let k = 2; k <= 4; k++) {
      for (let m = 2; m <= 5; m++) {
        const matchings = labelMatchings(k, m);
        // injective maps of the smaller side into the larger: max!/(max − min)!
        expect(matchings).toHaveLength(falling(Math.max(k, m), Math.min(k, m)));
        expect(new Set(matchings.map((p) => JSON.stringify(p))).size).toBe(matchings.length);
        for (const pairs of matchings) {
          expect(pairs).toHaveLength(Math.min(k, m));
          expect(new Set(pairs.map(([c]) => c)).size).toBe(pairs.length);
          expect(new Set(pairs.map(([, a]) => a)).size).toBe(pairs.length);
          for (const [c, a] of pairs) expect(c < k && a < m).toBe(true);
        }
      }
      expect(labelMatchings(k, k)).toEqual(permutations(k).map((pi) => pi.map((a, c) => [c, a])));
    }
  });

  test.prop([lossCase], { numRuns: 60 })(
    'G1: equals the float64 brute force over the permutations of max(k, m) labels, and is invariant to relabelling the true clusters',
    ({ k, m, logits, labels, relabel }) => {
      const logitTensor = tf.tensor3d(logits, [BATCH, N, m]);
      const targets = oneHot(labels, k);
      const relabelled = oneHot(
        labels.map((z) => relabel[z]!),
        k,
      );
      try {
        const loss = permutationMinCrossEntropy(logitTensor, targets).dataSync()[0]!;
        expect(loss).toBeCloseTo(bruteForce(k, m, logits, labels), 4);
        expect(permutationMinCrossEntropy(logitTensor, relabelled).dataSync()[0]!).toBeCloseTo(loss, 4);
      } finally {
        tf.dispose([logitTensor, targets, relabelled]);
      }
    },
  );

  test.prop([lossCase], { numRuns: 30 })(
    'G1: with certain predictions (logit 30) the loss is 30 × the mislabel rate over max(k, m) labels when m ≥ k, and at most that when m < k (clusters left without a token add nothing)',
    ({ k, m, labels }) => {
      // certain predictions ẑ: logit 30 on the predicted token, 0 elsewhere; the loss per point is then ≈ 0 or ≈ 30
      const predicted = labels.map((z) => z % m);
      const logits = predicted.flatMap((a) => Array.from({ length: m }, (_, t) => (t === a ? 30 : 0)));
      const logitTensor = tf.tensor3d(logits, [BATCH, N, m]);
      const targets = oneHot(labels, k);
      try {
        const loss = permutationMinCrossEntropy(logitTensor, targets).dataSync()[0]!;
        const rates = [0, 1].map((b) =>
          mislabelRate(predicted.slice(b * N, (b + 1) * N), labels.slice(b * N, (b + 1) * N), Math.max(k, m)),
        );
        // the points a matching leaves without a token add nothing, so the loss counts the rest only
        expect(loss).toBeLessThanOrEqual(30 * ((rates[0]! + rates[1]!) / 2) + 1e-3);
        if (m >= k) expect(loss).toBeCloseTo(30 * ((rates[0]! + rates[1]!) / 2), 2);
      } finally {
        tf.dispose([logitTensor, targets]);
      }
    },
  );

  test('G1: the loss differentiates with m ≠ k (no gather), with a finite gradient', () => {
    const logits = tf.variable(tf.randomNormal<tf.Rank.R3>([BATCH, N, 2], 0, 1, 'float32', 7));
    const targets = oneHot([0, 1, 2, 0, 1, 2, 2, 2, 1, 0, 0, 1], 3);
    try {
      const { grads } = tf.variableGrads(() => permutationMinCrossEntropy(logits, targets));
      const g = grads[logits.name]!.dataSync();
      expect(g.length).toBe(BATCH * N * 2);
      expect(Array.from(g).every(Number.isFinite)).toBe(true);
      tf.dispose(Object.values(grads));
    } finally {
      tf.dispose([logits, targets]);
    }
  });
});
