import { hardEStep } from './estep';
import type { EmptyClusterEvent } from './lloyd';
import { assertFiniteMatrix, assertSameWidth, type Matrix, squaredDistance, zeros } from './matrix';
import { type MStepResult, mStep } from './mstep';
import { assertInteger, assertPositive, fail } from './validate';
import { createDistancePass } from './wasm/point-pairs';

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
  // log π_a − (d/2)·log(2πσ_a²): the per-cluster constant of the log density
  const logWeights = model.weights.map((w, a) => Math.log(w) - 0.5 * d * Math.log(2 * Math.PI * model.variances[a]!));
  const halfPrecisions = model.variances.map((v) => 1 / (2 * v));
  const w = out.data;
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
  return { responsibilities: out, logLikelihood };
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
  assertFiniteMatrix('points', points);
  assertFiniteMatrix('initCenters', initCenters);
  assertSameWidth('points', points, 'initCenters', initCenters);
  const k = initCenters.rows;
  const covariance = options.covariance ?? 'shared';
  if (!(COVARIANCE_MODELS as readonly string[]).includes(covariance))
    fail('covariance', covariance, `one of ${COVARIANCE_MODELS.join(', ')}`);
  const weights = options.weights ? [...options.weights] : new Array<number>(k).fill(1 / k);
  if (weights.length !== k || weights.some((w) => !(w > 0))) fail('weights', options.weights, `${k} positive numbers`);
  const sigma2 = assertPositive('sigma2', options.sigma2 ?? nearestCenterVariance(points, initCenters));
  let model: SphericalMixture = { centers: initCenters, weights, variances: new Array<number>(k).fill(sigma2) };
  // D_ia in the wasm-SIMD kernel, bit-identical to squaredDistances (points copied in once).
  const distancePass = createDistancePass(points, k);
  let current = eStepFromDistances(distancePass.run(initCenters), points.cols, model);
  const history = [current.logLikelihood];
  const emptyClusterEvents: EmptyClusterEvent[] = [];
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // One pass for the M-step sums and one for the distances to the new centers, which serve both
    // the variance update and the next E-step.
    const step = mStep(points, current.responsibilities, model.centers);
    if (step.emptyClusters.length > 0) emptyClusterEvents.push({ iteration: iterations, clusters: step.emptyClusters });
    const distances = distancePass.run(step.centers);
    model = emParameters(step, distances, current.responsibilities, model, covariance, points.cols);
    const next = eStepFromDistances(distances, points.cols, model);
    const gain = next.logLikelihood - current.logLikelihood;
    current = next;
    history.push(current.logLikelihood);
    if (Math.abs(gain) <= tolerance * Math.abs(current.logLikelihood)) {
      converged = true;
      break;
    }
  }
  const labels = argmaxRows(current.responsibilities);
  return { ...model, responsibilities: current.responsibilities, labels, iterations, history, converged, emptyClusterEvents };
}

/**
 * The M-step's weights and variances (CLAIMS.md §2) from its centers and masses, the responsibilities
 * w it used, and D_ia = ‖X_i − μ_a‖² to the new centers.
 */
function emParameters(
  step: MStepResult,
  distances: Matrix,
  w: Matrix,
  previous: SphericalMixture,
  covariance: CovarianceModel,
  d: number,
): SphericalMixture {
  const { rows: n, cols: k } = w;
  const { centers, mass } = step;
  const spread = new Float64Array(k);
  for (let t = 0; t < n * k; t++) spread[t % k] = spread[t % k]! + w.data[t]! * distances.data[t]!;
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
