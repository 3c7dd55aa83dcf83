import { test } from '@fast-check/jest';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { e1InRegime } from '../bounds/e1-margin-regime';
import { claimEntry } from '../bounds/registry';
import { LAYERS_PER_LLOYD_STEP, lloydNetworkSize, runAttentionLloyd } from '../model/attention-lloyd';
import { initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { hardMStepAttention, softMStepAttention } from '../model/mstep-head';
import { eStepMargins, softEStep } from '../theory/estep';
import { lloyd } from '../theory/lloyd';
import { instanceArbitrary } from './arbitraries/instance';
import { e1RegimeCaseArbitrary, lloydCaseArbitrary } from './arbitraries/lloydCase';

const { marginThreshold, centroidRelativeTolerance } = claimEntry('E1').constants;

beforeAll(async () => {
  await initBackend();
});

describe('E1: attention blocks reproduce Lloyd', () => {
  test('E1: inside the margin regime, labels equal float64 Lloyd and centers agree to 1e-5 (≥ 80% of generated cases inside)', async () => {
    let attempts = 0;
    let inside = 0;
    await fc.assert(
      fc.asyncProperty(e1RegimeCaseArbitrary(), async ({ instance, init, iterations, beta }) => {
        attempts++;
        const run = await runAttentionLloyd(instance.points, init, { iterations, ...(beta !== undefined ? { beta } : {}) });
        expect(run.minMargins).toHaveLength(iterations + 1);
        // outside the regime the claim says nothing; the classification is checked by the next property
        fc.pre(e1InRegime(run.minMargins));
        inside++;
        const reference = lloyd(instance.points, init, { maxIterations: iterations });
        expect(Array.from(run.labels)).toEqual(Array.from(reference.labels));
        const scale = instance.points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
        run.centers.data.forEach((v, t) =>
          expect(Math.abs(v - reference.centers.data[t]!)).toBeLessThanOrEqual(centroidRelativeTolerance * scale),
        );
      }),
      { numRuns: 40 },
    );
    expect(inside).toBe(40);
    expect(inside / attempts).toBeGreaterThanOrEqual(0.8);
  });

  test.prop([lloydCaseArbitrary({ maxIterations: 3 })], { numRuns: 30 })(
    'E1: the regime classification is right: margins match float64, ≥ 110 gives an exact one-hot E-step, < 80 does not',
    async ({ instance, init, iterations, beta }) => {
      const run = await runAttentionLloyd(instance.points, init, { iterations, ...(beta !== undefined ? { beta } : {}) });
      expect(e1InRegime(run.minMargins)).toBe(run.minMargins.every((m) => m >= marginThreshold));
      const margins = eStepMargins(instance.points, init);
      const worst = margins.reduce((best, g, i) => (g < margins[best]! ? i : best), 0);
      const initial = (run.beta * margins[worst]!) / 2;
      // step 0 runs on the float32-rounded initialization: g moves by about 4·‖X − μ‖·|δμ| per coordinate
      const scale = [...instance.points.data, ...init.data].reduce((m, v) => Math.max(m, Math.abs(v)), 1);
      expect(Math.abs(run.minMargins[0]! - initial)).toBeLessThanOrEqual(
        run.beta * 16 * instance.spec.d * 2 ** -24 * scale * scale + 1e-9 * initial,
      );
      const w = await softEStepAttention(instance.points, init, run.beta);
      const offLabel = (i: number): number => {
        const row = Array.from(w.data.subarray(i * w.cols, (i + 1) * w.cols));
        const top = row.indexOf(Math.max(...row));
        return row.reduce((s, v, a) => (a === top ? s : s + v), 0);
      };
      if (run.minMargins[0]! >= marginThreshold) {
        for (let i = 0; i < w.rows; i++) expect(offLabel(i)).toBe(0);
      } else if (run.minMargins[0]! < 80) {
        // exp(−80) ≈ 1.8e-35 is a normal float32, so it survives even on backends that flush
        // subnormals to zero (wasm/XNNPACK may: between log(2^126) ≈ 87.3 and about 103 the weight
        // is subnormal and can become exactly 0).
        expect(offLabel(worst)).toBeGreaterThan(0);
      }
    },
  );
});

describe('E3: depth and heads per Lloyd step', () => {
  test.prop([lloydCaseArbitrary({ maxIterations: 4, spec: { maxN: 30 } })], { numRuns: 10 })(
    'E3: the layers and heads counted as applied equal the designed 3 layers and 2 heads per Lloyd step, plus 2 layers and 1 head',
    async ({ instance, init, iterations }) => {
      const run = await runAttentionLloyd(instance.points, init, { iterations });
      const size = lloydNetworkSize(iterations);
      expect({
        layers: run.layers,
        attentionLayers: run.attentionLayers,
        feedForwardLayers: run.feedForwardLayers,
        heads: run.heads,
      }).toEqual(size);
      expect(run.layers).toBe((LAYERS_PER_LLOYD_STEP.attentionLayers + LAYERS_PER_LLOYD_STEP.feedForwardLayers) * iterations + 2);
      expect(run.heads).toBe(LAYERS_PER_LLOYD_STEP.heads * iterations + 1);
    },
  );
});

describe('B1, C1, C2, E1: no tensor leaks', () => {
  test.prop([instanceArbitrary({ minK: 2, maxN: 40 })], { numRuns: 10 })(
    'E1: every construction leaves tf.memory().numTensors unchanged',
    async (instance) => {
      const before = tf.memory().numTensors;
      await softEStepAttention(instance.points, instance.centers, 1);
      expect(tf.memory().numTensors).toBe(before);
      await hardMStepAttention(instance.points, instance.labels, instance.spec.k, 10);
      expect(tf.memory().numTensors).toBe(before);
      const w = softEStep(instance.points, instance.centers, 1);
      if (w.data.some((v) => v > 0)) await softMStepAttention(instance.points, w).catch(() => undefined);
      expect(tf.memory().numTensors).toBe(before);
      await runAttentionLloyd(instance.points, instance.centers, { iterations: 2 });
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  test('E1: a failing construction (bad input) leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const points = { rows: 2, cols: 1, data: Float64Array.from([0, 1]) };
    await expect(runAttentionLloyd(points, { rows: 2, cols: 1, data: Float64Array.from([0, 0]) }, { iterations: 1 })).rejects.toThrow(
      /initCenters/,
    );
    await expect(runAttentionLloyd(points, { rows: 1, cols: 1, data: Float64Array.from([0]) }, { iterations: 0 })).rejects.toThrow(
      /iterations must be an integer >= 1, got 0/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
