import { test } from '@fast-check/jest';
import { claimEntry } from '../bounds/registry';
import { b1LogitScale, b1Tolerance } from '../bounds/b1-logit-scale';
import { initBackend } from '../model/backend';
import { softEStepAttention } from '../model/estep-head';
import { softEStepByHeadFloat64 } from '../model/estep-head-float64';
import { softEStep } from '../theory/estep';
import type { Matrix } from '../theory/matrix';
import { instanceArbitrary } from './arbitraries/instance';
import fc from 'fast-check';

const { float64Tolerance, float32RelativeTolerance } = claimEntry('B1').constants as { float64Tolerance: number; float32RelativeTolerance: number };

function maxAbsDifference(a: Matrix, b: Matrix): number {
  let worst = 0;
  for (let t = 0; t < a.data.length; t++) worst = Math.max(worst, Math.abs(a.data[t]! - b.data[t]!));
  return worst;
}

// β in the EM form 1/σ² (σ the instance's noise) or log-uniform in [1e-2, 1e2].
const caseArbitrary = fc.tuple(instanceArbitrary({ maxK: 8, maxN: 80 }), fc.option(fc.double({ min: Math.log(1e-2), max: Math.log(1e2), noNaN: true }).map(Math.exp), { nil: undefined }));

beforeAll(async () => {
  await initBackend();
});

describe('B1: one attention head is the soft E-step', () => {
  test.prop([caseArbitrary])('B1: the head in float64 equals theory softEStep to 1e-12 (relative to the score scale)', ([instance, betaOrNone]) => {
    const beta = betaOrNone ?? 1 / instance.spec.sigma ** 2;
    const scale = b1LogitScale(instance.points, instance.centers, beta);
    const error = maxAbsDifference(softEStepByHeadFloat64(instance.points, instance.centers, beta), softEStep(instance.points, instance.centers, beta));
    expect(error).toBeLessThanOrEqual(b1Tolerance(float64Tolerance, scale));
  });

  test.prop([caseArbitrary], { numRuns: 40 })('B1: the tfjs float32 head equals theory softEStep to 1e-5 (relative to the score scale)', async ([instance, betaOrNone]) => {
    const beta = betaOrNone ?? 1 / instance.spec.sigma ** 2;
    const scale = b1LogitScale(instance.points, instance.centers, beta);
    const error = maxAbsDifference(await softEStepAttention(instance.points, instance.centers, beta), softEStep(instance.points, instance.centers, beta));
    expect(error).toBeLessThanOrEqual(b1Tolerance(float32RelativeTolerance, scale));
  });
});
