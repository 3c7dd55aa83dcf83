import { b2EStepBound } from '../../bounds/b2-estep-temperature';
import { claimEntry } from '../../bounds/registry';
import { backendName, initBackend } from '../../model/backend';
import { softEStepAttention } from '../../model/estep-head';
import { eStepMargins, hardEStep, softEStep } from '../../theory/estep';
import { type Matrix, squaredDistance } from '../../theory/matrix';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck, SeriesPoint } from './kit/claim-check';
import { SmallestCase } from './kit/smallest-case';

const EPS64 = 2 ** -52;
const { factor } = claimEntry('B2').constants;

interface EStepCase {
  readonly points: Matrix;
  readonly centers: Matrix;
  readonly beta: number;
}

/** Random centers (k ≤ 10) and points, half of them on or within 1e-12..1e-2 of a bisector. */
function drawCase(rng: Rng): EStepCase {
  const k = 2 + rng.int(9);
  const d = 1 + rng.int(4);
  const n = 5 + rng.int(40);
  const centers = { rows: k, cols: d, data: Float64Array.from({ length: k * d }, () => 10 * rng.uniform() - 5) };
  const points = { rows: n, cols: d, data: new Float64Array(n * d) };
  for (let i = 0; i < n; i++) {
    if (rng.uniform() < 0.5) {
      for (let c = 0; c < d; c++) points.data[i * d + c] = 12 * rng.uniform() - 6;
      continue;
    }
    const a = rng.int(k);
    const b = (a + 1 + rng.int(k - 1)) % k;
    const shift = rng.uniform() < 0.2 ? 0 : (rng.uniform() < 0.5 ? -1 : 1) * 10 ** (-12 + 10 * rng.uniform());
    for (let c = 0; c < d; c++) {
      const ma = centers.data[a * d + c]!;
      const mb = centers.data[b * d + c]!;
      points.data[i * d + c] = (ma + mb) / 2 + shift * (ma - mb);
    }
  }
  return { points, centers, beta: Math.exp(Math.log(1e-3) + Math.log(1e6) * rng.uniform()) };
}

/**
 * B2: on every point of random cases with many near-ties (k ≤ 10, β up to 1e3), the float64
 * soft E-step's ‖w_i − e_ẑ‖₁ (as 2·Σ_{a≠ẑ} w_ia) against 2(k−1)·exp(−βg_i/2); the float32 head
 * must stay finite on the same cases.
 */
export const check: ClaimCheck = {
  id: 'B2',
  async run({ rng, quick, progress }) {
    await initBackend();
    const cases = quick ? 40 : 400;
    const failures = new SmallestCase<EStepCase & { point: number; measured: number; bound: number }>();
    let points = 0;
    let worstRatio = 0;
    let nonFinite = 0;
    const measured: SeriesPoint[] = [];
    for (let c = 0; c < cases; c++) {
      const sample = drawCase(rng.split(c));
      const { centers, beta } = sample;
      const w = softEStep(sample.points, centers, beta);
      const labels = hardEStep(sample.points, centers);
      const margins = eStepMargins(sample.points, centers);
      for (let i = 0; i < sample.points.rows; i++) {
        points++;
        let off = 0;
        let far = 0;
        for (let a = 0; a < centers.rows; a++) {
          if (a !== labels[i]) off += w.data[i * centers.rows + a]!;
          far = Math.max(far, squaredDistance(sample.points, i, centers, a));
        }
        const value = 2 * off;
        const bound = b2EStepBound(centers.rows, beta, margins[i]!);
        if (bound > 0) worstRatio = Math.max(worstRatio, value / bound);
        if (value > bound * (1 + 16 * EPS64 * (1 + beta * far)))
          failures.offer(sample.points.rows * centers.rows, { ...sample, point: i, measured: value, bound });
        const x = (beta * margins[i]!) / 2;
        if (value > 0 && x < 700 && measured.length < 2000) measured.push({ x, y: value / (factor * (centers.rows - 1)) });
      }
      if (c % 4 === 0) {
        const w32 = await softEStepAttention(sample.points, centers, beta);
        if (!w32.data.every(Number.isFinite)) nonFinite++;
      }
      progress.tick(c + 1, cases);
    }
    const bound = Array.from({ length: 50 }, (_, j) => ({ x: 1e-3 * 10 ** (j / 10), y: Math.exp(-1e-3 * 10 ** (j / 10)) })).filter(
      (p) => p.x < 700,
    );
    const violated = failures.count > 0 || nonFinite > 0;
    return {
      id: 'B2',
      verdict: violated ? 'violated' : 'holds',
      summary: `${points} points in ${cases} cases (k ≤ 10, β ≤ 1e3, near-ties): worst ‖w − e_ẑ‖₁ / (${factor}(k−1)e^{−βg/2}) = ${worstRatio.toFixed(4)} (bound ratio 1); ${nonFinite} float32 outputs with NaN/Infinity`,
      numbers: {
        cases,
        points,
        factor,
        worstRatioToBound: worstRatio,
        failures: failures.count,
        float32NonFiniteCases: nonFinite,
        backend: backendName(),
      },
      samples: points,
      failureProbability: 0,
      ...(failures.value
        ? {
            counterexample: {
              ...failures.value,
              points: Array.from(failures.value.points.data),
              centers: Array.from(failures.value.centers.data),
            },
          }
        : {}),
      plots: [
        {
          title: 'B2: E-step distance to one-hot against the temperature bound',
          xLabel: 'β·g/2',
          yLabel: `‖w − e_ẑ‖₁ / (${factor}(k−1))`,
          logX: true,
          logY: true,
          series: [
            { name: 'bound exp(−βg/2)', role: 'bound', points: bound },
            { name: 'measured (float64)', role: 'measured', points: measured },
          ],
        },
      ],
      notes: ['Tolerance: float64 rounding of the exponents, 16·u·(1 + β·max_a‖X − μ_a‖²) relative.'],
    };
  },
};
