import { test } from '@fast-check/jest';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { clopperPearsonUpper } from '../bounds/clopper-pearson';
import { initBackend } from '../model/backend';
import { alignedLabels, alignInitialization } from '../model/clustering/alignment';
import { samplePretrainingTask } from '../model/clustering/clustering-task';
import { ClusteringTraining } from '../model/clustering/clustering-training';
import { type ClusteringExperimentInput, parseClusteringExperiment } from '../model/clustering/config';
import { crossEntropy, permutationMinCrossEntropy } from '../model/clustering/loss';
import { permutations } from '../model/clustering/permutations';
import { predictLabels } from '../model/clustering/predict';
import { embedInputs } from '../model/clustering/token-features';
import { trainLoop } from '../model/training/train-loop';
import type { Matrix } from '../theory/matrix';
import { Rng } from '../theory/rng';
import { alignmentCaseArbitrary } from './arbitraries/alignmentCase';
import { permutationArbitrary } from './arbitraries/labelling';
import { expectDeterministicTraining } from './expect-deterministic-training';
import { expectNoTensorLeaksAcrossSteps } from './expect-no-tensor-leaks';
import { testSeed } from './seed';

/** CLAIMS.md §4: failure probability of the better-than-chance test. */
const FAILURE_PROBABILITY = 1e-6;

/** A tiny transformer: k = 2, n = 16, d = 2, Δ/σ = 5, one block of width 16. */
function tinyConfig(name: string, overrides: ClusteringExperimentInput = {}) {
  return parseClusteringExperiment({
    k: 2,
    d: 2,
    n: 16,
    deltaRange: [5, 5],
    architecture: { width: 16, heads: 2, layers: 1, hidden: 16 },
    batchSize: 16,
    validationInstances: 32,
    seed: testSeed(name),
    training: { steps: 200, learningRate: 0.01, warmupSteps: 20, evalEvery: 50, patience: 100 },
    ...overrides,
  });
}

beforeAll(async () => {
  await initBackend();
});

describe('F3: clustering transformer', () => {
  test('F3: a tiny transformer trained 200 steps at k = 2, Δ/σ = 5 clusters better than chance', () => {
    const name = 'F3: better than chance';
    const config = tinyConfig(name);
    const problem = new ClusteringTraining(config);
    try {
      trainLoop(problem, config.training);
      // One uniformly chosen point per fresh instance errs (after the instance's optimal relabelling)
      // independently with probability E[h], so the errors are Bin(R, E[h]): an exact test.
      const rng = new Rng(testSeed(`${name} held-out`));
      const tasks = Array.from({ length: 400 }, (_, j) => samplePretrainingTask(config, rng.split(j)));
      const predicted = predictLabels(
        problem.model,
        tasks.map((t) => ({ points: t.instance.points, centers: t.init! })),
      );
      let errors = 0;
      tasks.forEach((task, j) => {
        const z = task.instance.labels;
        const agree = predicted[j]!.reduce((s, a, i) => s + (a === z[i] ? 1 : 0), 0);
        const flip = agree < z.length - agree; // k = 2: the optimal relabelling swaps the labels
        const i = rng.int(z.length);
        if ((predicted[j]![i] === z[i]) === flip) errors++;
      });
      // Chance (labels independent of the data) errs at rate ≥ 1/2 per point before relabelling;
      // we require the Clopper–Pearson upper bound at 1e-6 to be below 1/4, half of that.
      const upper = clopperPearsonUpper(errors, tasks.length, FAILURE_PROBABILITY);
      // Printed with the seed on failure, so the case replays.
      expect({ seed: config.seed, errors, trials: tasks.length, upper, belowQuarter: upper < 0.25 }).toMatchObject({ belowQuarter: true });
    } finally {
      problem.dispose();
    }
  });

  test('F3: no tensor leaks across training steps, with and without an initialization', () => {
    for (const init of ['perturbed-truth', 'none'] as const) {
      const config = tinyConfig(`F3: leaks ${init}`, { init, training: { steps: 12, evalEvery: 4, patience: 100 } });
      expectNoTensorLeaksAcrossSteps(() => new ClusteringTraining(config), config.training);
    }
  });

  test('F3: the same seed gives identical weights after 10 steps', () => {
    const config = tinyConfig('F3: determinism', { training: { steps: 10, evalEvery: 10, patience: 100 } });
    expectDeterministicTraining(() => new ClusteringTraining(config), config.training);
  });

  test.prop([fc.integer({ min: 2, max: 4 }).chain((m) => permutationArbitrary(m))], { numRuns: 10 })(
    'F3: reordering the centroid tokens reorders the label logits the same way (and m may differ from k)',
    (order) => {
      const config = tinyConfig('F3: equivariance', { k: 3 });
      const problem = new ClusteringTraining(config);
      try {
        const rng = new Rng(config.seed);
        const points: Matrix = { rows: 16, cols: 2, data: Float64Array.from({ length: 32 }, () => 3 * rng.normal()) };
        const m = order.length;
        const centers: Matrix = { rows: m, cols: 2, data: Float64Array.from({ length: 2 * m }, () => 3 * rng.normal()) };
        const reordered: Matrix = {
          rows: m,
          cols: 2,
          data: Float64Array.from({ length: 2 * m }, (_, t) => centers.data[order[Math.floor(t / 2)]! * 2 + (t % 2)]!),
        };
        const [a, b] = [centers, reordered].map((c) =>
          tf.tidy(() => problem.model.logits(embedInputs(problem.model.features, [{ points, centers: c }]), 16).arraySync()[0]!),
        );
        for (let i = 0; i < 16; i++) for (let j = 0; j < m; j++) expect(b![i]![j]!).toBeCloseTo(a![i]![order[j]!]!, 4);
      } finally {
        problem.dispose();
      }
    },
  );
});

describe('F3: alignment of the initialization to the true centers', () => {
  test.prop([alignmentCaseArbitrary()])(
    'F3: recovers the relabelling of a perturbed, reordered set of true centers',
    ({ k, d, spacing, sigma, offsets, labels }) => {
      const truth: Matrix = {
        rows: k,
        cols: d,
        data: Float64Array.from({ length: k * d }, (_, t) => (t % d === 0 ? spacing * Math.floor(t / d) : 0)),
      };
      // init row a is true center σ(a) moved by less than Δ/4
      const init: Matrix = {
        rows: k,
        cols: d,
        data: Float64Array.from({ length: k * d }, (_, t) => truth.data[sigma[Math.floor(t / d)]! * d + (t % d)]! + offsets[t]!),
      };
      const assignment = alignInitialization(init, truth);
      expect(Array.from(assignment)).toEqual(sigma);
      // the target of a point of true cluster z is the centroid token standing for z
      const targets = alignedLabels(Int32Array.from(labels), assignment);
      targets.forEach((a, i) => expect(assignment[a]).toBe(labels[i]));
    },
  );

  test('F3: a non-square initialization is rejected naming the shape', () => {
    const truth: Matrix = { rows: 2, cols: 1, data: Float64Array.from([0, 1]) };
    expect(() => alignInitialization({ rows: 3, cols: 1, data: new Float64Array(3) }, truth)).toThrow(/init shape/);
  });
});

describe('G1: permutation-minimising loss (no initialization)', () => {
  test('G1: permutations(k) lists k! distinct permutations', () => {
    for (let k = 1; k <= 5; k++) {
      const all = permutations(k);
      expect(all).toHaveLength([1, 1, 2, 6, 24, 120][k]!);
      expect(new Set(all.map((p) => p.join(','))).size).toBe(all.length);
      all.forEach((p) => expect([...p].sort()).toEqual([...Array(k).keys()]));
    }
  });

  const lossCase = fc.integer({ min: 2, max: 4 }).chain((k) =>
    fc.record({
      k: fc.constant(k),
      logits: fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 2 * 5 * k, maxLength: 2 * 5 * k }),
      labels: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 10, maxLength: 10 }),
      relabel: permutationArbitrary(k),
    }),
  );

  test.prop([lossCase], { numRuns: 40 })(
    'G1: equals brute force over k! permutations, is invariant to relabelling, and is ≤ the aligned loss',
    ({ k, logits, labels, relabel }) => {
      const [batch, n] = [2, 5];
      const oneHot = (ls: readonly number[]) =>
        tf.tensor3d(
          ls.flatMap((z) => Array.from({ length: k }, (_, a) => (a === z ? 1 : 0))),
          [batch, n, k],
        );
      const logitTensor = tf.tensor3d(logits, [batch, n, k]);
      const targets = oneHot(labels);
      const relabelled = oneHot(labels.map((z) => relabel[z]!));
      try {
        const loss = permutationMinCrossEntropy(logitTensor, targets).dataSync()[0]!;
        const lossRelabelled = permutationMinCrossEntropy(logitTensor, relabelled).dataSync()[0]!;
        const aligned = crossEntropy(logitTensor, targets).dataSync()[0]!;
        // brute force in float64
        const logProb = (b: number, i: number, a: number): number => {
          const row = logits.slice((b * n + i) * k, (b * n + i + 1) * k);
          const max = Math.max(...row);
          return row[a]! - max - Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
        };
        let brute = 0;
        for (let b = 0; b < batch; b++) {
          brute += Math.min(
            ...permutations(k).map(
              (pi) => -Array.from({ length: n }, (_, i) => logProb(b, i, pi[labels[b * n + i]!]!)).reduce((s, x) => s + x, 0) / n,
            ),
          );
        }
        brute /= batch;
        expect(loss).toBeCloseTo(brute, 4);
        expect(lossRelabelled).toBeCloseTo(loss, 4);
        expect(loss).toBeLessThanOrEqual(aligned + 1e-5);
      } finally {
        tf.dispose([logitTensor, targets, relabelled]);
      }
    },
  );
});

describe('F3: config validation', () => {
  test.each([
    [{ k: 7 }, /k:/],
    [{ architecture: { width: 30, heads: 4 } }, /architecture\.heads: must divide/],
    [{ deltaRange: [6, 3] }, /deltaRange: max/],
    [{ init: 'spectral' }, /init:/],
    [{ pretrainingInstances: 0 }, /pretrainingInstances:/],
    [{ k: 4, d: 2 }, /d: must be >= k−1/],
    [{ n: 1024, batchSize: 4096 }, /batchSize: /],
    [{ training: { stpes: 3 } }, /training: /],
  ])('F3: the bad config %j is rejected with an error naming the field', (input, message) => {
    expect(() => parseClusteringExperiment(input)).toThrow(message);
    expect(() => parseClusteringExperiment(input)).toThrow(/^clustering-transformer config: /);
  });
});
