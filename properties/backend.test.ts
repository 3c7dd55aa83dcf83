import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { b1PointwiseError } from '../bounds/b1-logit-scale';
import { e1InRegime } from '../bounds/e1-margin-regime';
import { claimEntry } from '../bounds/registry';
import { runAttentionLloyd } from '../model/attention-lloyd';
import { backendName, initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { softEStep } from '../theory/estep';
import { b1CaseArbitrary } from './arbitraries/b1Case';
import { e1RegimeCaseArbitrary } from './arbitraries/lloydCase';

const { float32RelativeTolerance, regimeMaxWidth, float32MaxScoreScale } = claimEntry('B1').constants;

afterAll(async () => {
  await initBackend('cpu');
});

describe('B1, E1: tfjs backends', () => {
  test.prop([b1CaseArbitrary(float32MaxScoreScale, { maxK: Math.min(6, regimeMaxWidth), maxD: regimeMaxWidth, maxN: 60 })], {
    numRuns: 20,
  })('B1: inside the declared regime, wasm and cpu each give the E-step head output to 1e-5 of max_a w_ia', async ({ instance, beta }) => {
    const reference = softEStep(instance.points, instance.centers, beta);
    await initBackend('wasm');
    const onWasm = await softEStepAttention(instance.points, instance.centers, beta);
    await initBackend('cpu');
    const onCpu = await softEStepAttention(instance.points, instance.centers, beta);
    expect(b1PointwiseError(onWasm, reference)).toBeLessThanOrEqual(float32RelativeTolerance);
    expect(b1PointwiseError(onCpu, reference)).toBeLessThanOrEqual(float32RelativeTolerance);
  });

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
