import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { c2MStepBound } from '../bounds/c2-mstep-temperature';
import { claimEntry } from '../bounds/registry';
import { initBackend } from '../model/backend';
import { hardMStepAttention, softMStepAttention } from '../model/mstep-head';
import { hardLabelMStepHeadFloat64, softMStepHeadFloat64 } from '../model/mstep-head-float64';
import { softEStep } from '../theory/estep';
import type { Matrix } from '../theory/matrix';
import { hardMStep, mStep } from '../theory/mstep';
import { instanceArbitrary } from './arbitraries/instance';

const c1 = claimEntry('C1').constants;
const c2 = claimEntry('C2').constants;
const EPS64 = 2 ** -52;

function dataScale(points: Matrix): number {
  return points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
}

function rowDistance(a: Matrix, b: Matrix, row: number): number {
  let s = 0;
  for (let c = 0; c < a.cols; c++) s += (a.data[row * a.cols + c]! - b.data[row * b.cols + c]!) ** 2;
  return Math.sqrt(s);
}

function maxDeviation(points: Matrix, mean: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < points.rows; i++) {
    let s = 0;
    for (let c = 0; c < points.cols; c++) s += (points.data[i * points.cols + c]! - mean[c]!) ** 2;
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst;
}

const betaArbitrary = fc.double({ min: 0, max: 40, noNaN: true });

beforeAll(async () => {
  await initBackend();
});

describe('C1: one attention head is the M-step', () => {
  test.prop([instanceArbitrary({ maxN: 80 }), fc.double({ min: Math.log(0.05), max: Math.log(5), noNaN: true }).map(Math.exp)])(
    'C1: score log w_ia and value X_i give Σ_i w_ia X_i / Σ_i w_ia (float64 head, 1e-12 of the data scale)',
    (instance, beta) => {
      const w = softEStep(instance.points, instance.centers, beta);
      const expected = mStep(instance.points, w, instance.centers);
      fc.pre(expected.emptyClusters.length === 0);
      const out = softMStepHeadFloat64(instance.points, w);
      const scale = dataScale(instance.points);
      for (let a = 0; a < out.rows; a++) expect(rowDistance(out, expected.centers, a)).toBeLessThanOrEqual(c1.float64Tolerance * scale);
    },
  );

  test.prop([instanceArbitrary({ maxN: 80 }), fc.double({ min: Math.log(0.05), max: Math.log(5), noNaN: true }).map(Math.exp)], {
    numRuns: 40,
  })('C1: score log w_ia and value X_i give Σ_i w_ia X_i / Σ_i w_ia (float32, 1e-5 of the data scale)', async (instance, beta) => {
    const w = softEStep(instance.points, instance.centers, beta);
    const expected = mStep(instance.points, w, instance.centers);
    fc.pre(expected.emptyClusters.length === 0);
    const out = await softMStepAttention(instance.points, w);
    const scale = dataScale(instance.points);
    for (let a = 0; a < out.rows; a++)
      expect(rowDistance(out, expected.centers, a)).toBeLessThanOrEqual(c1.float32RelativeTolerance * scale);
  });
});

describe('C2: M-step approximation by temperature', () => {
  test.prop([instanceArbitrary({ maxN: 80 }), betaArbitrary])(
    'C2: the head in float64 is within (n−n_a)/(n_a e^β + n−n_a)·max‖X_i − mean_a‖ of mean_a',
    (instance, beta) => {
      const { points, labels } = instance;
      const means = hardMStep(points, labels, instance.centers).centers;
      for (let a = 0; a < instance.spec.k; a++) {
        const mean = means.data.slice(a * points.cols, (a + 1) * points.cols);
        const out = hardLabelMStepHeadFloat64(points, labels, a, beta);
        const size = labels.filter((z) => z === a).length;
        const deviation = maxDeviation(points, mean);
        const error = Math.hypot(...out.map((v, c) => v - mean[c]!));
        expect(error).toBeLessThanOrEqual(c2MStepBound(points.rows, size, beta, deviation) + 8 * points.rows * EPS64 * dataScale(points));
      }
    },
  );

  test.prop([instanceArbitrary({ maxN: 80 }), betaArbitrary], { numRuns: 40 })(
    'C2: the tfjs float32 head meets the bound within float32 rounding',
    async (instance, beta) => {
      const { points, labels } = instance;
      const means = hardMStep(points, labels, instance.centers).centers;
      const out = await hardMStepAttention(points, labels, instance.spec.k, beta);
      for (let a = 0; a < instance.spec.k; a++) {
        const mean = means.data.slice(a * points.cols, (a + 1) * points.cols);
        const size = labels.filter((z) => z === a).length;
        const bound = c2MStepBound(points.rows, size, beta, maxDeviation(points, mean));
        expect(rowDistance(out, means, a)).toBeLessThanOrEqual(bound + c2.float32RelativeTolerance * dataScale(points));
      }
    },
  );
});
