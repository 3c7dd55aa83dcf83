import { test } from '@fast-check/jest';
import { b1LogitScale, b1Tolerance } from '../bounds/b1-logit-scale';
import { claimEntry } from '../bounds/registry';
import { e1InRegime } from '../bounds/e1-margin-regime';
import { backendName, initBackend } from '../model/backend';
import { runAttentionLloyd } from '../model/attention-lloyd';
import { softEStepAttention } from '../model/estep-head';
import { instanceArbitrary } from './arbitraries/instance';

const { float32RelativeTolerance } = claimEntry('B1').constants as { float32RelativeTolerance: number };

afterAll(async () => {
  await initBackend('cpu');
});

describe('B1, E1: tfjs backends', () => {
  test.prop([instanceArbitrary({ maxK: 6, maxN: 60 })], { numRuns: 20 })('B1: wasm and cpu give the same E-step head output to float32 tolerance', async (instance) => {
    const beta = 1 / instance.spec.sigma ** 2;
    await initBackend('wasm');
    const onWasm = await softEStepAttention(instance.points, instance.centers, beta);
    await initBackend('cpu');
    const onCpu = await softEStepAttention(instance.points, instance.centers, beta);
    const tolerance = b1Tolerance(float32RelativeTolerance, b1LogitScale(instance.points, instance.centers, beta));
    onWasm.data.forEach((v, t) => expect(Math.abs(v - onCpu.data[t]!)).toBeLessThanOrEqual(tolerance));
  });

  test.prop([instanceArbitrary({ minK: 2, maxK: 5, maxN: 60 })], { numRuns: 10 })('E1: wasm and cpu give the same Lloyd labels, and each result records its backend', async (instance) => {
    await initBackend('wasm');
    const onWasm = await runAttentionLloyd(instance.points, instance.centers, { iterations: 3 });
    await initBackend('cpu');
    const onCpu = await runAttentionLloyd(instance.points, instance.centers, { iterations: 3 });
    expect([onWasm.backend, onCpu.backend]).toEqual(['wasm', 'cpu']);
    if (e1InRegime(onWasm.minMargins)) expect(Array.from(onWasm.labels)).toEqual(Array.from(onCpu.labels));
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
