import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b1WorstPoint } from '../bounds/b1-rounding-constant';
import { e1InRegime } from '../bounds/e1-margin-regime';
import { claimEntry } from '../bounds/registry';
import { runAttentionLloyd } from '../model/attention-lloyd';
import { backendName, initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { softEStep } from '../theory/estep';
import { b1CaseArbitrary } from './arbitraries/b1Case';
import { e1RegimeCaseArbitrary } from './arbitraries/lloydCase';

const { maxK } = claimEntry('B1').constants;
// Every score scale: S log-uniform over [1e-3, 1e6] (b1CaseArbitrary puts S in [1e-3·max, max]).
const b1Spec = { maxK: Math.min(6, maxK), maxD: 8, maxN: 60 };

afterAll(async () => {
  await initBackend('cpu');
});

describe('B1, E1: tfjs backends', () => {
  test.prop([fc.oneof(b1CaseArbitrary(1, b1Spec), b1CaseArbitrary(1e3, b1Spec), b1CaseArbitrary(1e6, b1Spec))], {
    numRuns: 20,
  })(
    'B1: at every score scale, wasm and cpu each give the E-step head output within 1e-6 + c·S·2⁻²⁴ on every point',
    async ({ instance, beta }) => {
      const { points, centers } = instance;
      const reference = softEStep(points, centers, beta);
      await initBackend('wasm');
      const onWasm = await softEStepAttention(points, centers, beta);
      await initBackend('cpu');
      const onCpu = await softEStepAttention(points, centers, beta);
      expect(b1WorstPoint(onWasm, reference, points, centers, beta, 'float32').ratio).toBeLessThanOrEqual(1);
      expect(b1WorstPoint(onCpu, reference, points, centers, beta, 'float32').ratio).toBeLessThanOrEqual(1);
    },
  );

  test('E1: wasm and cpu give the same Lloyd labels inside the margin regime, and each result records its backend', async () => {
    let attempts = 0;
    let inside = 0;
    await fc.assert(
      fc.asyncProperty(e1RegimeCaseArbitrary({ maxIterations: 3, spec: { maxK: 5, maxN: 60 } }), async ({ instance, init, iterations }) => {
        attempts++;
        await initBackend('wasm');
        const onWasm = await runAttentionLloyd(instance.points, init, { iterations });
        await initBackend('cpu');
        const onCpu = await runAttentionLloyd(instance.points, init, { iterations });
        expect([onWasm.backend, onCpu.backend]).toEqual(['wasm', 'cpu']);
        fc.pre(e1InRegime(onWasm.minMargins) && e1InRegime(onCpu.minMargins));
        inside++;
        expect(Array.from(onWasm.labels)).toEqual(Array.from(onCpu.labels));
      }),
      { numRuns: 10 },
    );
    expect(inside / attempts).toBeGreaterThanOrEqual(0.8);
  });

  test('E1: initBackend is idempotent, and a bad or unloadable forced backend is a clear error', async () => {
    expect(await initBackend('cpu')).toBe('cpu');
    expect(await initBackend()).toBe('cpu');
    expect(backendName()).toBe('cpu');
    await expect(initBackend('gpu')).rejects.toThrow(/backend must be one of tensorflow, wasm, cpu, got "gpu"/);
    let tfjsNode = true;
    try {
      require.resolve('@tensorflow/tfjs-node');
    } catch {
      tfjsNode = false;
    }
    if (!tfjsNode) await expect(initBackend('tensorflow')).rejects.toThrow(/'tensorflow' was requested but failed to load/);
    expect(backendName()).toBe('cpu');
  });
});
