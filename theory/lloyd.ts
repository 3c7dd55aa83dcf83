import { assertFiniteMatrix, assertSameWidth, cloneMatrix, type Matrix } from './matrix';
import { assertInteger } from './validate';
import { createLloydPass } from './wasm/point-pairs';

export interface EmptyClusterEvent {
  readonly iteration: number;
  readonly clusters: number[];
}

export interface LloydResult {
  readonly centers: Matrix;
  /** Labels of the returned centers (their hard E-step). */
  readonly labels: Int32Array;
  /** Number of (E, M) iterations run; the last one of a converged run finds the labels unchanged. */
  readonly iterations: number;
  /**
   * k-means objective J(ẑ_t, μ_{t−1}) of each iteration t: the labels it assigns, scored against
   * the centers it assigned them with. Claim A2: non-increasing, since
   * J(ẑ_{t+1}, μ_t) ≤ J(ẑ_t, μ_t) ≤ J(ẑ_t, μ_{t−1}). At a fixed point it is the final objective.
   */
  readonly history: number[];
  /** True when the labels reached a fixed point before the iteration cap. */
  readonly converged: boolean;
  readonly emptyClusterEvents: EmptyClusterEvent[];
}

export interface LloydOptions {
  /** Iteration cap; default 300 (scikit-learn's max_iter). */
  readonly maxIterations?: number;
}

/**
 * Lloyd's algorithm (CLAIMS.md §2): from `initCenters`, each iteration assigns every point to its
 * nearest center (ties to the smallest index) and moves each center to the mean of its points (an
 * empty cluster keeps its center), until the labels stop changing or `maxIterations` is reached.
 * Each iteration is one pass over the data: the assignment, the objective and the sums of the
 * M-step are computed together, in a wasm-SIMD kernel (theory/wasm/point-pairs.as.ts) whose
 * results are bit-identical to the same pass in plain float64.
 */
export function lloyd(points: Matrix, initCenters: Matrix, options: LloydOptions = {}): LloydResult {
  const maxIterations = assertInteger('maxIterations', options.maxIterations ?? 300, 1);
  const d = points.cols;
  const k = initCenters.rows;
  // The kernel checks that the points are finite as it copies them in; only when one is not does
  // assertFiniteMatrix run, to throw its usual error.
  const pass = createLloydPass(points, k);
  if (!pass.pointsFinite) assertFiniteMatrix('points', points);
  assertFiniteMatrix('initCenters', initCenters);
  assertSameWidth('points', points, 'initCenters', initCenters);
  const centers = cloneMatrix(initCenters);
  const mu = centers.data;
  const { sums, counts } = pass;
  const history: number[] = [];
  const emptyClusterEvents: EmptyClusterEvent[] = [];
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const { objective, changedLabels } = pass.run(centers);
    history.push(objective);
    if (changedLabels === 0) {
      converged = true; // the centers are the means of these labels already
      break;
    }
    const empty: number[] = [];
    for (let a = 0; a < k; a++) {
      const m = counts[a]!;
      if (m === 0) {
        empty.push(a);
        continue;
      }
      for (let c = 0; c < d; c++) mu[a * d + c] = sums[a * d + c]! / m;
    }
    if (empty.length > 0) emptyClusterEvents.push({ iteration: iterations, clusters: empty });
  }
  // After a capped run the centers have moved since the last assignment: label them afresh, with
  // one more pass (its labels are hardEStep's, bit for bit; its sums are not used).
  if (!converged) pass.run(centers);
  return { centers, labels: pass.labels.slice(), iterations, history, converged, emptyClusterEvents };
}
