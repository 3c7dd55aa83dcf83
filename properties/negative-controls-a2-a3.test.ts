import { type A2Lloyd, a2Check } from '../reports/claims/A2';
import { type A3Em, a3Check } from '../reports/claims/A3';
import { emEStep, nearestCenterVariance, squaredDistances } from '../theory/em';
import { hardEStep } from '../theory/estep';
import type { Matrix } from '../theory/matrix';
import { hardMStep, mStep } from '../theory/mstep';
import { kmeansObjective } from '../theory/objective';
import { runClaimCheck } from './run-claim-check';

/*
 * Negative controls of claims A2 and A3 (CLAIMS.md §4): each claim's real check (plan, measure,
 * judge, present) runs at a tiny scale on a Lloyd or EM with one thing broken, and must say
 * `violated`; the same algorithm with that one thing right, and the real check, must not.
 */

const SCALE = { cases: 20 };

/** A Lloyd M-step: the new centers from the labels (an empty cluster keeps its previous center). */
type LloydMStep = (points: Matrix, labels: Int32Array, previous: Matrix) => Matrix;

/**
 * Lloyd as theory lloyd runs it (A2): each iteration labels the points by theory hardEStep, records
 * J(ẑ_t, μ_{t−1}), stops when the labels repeat, and otherwise moves the centers by `step`.
 */
function lloydWith(step: LloydMStep): A2Lloyd {
  return (points, init, { maxIterations }) => {
    const history: number[] = [];
    let centers = init;
    let previous: Int32Array | undefined;
    for (let iterations = 1; ; iterations++) {
      const labels = hardEStep(points, centers);
      history.push(kmeansObjective(points, labels, centers));
      if (previous?.every((z, i) => z === labels[i])) return { history, converged: true, iterations };
      if (iterations === maxIterations) return { history, converged: false, iterations };
      centers = step(points, labels, centers);
      previous = labels;
    }
  };
}

const meanStep: LloydMStep = (points, labels, previous) => hardMStep(points, labels, previous).centers;

/** A2 broken: center a = Σ_{ẑ_i = a} X_i / (n_a + 1), an off-by-one count, so not the minimiser of J. */
const offByOneCountStep: LloydMStep = (points, labels, previous) => {
  const { centers, mass } = hardMStep(points, labels, previous);
  const data = centers.data.map((mean, t) => {
    const count = mass[Math.floor(t / centers.cols)]!;
    return count > 0 ? (mean * count) / (count + 1) : mean;
  });
  return { ...centers, data };
};

/** σ² of EM's M-step from the spread Σ_ia w_ia‖X_i − μ_a‖² around the new centers, n points in dimension d. */
type VarianceStep = (spread: number, n: number, d: number) => number;

/**
 * EM with a shared σ² as CLAIMS.md §2 states it (A3), for `maxIterations` iterations: theory emEStep,
 * theory mStep for the centers, π_a = N_a/n, and σ² = `variance`(spread, n, d).
 */
function emWith(variance: VarianceStep): A3Em {
  return (points, init, { maxIterations }) => {
    const { rows: n, cols: d } = points;
    const k = init.rows;
    let model = {
      centers: init,
      weights: new Array<number>(k).fill(1 / k),
      variances: new Array<number>(k).fill(nearestCenterVariance(points, init)),
    };
    let e = emEStep(points, model);
    const history = [e.logLikelihood];
    for (let t = 0; t < maxIterations; t++) {
      const { centers, mass } = mStep(points, e.responsibilities, model.centers);
      const distances = squaredDistances(points, centers).data;
      const spread = e.responsibilities.data.reduce((s, w, j) => s + w * distances[j]!, 0);
      const weights = Array.from(mass, (m) => m / n);
      model = { centers, weights, variances: new Array<number>(k).fill(variance(spread, n, d)) };
      e = emEStep(points, model);
      history.push(e.logLikelihood);
    }
    return { history, responsibilities: e.responsibilities };
  };
}

const perCoordinateVariance: VarianceStep = (spread, n, d) => spread / (n * d);
/** A3 broken: σ² without the 1/d, d times the maximiser (the same when d = 1). */
const withoutDimension: VarianceStep = (spread, n) => spread / n;

describe('negative controls of A2 and A3', () => {
  test('A2 negative control: a Lloyd whose M-step divides by n_a + 1', async () => {
    const result = await runClaimCheck('A2', a2Check(lloydWith(offByOneCountStep)), SCALE);
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toMatchObject({ reason: expect.stringMatching(/^objective rose by /) });
  });

  test('A2 control of the control: the same Lloyd with the mean, and theory lloyd, hold at the same scale', async () => {
    expect((await runClaimCheck('A2', a2Check(lloydWith(meanStep)), SCALE)).verdict).toBe('holds');
    expect((await runClaimCheck('A2', a2Check(), SCALE)).verdict).toBe('holds');
  });

  test('A3 negative control: an EM whose σ² lacks the 1/d', async () => {
    const result = await runClaimCheck('A3', a3Check(emWith(withoutDimension)), SCALE);
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toMatchObject({ reason: expect.stringMatching(/^log-likelihood fell by /) });
    expect((result.counterexample as { spec: { d: number } }).spec.d).toBeGreaterThan(1);
  });

  test('A3 control of the control: the same EM with σ² = spread/(n·d), and theory em, hold at the same scale', async () => {
    expect((await runClaimCheck('A3', a3Check(emWith(perCoordinateVariance)), SCALE)).verdict).toBe('holds');
    expect((await runClaimCheck('A3', a3Check(), SCALE)).verdict).toBe('holds');
  });
});
