import { test } from '@fast-check/jest';
import { c2MStepBound } from '../bounds/c2-mstep-temperature';
import { c2RoundingAllowance } from '../bounds/c2-rounding-allowance';
import { claimEntry } from '../bounds/registry';
import { hardLabelMStepHeadFloat64 } from '../model/mstep-head-float64';
import { hardMStep } from '../theory/mstep';
import { instanceArbitrary } from './arbitraries/instance';

const { float32RelativeTolerance } = claimEntry('C2').constants;

describe('C2: the rounding allowance', () => {
  test('C2: float32 allows the registry tolerance times the data scale; float64 8·n·ε of it', () => {
    expect(c2RoundingAllowance('float32', 100, 3)).toBe(float32RelativeTolerance * 3);
    expect(c2RoundingAllowance('float64', 100, 3)).toBe(8 * 100 * 2 ** -52 * 3);
  });

  test.prop([instanceArbitrary({ maxN: 200 })], { numRuns: 100 })(
    'C2: at a large β the float64 hard M-step head is within the (vanishing) bound plus the float64 allowance',
    (instance) => {
      const { points, labels } = instance;
      const { k, d } = instance.spec;
      const beta = 40;
      const means = hardMStep(points, labels, { rows: k, cols: d, data: new Float64Array(k * d) });
      const scale = points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
      for (let a = 0; a < k; a++) {
        const size = labels.filter((z) => z === a).length;
        if (size === 0) continue;
        const mean = means.centers.data.subarray(a * d, (a + 1) * d);
        const out = hardLabelMStepHeadFloat64(points, labels, a, beta);
        let deviation = 0;
        let error = 0;
        for (let c = 0; c < d; c++) error += (out[c]! - mean[c]!) ** 2;
        for (let i = 0; i < points.rows; i++) {
          let s = 0;
          for (let c = 0; c < d; c++) s += (points.data[i * d + c]! - mean[c]!) ** 2;
          deviation = Math.max(deviation, Math.sqrt(s));
        }
        expect(Math.sqrt(error)).toBeLessThanOrEqual(
          c2MStepBound(points.rows, size, beta, deviation) + c2RoundingAllowance('float64', points.rows, scale),
        );
      }
    },
  );
});
