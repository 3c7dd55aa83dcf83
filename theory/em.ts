import { assertFiniteMatrix, assertSameWidth, squaredDistance, zeros, type Matrix } from './matrix';
import { hardEStep } from './estep';
import { mStep } from './mstep';
import { assertInteger, assertPositive, fail } from './validate';
import type { EmptyClusterEvent } from './lloyd';

/** Parameters of a spherical mixture with a shared variance (mclust's "EII"). */
export interface SphericalMixture {
  readonly centers: Matrix;
  readonly weights: number[];
  readonly sigma2: number;
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
  /** Initial σ²; default the mean squared distance to the nearest initial centre, divided by d. */
  readonly sigma2?: number;
  /** Initial weights; default equal. */
  readonly weights?: readonly number[];
}

interface EStepOutput {
  readonly responsibilities: Matrix;
  readonly logLikelihood: number;
}

/**
 * EM E-step (SPEC §2): w_ia ∝ π_a·N(X_i; μ_a, σ²I), in log space, with the log-likelihood
 * Σ_i log Σ_a π_a N(X_i; μ_a, σ²I) of the same parameters.
 */
export function emEStep(points: Matrix, model: SphericalMixture): EStepOutput {
  const { rows: n, cols: d } = points;
  const k = model.centers.rows;
  const out = zeros(n, k);
  const logNorm = -0.5 * d * Math.log(2 * Math.PI * model.sigma2);
  const logWeights = model.weights.map(Math.log);
  const scores = new Float64Array(k);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let a = 0; a < k; a++) {
      const s = logWeights[a]! - squaredDistance(points, i, model.centers, a) / (2 * model.sigma2);
      scores[a] = s;
      if (s > max) max = s;
    }
    let total = 0;
    for (let a = 0; a < k; a++) total += Math.exp(scores[a]! - max);
    for (let a = 0; a < k; a++) out.data[i * k + a] = Math.exp(scores[a]! - max) / total;
    logLikelihood += max + Math.log(total) + logNorm;
  }
  return { responsibilities: out, logLikelihood };
}

/**
 * EM for a spherical Gaussian mixture with shared variance (SPEC §2): the soft E-step with
 * β = 1/σ² and log π, then the M-step for the centres, π_a = N_a/n, and
 * σ² = Σ_ia w_ia‖X_i − μ_a‖² / (n·d).
 */
export function em(points: Matrix, initCenters: Matrix, options: EmOptions = {}): EmResult {
  const maxIterations = assertInteger('maxIterations', options.maxIterations ?? 100, 1);
  const tolerance = options.tolerance ?? 1e-10;
  if (!(tolerance >= 0)) fail('tolerance', tolerance, 'a number >= 0');
  assertFiniteMatrix('points', points);
  assertFiniteMatrix('initCenters', initCenters);
  assertSameWidth('points', points, 'initCenters', initCenters);
  const { rows: n, cols: d } = points;
  const k = initCenters.rows;
  const weights = options.weights ? [...options.weights] : new Array<number>(k).fill(1 / k);
  if (weights.length !== k || weights.some((w) => !(w > 0))) fail('weights', options.weights, `${k} positive numbers`);
  const sigma2 = assertPositive('sigma2', options.sigma2 ?? nearestCentreVariance(points, initCenters));
  let model: SphericalMixture = { centers: initCenters, weights, sigma2 };
  let current = emEStep(points, model);
  const history = [current.logLikelihood];
  const emptyClusterEvents: EmptyClusterEvent[] = [];
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    model = emMStep(points, current.responsibilities, model, iterations, emptyClusterEvents);
    const next = emEStep(points, model);
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

function emMStep(points: Matrix, w: Matrix, previous: SphericalMixture, iteration: number, events: EmptyClusterEvent[]): SphericalMixture {
  const { rows: n, cols: d } = points;
  const k = w.cols;
  const { centers, emptyClusters } = mStep(points, w, previous.centers);
  if (emptyClusters.length > 0) events.push({ iteration, clusters: emptyClusters });
  const mass = new Float64Array(k);
  let spread = 0;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const wia = w.data[i * k + a]!;
      mass[a] = mass[a]! + wia;
      if (wia > 0) spread += wia * squaredDistance(points, i, centers, a);
    }
  }
  // An emptied cluster keeps its previous weight share rather than collapsing log π to −∞.
  const weights = Array.from(mass, (m, a) => (m > 0 ? m / n : previous.weights[a]!));
  const total = weights.reduce((s, x) => s + x, 0);
  const sigma2 = spread / (n * d);
  return { centers, weights: weights.map((x) => x / total), sigma2: sigma2 > 0 ? sigma2 : previous.sigma2 };
}

function nearestCentreVariance(points: Matrix, centers: Matrix): number {
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
