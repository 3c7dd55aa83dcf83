import {
  COVARIANCE_MODELS,
  type CovarianceModel,
  type EmOptions,
  type EmResult,
  nearestCenterVariance,
  type SphericalMixture,
  squaredDistances,
} from '../../theory/em';
import type { EmptyClusterEvent } from '../../theory/lloyd';
import { assertFiniteMatrix, assertSameWidth, type Matrix, zeros } from '../../theory/matrix';
import { type MStepResult, mStep } from '../../theory/mstep';
import { assertInteger, assertPositive, fail } from '../../theory/validate';

/**
 * theory/em.ts as it was before its E-step, M-step sums and spread moved onto the wasm kernel's
 * resident arrays (issue 15): EM for a spherical Gaussian mixture (CLAIMS.md §2) in plain float64,
 * with the plain `squaredDistances` and `mStep`. The reference that `em` must equal bit for bit.
 */
export function plainEm(points: Matrix, initCenters: Matrix, options: EmOptions = {}): EmResult {
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
  let current = eStepFromDistances(squaredDistances(points, initCenters), points.cols, model);
  const history = [current.logLikelihood];
  const emptyClusterEvents: EmptyClusterEvent[] = [];
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const step = mStep(points, current.responsibilities, model.centers);
    if (step.emptyClusters.length > 0) emptyClusterEvents.push({ iteration: iterations, clusters: step.emptyClusters });
    const distances = squaredDistances(points, step.centers);
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

function eStepFromDistances(distances: Matrix, d: number, model: SphericalMixture): { responsibilities: Matrix; logLikelihood: number } {
  const { rows: n, cols: k, data: D } = distances;
  const out = zeros(n, k);
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
  const total = mass.reduce((s, x) => s + x, 0);
  const shared = spread.reduce((s, x) => s + x, 0) / (n * d);
  const variances = previous.variances.map((old, a) => {
    const v = covariance === 'shared' ? shared : spread[a]! / (mass[a]! * d);
    return v > 0 && Number.isFinite(v) ? v : old;
  });
  return { centers, weights: Array.from(mass, (m) => m / total), variances };
}

function argmaxRows(m: Matrix): Int32Array {
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
