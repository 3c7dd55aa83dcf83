import { type D1Setting, d1Anchors, d1BestBound, d1Surrogate } from '../../bounds/d1-softmax-approximation';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck, Series } from './kit/claim-check';
import { SmallestCase } from './kit/smallest-case';

/** f(x) = L·sin⟨u, x⟩ with a unit u: L-Lipschitz, and not linear on any cell. */
function target(u: Float64Array, L: number, x: ArrayLike<number>): number {
  let dot = 0;
  for (let c = 0; c < u.length; c++) dot += u[c]! * x[c]!;
  return L * Math.sin(dot);
}

function unitVector(rng: Rng, d: number): Float64Array {
  for (;;) {
    const u = Float64Array.from({ length: d }, () => rng.normal());
    const norm = Math.hypot(...u);
    if (norm > 1e-6) return u.map((v) => v / norm);
  }
}

/** sup over probes (random points and cell centers) of |f̃ − f|: a lower estimate of the true sup. */
function probeError(s: D1Setting, u: Float64Array, probes: Float64Array[]): number {
  const anchors = d1Anchors(s.d, s.m, s.R);
  const values = anchors.map((a) => [target(u, s.L, a)]);
  let worst = 0;
  for (const x of probes) worst = Math.max(worst, Math.abs(d1Surrogate(x, anchors, values, s.beta)[0]! - target(u, s.L, x)));
  return worst;
}

function probesFor(rng: Rng, s: D1Setting, count: number): Float64Array[] {
  const h = (2 * s.R) / (s.m - 1);
  return Array.from({ length: count }, (_, j) =>
    Float64Array.from({ length: s.d }, () => {
      const v = -s.R + 2 * s.R * rng.uniform();
      if (j % 2 === 0) return v;
      return -s.R + h * (Math.min(Math.floor((v + s.R) / h), s.m - 2) + 0.5); // a cell center
    }),
  );
}

/**
 * D1: for d = 1, 2, 3 and growing grids (m per axis), the anchor-grid softmax surrogate of a
 * Lipschitz sine ridge against the bound at its best δ. β is set to (m−1)²/R²·d (anchors a few
 * spacings apart barely overlap) and, on every other case, drawn log-uniformly in [0.1, 1e4].
 */
export const check: ClaimCheck = {
  id: 'D1',
  async run({ rng, quick, progress }) {
    const grids: Record<number, number[]> = quick
      ? { 1: [2, 4, 8, 16], 2: [2, 4, 8], 3: [2, 3, 4] }
      : { 1: [2, 4, 8, 16, 32, 64], 2: [2, 4, 8, 12, 16], 3: [2, 3, 4, 6, 8] };
    const repeats = quick ? 3 : 12;
    const probeCount = quick ? 100 : 400;
    const total = Object.values(grids).reduce((s, g) => s + g.length, 0) * repeats;
    const failures = new SmallestCase<{ setting: D1Setting; direction: number[]; error: number; bound: number; delta: number }>();
    let done = 0;
    let worstRatio = 0;
    const series: Series[] = [];
    for (const [dText, ms] of Object.entries(grids)) {
      const d = Number(dText);
      const boundPoints = [];
      const measuredPoints = [];
      for (const m of ms) {
        let worstBound = 0;
        let worstError = 0;
        for (let r = 0; r < repeats; r++) {
          const caseRng = rng.split(done);
          const R = 0.5 + 2.5 * caseRng.uniform();
          const L = 0.1 + 4.9 * caseRng.uniform();
          const beta = r % 2 === 0 ? ((m - 1) ** 2 / (R * R)) * d : Math.exp(Math.log(0.1) + Math.log(1e5) * caseRng.uniform());
          const setting: D1Setting = { d, m, R, L, beta };
          const u = unitVector(caseRng, d);
          const { delta, bound } = d1BestBound(setting);
          const error = probeError(setting, u, probesFor(caseRng, setting, probeCount));
          worstRatio = Math.max(worstRatio, error / bound);
          if (r % 2 === 0) {
            worstBound = Math.max(worstBound, bound / L);
            worstError = Math.max(worstError, error / L);
          }
          if (error > bound * (1 + 1e-12)) failures.offer(m ** d, { setting, direction: Array.from(u), error, bound, delta });
          done++;
          progress.tick(done, total);
        }
        boundPoints.push({ x: m ** d, y: worstBound });
        if (worstError > 0) measuredPoints.push({ x: m ** d, y: worstError });
      }
      series.push(
        { name: `bound, d = ${d}`, role: 'bound', points: boundPoints },
        { name: `measured, d = ${d}`, role: 'measured', points: measuredPoints },
      );
    }
    return {
      id: 'D1',
      verdict: failures.count === 0 ? 'holds' : 'violated',
      summary: `${total} settings (d ≤ 3, M ≤ ${Math.max(...Object.entries(grids).map(([d, g]) => Math.max(...g) ** Number(d)))}): worst probe sup‖f̃ − f‖ / best-δ bound = ${worstRatio.toFixed(4)} (bound ratio 1)`,
      numbers: { settings: total, probesPerSetting: probeCount, worstRatioToBound: worstRatio, failures: failures.count },
      samples: total,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
      plots: [
        {
          title: 'D1: softmax anchor-grid surrogate error against its bound (per unit L, β = d(m−1)²/R²)',
          xLabel: 'anchors M = m^d',
          yLabel: 'sup‖f̃ − f‖ / L',
          logX: true,
          logY: true,
          series,
        },
      ],
      notes: [
        'The measured sup is over probe points (half at cell centers), so it is a lower estimate of the true sup; a probe above the bound is a genuine violation.',
      ],
    };
  },
};
