import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { type CellRange, float32PredictionMargin, softmaxApproximatorSupError } from '../bounds/softmax-sup-error';
import { Rng } from '../theory/rng';

/**
 * bounds/softmax-sup-error.ts: claim D2's a-priori bound on sup |f̃ − f| over the box, the range of
 * the squared errors' bands. Soundness: it is ≥ |f̃ − f| at every sampled point; known answers.
 */

const squareNorm: CellRange = (lo, hi) => [
  lo.reduce((s, l, c) => s + Math.max(0, l, -hi[c]!) ** 2, 0),
  lo.reduce((s, l, c) => s + Math.max(l * l, hi[c]! * hi[c]!), 0),
];
const BOX = { lower: -1, upper: 1 };

function predict(p: { anchors: number[]; values: number[]; betas: number[]; dimension: number }, x: number[]): number {
  const d = p.dimension;
  const scores = p.values.map((_, m) => -p.betas[m]! * x.reduce((s, xc, c) => s + (xc - p.anchors[m * d + c]!) ** 2, 0));
  const top = Math.max(...scores);
  const w = scores.map((s) => Math.exp(s - top));
  return w.reduce((s, wm, m) => s + wm * p.values[m]!, 0) / w.reduce((s, wm) => s + wm, 0);
}

const parameters = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.integer({ min: 1, max: 8 }).chain((m) =>
    fc.record({
      dimension: fc.constant(d),
      anchors: fc.array(fc.double({ min: -1.2, max: 1.2, noNaN: true }), { minLength: m * d, maxLength: m * d }),
      values: fc.array(fc.double({ min: -1, max: 4, noNaN: true }), { minLength: m, maxLength: m }),
      betas: fc.array(fc.double({ min: 0.1, max: 50, noNaN: true }), { minLength: m, maxLength: m }),
    }),
  ),
);

describe('D2: a-priori bound on the sup error of a softmax approximator', () => {
  test.prop([parameters, fc.integer({ min: 0, max: 1000 })])(
    'D2: the grid bound is ≥ |f̃(x) − ‖x‖²| at 200 random points of the box',
    (p, seed) => {
      const bound = softmaxApproximatorSupError(p, BOX, squareNorm, p.dimension === 1 ? 64 : p.dimension === 2 ? 12 : 5);
      const rng = new Rng(seed);
      for (let t = 0; t < 200; t++) {
        const x = Array.from({ length: p.dimension }, () => -1 + 2 * rng.uniform());
        const error = Math.abs(predict(p, x) - x.reduce((s, v) => s + v * v, 0));
        expect(error).toBeLessThanOrEqual(bound * (1 + 1e-12) + 1e-12);
      }
    },
  );

  test.prop([fc.double({ min: -2, max: 3, noNaN: true }), fc.integer({ min: 1, max: 3 })])(
    'D2: known answer: one anchor (a constant v) has sup error max(v − 0, d − v) for ‖x‖² on [−1, 1]^d',
    (v, d) => {
      const p = { anchors: new Array(d).fill(0.3), values: [v], betas: [2], dimension: d };
      expect(softmaxApproximatorSupError(p, BOX, squareNorm, 4)).toBeCloseTo(Math.max(v, d - v), 12);
    },
  );

  it('D2: tight on a fine grid: a sharp grid interpolant of x² on [−1, 1] has a bound near its true sup error', () => {
    const m = 33;
    const anchors = Array.from({ length: m }, (_, i) => -1 + (2 * i) / (m - 1));
    const p = { anchors, values: anchors.map((a) => a * a), betas: new Array(m).fill(4000), dimension: 1 };
    let worst = 0;
    for (let t = 0; t <= 20_000; t++) {
      const x = -1 + (2 * t) / 20_000;
      worst = Math.max(worst, Math.abs(predict(p, [x]) - x * x));
    }
    const bound = softmaxApproximatorSupError(p, BOX, squareNorm, 4096);
    expect(bound).toBeGreaterThanOrEqual(worst);
    expect(bound).toBeLessThan(1.5 * worst);
  });

  it('D2: the float32 margin grows with β and the value spread', () => {
    const base = { anchors: [0, 0.5], values: [0, 1], betas: [1, 1], dimension: 1 };
    const small = float32PredictionMargin(base, BOX);
    expect(small).toBeGreaterThan(0);
    expect(float32PredictionMargin({ ...base, betas: [1000, 1000] }, BOX)).toBeGreaterThan(small);
    expect(float32PredictionMargin({ ...base, values: [0, 10] }, BOX)).toBeGreaterThan(small);
  });
});
