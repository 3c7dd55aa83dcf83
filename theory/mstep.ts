import { assertSameWidth, cloneMatrix, type Matrix, zeros } from './matrix';
import { fail } from './validate';

export interface MStepResult {
  /** k×d updated centers. */
  readonly centers: Matrix;
  /** Clusters whose total weight was zero; each kept its previous center (CLAIMS.md §2). */
  readonly emptyClusters: number[];
  /** Σ_i w_ia of each cluster (its point count, with hard labels). */
  readonly mass: Float64Array;
}

/**
 * M-step (CLAIMS.md §2): μ_a = Σ_i w_ia X_i / Σ_i w_ia, where `responsibilities` is the n×k matrix w.
 * An empty cluster (Σ_i w_ia = 0) keeps its previous center and is listed in `emptyClusters`.
 */
export function mStep(points: Matrix, responsibilities: Matrix, previousCenters: Matrix): MStepResult {
  assertSameWidth('points', points, 'previousCenters', previousCenters);
  const { rows: n, cols: d } = points;
  const k = previousCenters.rows;
  if (responsibilities.rows !== n || responsibilities.cols !== k) {
    fail('responsibilities shape', `${responsibilities.rows}×${responsibilities.cols}`, `${n}×${k}`);
  }
  const sums = zeros(k, d);
  const mass = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const w = responsibilities.data[i * k + a]!;
      if (w === 0) continue;
      mass[a] = mass[a]! + w;
      for (let c = 0; c < d; c++) sums.data[a * d + c] = sums.data[a * d + c]! + w * points.data[i * d + c]!;
    }
  }
  return centersFromSums(sums, mass, previousCenters);
}

/** M-step with hard labels: each center becomes the mean of its points. */
export function hardMStep(points: Matrix, labels: Int32Array, previousCenters: Matrix): MStepResult {
  assertSameWidth('points', points, 'previousCenters', previousCenters);
  const { rows: n, cols: d } = points;
  const k = previousCenters.rows;
  if (labels.length !== n) fail('labels length', labels.length, `equal to the number of points (${n})`);
  const sums = zeros(k, d);
  const mass = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const a = labels[i]!;
    if (a < 0 || a >= k) fail(`labels[${i}]`, a, `an integer in [0, ${k - 1}]`);
    mass[a] = mass[a]! + 1;
    for (let c = 0; c < d; c++) sums.data[a * d + c] = sums.data[a * d + c]! + points.data[i * d + c]!;
  }
  return centersFromSums(sums, mass, previousCenters);
}

/**
 * The M-step's end from its sums Σ_i w_ia X_i (k×d) and masses Σ_i w_ia: μ_a = sums_a / mass_a, or
 * the previous center for an empty cluster. Keeps `mass` as the result's (theory/em.ts passes a copy).
 */
export function centersFromSums(sums: Matrix, mass: Float64Array, previousCenters: Matrix): MStepResult {
  const centers = cloneMatrix(previousCenters);
  const d = sums.cols;
  const emptyClusters: number[] = [];
  for (let a = 0; a < sums.rows; a++) {
    const m = mass[a]!;
    if (m === 0) {
      emptyClusters.push(a);
      continue;
    }
    for (let c = 0; c < d; c++) centers.data[a * d + c] = sums.data[a * d + c]! / m;
  }
  return { centers, emptyClusters, mass };
}
