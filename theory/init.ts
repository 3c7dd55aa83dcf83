import { Matrix as MlMatrix, SVD } from 'ml-matrix';
import { separation } from './layouts';
import { lloyd } from './lloyd';
import { assertFiniteMatrix, cloneMatrix, type Matrix, squaredDistance, toRows, zeros } from './matrix';
import { hardMStep } from './mstep';
import type { Rng } from './rng';
import { fillStandardNormal } from './samplers';
import { assertInRange, assertInteger, fail } from './validate';

export const INITIALIZATIONS = ['perturbed-truth', 'kmeans++', 'spectral'] as const;
export type Initialization = (typeof INITIALIZATIONS)[number];

/**
 * perturbed-truth (CLAIMS.md §2): each true center moves in a uniformly random direction by a length
 * drawn uniformly in [0, Λ_0·Δ], and one center, chosen at random, by exactly Λ_0·Δ; so
 * max_a ‖μ̂_a − μ_a‖/Δ = Λ_0 exactly. Δ is the separation of the true centers.
 */
export function perturbedTruth(trueCenters: Matrix, lambda0: number, rng: Rng): Matrix {
  assertInRange('lambda0', lambda0, 0, Number.MAX_VALUE);
  if (trueCenters.rows < 2) fail('k', trueCenters.rows, '>= 2 for perturbed-truth (Δ is undefined for one center)');
  const { rows: k, cols: d } = trueCenters;
  const radius = lambda0 * separation(trueCenters);
  const farthest = rng.int(k);
  const out = cloneMatrix(trueCenters);
  const direction = new Float64Array(d);
  for (let a = 0; a < k; a++) {
    let norm = 0;
    while (!(norm > 1e-12)) {
      fillStandardNormal(rng, direction);
      norm = Math.hypot(...direction);
    }
    const length = a === farthest ? radius : radius * rng.uniform();
    for (let c = 0; c < d; c++) out.data[a * d + c] = out.data[a * d + c]! + (length * direction[c]!) / norm;
  }
  return out;
}

/** Λ_0 = max_a ‖μ̂_a − μ_a‖/Δ of an initialization against the true centers. */
export function initializationError(init: Matrix, trueCenters: Matrix): number {
  let worst = 0;
  for (let a = 0; a < trueCenters.rows; a++) worst = Math.max(worst, Math.sqrt(squaredDistance(init, a, trueCenters, a)));
  return worst / separation(trueCenters);
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, in scikit-learn's greedy form): the first
 * center uniformly; then 2 + ⌊ln k⌋ candidates, each drawn with probability proportional to the
 * squared distance to the nearest center chosen so far, and the candidate that most lowers the
 * total squared distance is kept.
 */
export function kmeansPlusPlus(points: Matrix, k: number, rng: Rng): Matrix {
  assertInteger('k', k, 1, points.rows);
  assertFiniteMatrix('points', points);
  const { rows: n, cols: d } = points;
  const trials = 2 + Math.floor(Math.log(k));
  const out = zeros(k, d);
  const nearest = new Float64Array(n).fill(Infinity);
  const candidateNearest = new Float64Array(n);
  let chosen = rng.int(n);
  for (let a = 0; a < k; a++) {
    out.data.set(points.data.subarray(chosen * d, (chosen + 1) * d), a * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, squaredDistance(points, i, out, a));
      total += nearest[i]!;
    }
    if (a + 1 === k) break;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const candidate = total > 0 ? sampleProportional(nearest, total, rng) : rng.int(n);
      let potential = 0;
      for (let i = 0; i < n; i++) {
        candidateNearest[i] = Math.min(nearest[i]!, squaredDistance(points, i, points, candidate));
        potential += candidateNearest[i]!;
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        chosen = candidate;
      }
    }
  }
  return out;
}

function sampleProportional(masses: Float64Array, total: number, rng: Rng): number {
  let u = rng.uniform() * total;
  for (let i = 0; i < masses.length; i++) {
    u -= masses[i]!;
    if (u < 0) return i;
  }
  // Rounding left u ≥ 0: return the last index with positive mass.
  for (let i = masses.length - 1; i >= 0; i--) if (masses[i]! > 0) return i;
  return masses.length - 1;
}

/**
 * Spectral initialization (CLAIMS.md §2): project the points onto their top-k right singular
 * subspace (ml-matrix's SVD), cluster there with k-means++ then Lloyd, and return the means of the original points per cluster.
 */
export function spectralInit(points: Matrix, k: number, rng: Rng): Matrix {
  assertInteger('k', k, 1, points.rows);
  assertFiniteMatrix('points', points);
  const projected = k >= points.cols ? points : projectOntoTopSubspace(points, k);
  const seeds = kmeansPlusPlus(projected, k, rng);
  const { labels } = lloyd(projected, seeds, { maxIterations: 100 });
  // A cluster left empty keeps its projected seed, which also lies in R^d.
  return hardMStep(points, labels, seeds).centers;
}

function projectOntoTopSubspace(points: Matrix, k: number): Matrix {
  const { rows: n, cols: d } = points;
  const svd = new SVD(new MlMatrix(toRows(points)), { computeLeftSingularVectors: false, autoTranspose: true });
  const basis = svd.rightSingularVectors.subMatrix(0, d - 1, 0, k - 1); // d×k, singular values descending
  const projected = new MlMatrix(toRows(points)).mmul(basis).mmul(basis.transpose());
  return { rows: n, cols: d, data: Float64Array.from(projected.to1DArray()) };
}
