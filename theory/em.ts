import { hardEStep } from './estep';
import type { EmptyClusterEvent } from './lloyd';
import { assertFiniteMatrix, assertSameWidth, type Matrix, squaredDistance, zeros } from './matrix';
import { centersFromSums, type MStepResult } from './mstep';
import { assertInteger, assertPositive, fail } from './validate';
import { createEmPass } from './wasm/point-pairs';

/**
 * Covariance model of the spherical mixture: `shared` σ²I for every cluster (mclust's "EII", the
 * CLAIMS.md §2 EM), or `per-cluster` σ_a²I (mclust's "VII", scikit-learn's covariance_type="spherical").
 */
export const COVARIANCE_MODELS = ['shared', 'per-cluster'] as const;
export type CovarianceModel = (typeof COVARIANCE_MODELS)[number];

/** Parameters of a spherical Gaussian mixture; `variances[a]` is σ_a² (all equal when shared). */
export interface SphericalMixture {
  readonly centers: Matrix;
  readonly weights: number[];
  readonly variances: number[];
}

export interface EmResult extends SphericalMixture {
  /** n×k responsibilities at the returned parameters. */
  readonly responsibilities: Matrix;
  /** argmax_a of the responsibilities. */
  readonly labels: Int32Array;
  readonly iterations: number;
  /** Log-likelihood before the first iteration and after each one (claim A3: non-decreasing). */
  readonly history: number[];
  readonly converged: boolean;
  readonly emptyClusterEvents: EmptyClusterEvent[];
}

export interface EmOptions {
  /** Iteration cap; default 100. */
  readonly maxIterations?: number;
  /** Stop when the log-likelihood gains less than tolerance·|ℓ|; default 1e-10. */
  readonly tolerance?: number;
  /** Initial σ² of every cluster; default the mean squared distance to the nearest initial center, divided by d. */
  readonly sigma2?: number;
  /** Default `shared` (CLAIMS.md §2). */
  readonly covariance?: CovarianceModel;
  /** Initial weights; default equal. */
  readonly weights?: readonly number[];
}

interface EStepOutput {
  readonly responsibilities: Matrix;
  readonly logLikelihood: number;
}

/** D_ia = ‖X_i − μ_a‖² for every point and center: the n×k matrix both EM steps read. */
export function squaredDistances(points: Matrix, centers: Matrix): Matrix {
  const { rows: n, cols: d, data: x } = points;
  const k = centers.rows;
  const mu = centers.data;
  const out = zeros(n, k);
  const D = out.data;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    for (let a = 0; a < k; a++) {
      let distance = 0;
      for (let c = 0; c < d; c++) {
        const t = x[offset + c]! - mu[a * d + c]!;
        distance += t * t;
      }
      D[i * k + a] = distance;
    }
  }
  return out;
}

/**
 * EM E-step (CLAIMS.md §2): w_ia ∝ π_a·N(X_i; μ_a, σ_a²I), in log space, with the log-likelihood
 * Σ_i log Σ_a π_a N(X_i; μ_a, σ_a²I) of the same parameters.
 */
export function emEStep(points: Matrix, model: SphericalMixture): EStepOutput {
  return eStepFromDistances(squaredDistances(points, model.centers), points.cols, model);
}

/** The E-step given D_ia = ‖X_i − μ_a‖² (squaredDistances) for the model's centers, in dimension d. */
function eStepFromDistances(distances: Matrix, d: number, model: SphericalMixture): EStepOutput {
  const { rows: n, cols: k, data: D } = distances;
  const out = zeros(n, k);
  const logLikelihood = eStepInto(D, out.data, n, k, d, model);
  return { responsibilities: out, logLikelihood };
}

/** log π_a − (d/2)·log(2πσ_a²) of each cluster: the per-cluster constant of the log density. */
function logWeightsOf(model: SphericalMixture, d: number): Float64Array {
  return Float64Array.from(model.weights, (w, a) => Math.log(w) - 0.5 * d * Math.log(2 * Math.PI * model.variances[a]!));
}

/** 1/(2σ_a²) of each cluster. */
function halfPrecisionsOf(model: SphericalMixture): Float64Array {
  return Float64Array.from(model.variances, (v) => 1 / (2 * v));
}

/**
 * The E-step's loop: from D (n×k) into w (n×k, overwritten), returning the log-likelihood. The EM
 * kernel's `eStep` (theory/wasm/point-pairs.as.ts) does the same operations in the same order, with
 * an exp that is Math.exp's bit for bit.
 */
function eStepInto(D: Float64Array, w: Float64Array, n: number, k: number, d: number, model: SphericalMixture): number {
  const logWeights = logWeightsOf(model, d);
  const halfPrecisions = halfPrecisionsOf(model);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let max = -Infinity;
    for (let a = 0; a < k; a++) {
      const s = logWeights[a]! - D[row + a]! * halfPrecisions[a]!;
      w[row + a] = s;
      if (s > max) max = s;
    }
    let total = 0;
    for (let a = 0; a < k; a++) {
      const e = Math.exp(w[row + a]! - max);
      w[row + a] = e;
      total += e;
    }
    for (let a = 0; a < k; a++) w[row + a] = w[row + a]! / total;
    logLikelihood += max + Math.log(total);
  }
  return logLikelihood;
}

/**
 * EM for a spherical Gaussian mixture (CLAIMS.md §2): the soft E-step with β = 1/σ² and log π, then the
 * M-step for the centers, π_a = N_a/n, and σ² = Σ_ia w_ia‖X_i − μ_a‖² / (n·d) — or, per cluster,
 * σ_a² = Σ_i w_ia‖X_i − μ_a‖² / (N_a·d).
 */
export function em(points: Matrix, initCenters: Matrix, options: EmOptions = {}): EmResult {
  const maxIterations = assertInteger('maxIterations', options.maxIterations ?? 100, 1);
  const tolerance = options.tolerance ?? 1e-10;
  if (!(tolerance >= 0)) fail('tolerance', tolerance, 'a number >= 0');
  const k = initCenters.rows;
  // Every n×k array stays in the wasm-SIMD kernel's memory across iterations (points copied in
  // once, and checked to be finite on the way: only when one is not does assertFiniteMatrix run, to
  // throw its usual error): the distances with the spread, the E-step and the M-step's sums are
  // kernel passes, all bit-identical to the plain float64 EM (properties/reference/plain-em.ts);
  // the E-step's exp is V8's Math.exp ported operation for operation (properties/exp-kernel.test.ts).
  const pass = createEmPass(points, k);
  if (!pass.pointsFinite) assertFiniteMatrix('points', points);
  assertFiniteMatrix('initCenters', initCenters);
  assertSameWidth('points', points, 'initCenters', initCenters);
  const covariance = options.covariance ?? 'shared';
  if (!(COVARIANCE_MODELS as readonly string[]).includes(covariance))
    fail('covariance', covariance, `one of ${COVARIANCE_MODELS.join(', ')}`);
  const weights = options.weights ? [...options.weights] : new Array<number>(k).fill(1 / k);
  if (weights.length !== k || weights.some((w) => !(w > 0))) fail('weights', options.weights, `${k} positive numbers`);
  const sigma2 = assertPositive('sigma2', options.sigma2 ?? nearestCenterVariance(points, initCenters));
  let model: SphericalMixture = { centers: initCenters, weights, variances: new Array<number>(k).fill(sigma2) };
  const { rows: n, cols: d } = points;
  pass.runDistances(initCenters);
  let logLikelihood = pass.runEStep(logWeightsOf(model, d), halfPrecisionsOf(model));
  const history = [logLikelihood];
  const emptyClusterEvents: EmptyClusterEvent[] = [];
  const sums: Matrix = { rows: k, cols: d, data: pass.sums };
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // Three kernel passes: the M-step's sums, the distances to the new centers with the spread
    // around them (the variance update), and the next E-step from those distances.
    pass.runWeightedSums();
    const step = centersFromSums(sums, pass.mass.slice(), model.centers);
    if (step.emptyClusters.length > 0) emptyClusterEvents.push({ iteration: iterations, clusters: step.emptyClusters });
    pass.runDistancesAndSpread(step.centers);
    model = emParameters(step, pass.spread, model, covariance, n, d);
    const next = pass.runEStep(logWeightsOf(model, d), halfPrecisionsOf(model));
    const gain = next - logLikelihood;
    logLikelihood = next;
    history.push(logLikelihood);
    if (Math.abs(gain) <= tolerance * Math.abs(logLikelihood)) {
      converged = true;
      break;
    }
  }
  const responsibilities: Matrix = { rows: n, cols: k, data: pass.responsibilities.slice() };
  const labels = argmaxRows(responsibilities);
  return { ...model, responsibilities, labels, iterations, history, converged, emptyClusterEvents };
}

/**
 * The M-step's weights and variances (CLAIMS.md §2) from its centers and masses and the spread
 * Σ_i w_ia‖X_i − μ_a‖² of the responsibilities w it used around the new centers, over n points in
 * dimension d.
 */
function emParameters(
  step: MStepResult,
  spread: Float64Array,
  previous: SphericalMixture,
  covariance: CovarianceModel,
  n: number,
  d: number,
): SphericalMixture {
  const { centers, mass } = step;
  // π_a = N_a / Σ_b N_b maximises the expected log-likelihood (claim A3 needs the exact maximiser),
  // so an emptied cluster gets weight 0; it keeps its center and variance, which then no longer matter.
  const total = mass.reduce((s, x) => s + x, 0);
  const shared = spread.reduce((s, x) => s + x, 0) / (n * d);
  const variances = previous.variances.map((old, a) => {
    const v = covariance === 'shared' ? shared : spread[a]! / (mass[a]! * d);
    return v > 0 && Number.isFinite(v) ? v : old;
  });
  return { centers, weights: Array.from(mass, (m) => m / total), variances };
}

/** EM's default initial σ²: the mean squared distance to the nearest initial center, divided by d. */
export function nearestCenterVariance(points: Matrix, centers: Matrix): number {
  const labels = hardEStep(points, centers);
  let total = 0;
  for (let i = 0; i < points.rows; i++) total += squaredDistance(points, i, centers, labels[i]!);
  const v = total / (points.rows * points.cols);
  return v > 0 ? v : 1;
}

export function argmaxRows(m: Matrix): Int32Array {
  const out = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let best = -Infinity;
    for (let a = 0; a < m.cols; a++) {
      const x = m.data[i * m.cols + a]!;
      if (x > best) {
        best = x;
        out[i] = a;
      }
    }
  }
  return out;
}
