import { d1GridTemperature } from '../../bounds/d1-grid-temperature';
import { type D1Setting, d1Anchors, d1BestBound, d1Surrogate } from '../../bounds/d1-softmax-approximation';
import type { ProvedClaim } from '../../bounds/proofs/check-steps';
import { d1ProofScopes } from '../../bounds/proofs/d1-steps';
import { CLAIMS } from '../../bounds/registry';
import type { Rng } from '../../theory/rng';
import type { CheckContext, ClaimCheck, ClaimResult, ClaimScales, Plot, Series, SeriesPoint } from './kit/claim-check';
import { limitHeadline, shown } from './kit/headline';
import { ProofTally, withProof } from './kit/proof-check';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

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

/**
 * The softmax surrogate D1 measures, f̃(x) from the anchors and their values at inverse temperature
 * β. The claim's subject is d1Surrogate; a negative control breaks it
 * (properties/negative-controls-d1-e1-e2.test.ts).
 */
export type D1Surrogate = typeof d1Surrogate;

/** sup over probes (random points and cell centers) of |f̃ − f|: a lower estimate of the true sup. */
function probeError(s: D1Setting, u: Float64Array, probes: Float64Array[], surrogate: D1Surrogate): number {
  const anchors = d1Anchors(s.d, s.m, s.R);
  const values = anchors.map((a) => [target(u, s.L, a)]);
  let worst = 0;
  for (const x of probes) worst = Math.max(worst, Math.abs(surrogate(x, anchors, values, s.beta)[0]! - target(u, s.L, x)));
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

/** D1's sizes: anchors per axis m for each d, random settings per (d, m), and probe points per setting. */
interface D1Scale {
  readonly grids: readonly { readonly d: number; readonly m: readonly number[] }[];
  readonly repeats: number;
  readonly probes: number;
}

/** The proof is checked at the first PROOF_PROBES probes of every setting (half of them cell centers), each probe one proof case. */
const PROOF_PROBES = 8;

/** Relative slack of the comparison with the bound, for its float64 rounding. */
const BOUND_RELATIVE_SLACK = 1e-12;

/** One random setting: the probe error against the bound at its best δ (the counterexample when above it). */
interface SettingOutcome {
  readonly setting: D1Setting;
  readonly direction: number[];
  readonly error: number;
  readonly bound: number;
  readonly delta: number;
}

const D1_SCALES: ClaimScales<D1Scale> = {
  quick: {
    grids: [
      { d: 1, m: [2, 4, 8, 16] },
      { d: 2, m: [2, 4, 8] },
      { d: 3, m: [2, 3, 4] },
    ],
    repeats: 3,
    probes: 100,
  },
  default: {
    grids: [
      { d: 1, m: [2, 4, 8, 16, 32, 64] },
      { d: 2, m: [2, 4, 8, 12, 16] },
      { d: 3, m: [2, 3, 4, 6, 8] },
    ],
    repeats: 12,
    probes: 400,
  },
};

/**
 * D1: for d = 1, 2, 3 and growing grids (m per axis), the anchor-grid softmax surrogate of a
 * Lipschitz sine ridge against the bound at its best δ. β is set to (m−1)²/R²·d (anchors a few
 * spacings apart barely overlap) and, on every other case, drawn log-uniformly in [0.1, 1e4].
 */
export function d1Check(claim: ProvedClaim = CLAIMS.D1, surrogate: D1Surrogate = d1Surrogate): ClaimCheck<D1Scale> {
  return { id: 'D1', scales: D1_SCALES, run: (context) => runD1(claim, surrogate, context) };
}

export const check = d1Check();

/**
 * D1's run: every setting's probe error against its bound, and every step of `claim`'s proof at
 * the setting's first PROOF_PROBES probes.
 */
async function runD1(
  claim: ProvedClaim,
  surrogate: D1Surrogate,
  { rng, scale, progress, steps }: CheckContext<D1Scale>,
): Promise<ClaimResult> {
  const total = scale.grids.reduce((s, g) => s + g.m.length, 0) * scale.repeats;
  const failures = new SmallestCase<SettingOutcome>();
  const proof = new ProofTally(claim, steps);
  let done = 0;
  let worstRatio = 0;
  let worstAt = 'at every setting';
  const series: Series[] = [];
  for (const { d, m: ms } of scale.grids) {
    const boundPoints: SeriesPoint[] = [];
    const measuredPoints: SeriesPoint[] = [];
    for (const m of ms) {
      let worstBound = 0;
      let worstError = 0;
      for (let r = 0; r < scale.repeats; r++) {
        const outcome = measureSetting(rng.split(done), d, m, r, scale.probes, surrogate, proof, done); // stream s: the s-th setting in grid order
        const { error, bound, setting } = outcome;
        if (!(error / bound <= worstRatio)) [worstRatio, worstAt] = [error / bound, `at ${settingOf(setting)}`];
        if (r % 2 === 0) {
          worstBound = Math.max(worstBound, bound / setting.L);
          worstError = Math.max(worstError, error / setting.L);
        }
        if (error > bound * (1 + BOUND_RELATIVE_SLACK)) failures.offer(m ** d, outcome);
        progress.tick(++done, total);
      }
      boundPoints.push({ x: m ** d, y: worstBound });
      if (worstError > 0) measuredPoints.push({ x: m ** d, y: worstError });
    }
    series.push(
      { name: `bound, d = ${d}`, role: 'bound', points: boundPoints },
      { name: `measured, d = ${d}`, role: 'measured', points: measuredPoints },
    );
  }
  const result = present(scale, total, { ratio: worstRatio, where: worstAt }, failures, series);
  return { ...result, ...withProof(result, proof.summary()) };
}

/** The check's own result, before the proof is added. */
function present(
  scale: D1Scale,
  total: number,
  worst: { ratio: number; where: string },
  failures: SmallestCase<SettingOutcome>,
  series: Series[],
): ClaimResult {
  const largestM = Math.max(...scale.grids.map((g) => Math.max(...g.m) ** g.d));
  const worstRatio = worst.ratio;
  return {
    id: 'D1',
    verdict: verdictOf({ violations: failures.count, unresolved: 0 }),
    summary: `${total} settings (d ≤ 3, M ≤ ${largestM}): worst probe sup‖f̃ − f‖ / best-δ bound = ${worstRatio.toFixed(4)} (bound ratio 1)`,
    // D1: each setting's probe error against its own best-δ bound with its float64 rounding slack, as a ratio ≤ 1.
    headline: limitHeadline({
      quantity: `probe sup‖f̃ − f‖ / (best-δ bound·(1 + ${BOUND_RELATIVE_SLACK}))`,
      side: 'at most',
      limit: 1,
      measured: worst.ratio / (1 + BOUND_RELATIVE_SLACK),
      where: worst.where,
    }),
    numbers: { settings: total, probesPerSetting: scale.probes, worstRatioToBound: worstRatio, failures: failures.count },
    samples: total,
    failureProbability: 0,
    ...(failures.value ? { counterexample: failures.value } : {}),
    plots: [plotOf(series)],
    notes: [
      'The measured sup is over probe points (half at cell centers), so it is a lower estimate of the true sup; a probe above the bound is a genuine violation.',
    ],
  };
}

/**
 * Repeat r of grid (d, m): R, L and a direction drawn at random; β at the planned grid temperature
 * on even repeats, log-uniform in [0.1, 1e4] on odd ones.
 */
function measureSetting(
  caseRng: Rng,
  d: number,
  m: number,
  r: number,
  probes: number,
  surrogate: D1Surrogate,
  proof: ProofTally,
  s: number,
): SettingOutcome {
  const R = 0.5 + 2.5 * caseRng.uniform();
  const L = 0.1 + 4.9 * caseRng.uniform();
  const beta = r % 2 === 0 ? d1GridTemperature(d, m, R) : Math.exp(Math.log(0.1) + Math.log(1e5) * caseRng.uniform());
  const setting: D1Setting = { d, m, R, L, beta };
  const u = unitVector(caseRng, d);
  const { delta, bound } = d1BestBound(setting);
  const points = probesFor(caseRng, setting, probes);
  const error = probeError(setting, u, points, surrogate);
  const direction = Array.from(u);
  const f = (x: ArrayLike<number>) => [target(u, L, x)];
  points.slice(0, PROOF_PROBES).forEach((probe, j) => {
    const x = Array.from(probe);
    proof.add(`setting ${s}, probe ${j}`, d1ProofScopes({ setting, x, delta, f }), m ** d, () => ({ setting, direction, delta, x }));
  });
  return { setting, direction, error, bound, delta };
}

/** A setting as the headline names it. */
function settingOf({ d, m, R, L, beta }: D1Setting): string {
  return `d=${d}, m=${m}, R=${shown(R)}, L=${shown(L)}, β=${shown(beta)}`;
}

function plotOf(series: Series[]): Plot {
  return {
    title:
      "D1 is violated if any setting's probe error exceeds its own best-δ bound: softmax anchor-grid surrogate error against M, per unit L, the largest bound and the largest error over the settings at β = d(m−1)²/R² (each setting is judged against its own bound)",
    xLabel: 'anchors M = m^d',
    yLabel: 'sup‖f̃ − f‖ / L',
    logX: true,
    logY: true,
    series,
  };
}
