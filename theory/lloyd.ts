import { assertFiniteMatrix, assertSameWidth, cloneMatrix, type Matrix } from './matrix';
import { hardEStep } from './estep';
import { assertInteger } from './validate';

export interface EmptyClusterEvent {
  readonly iteration: number;
  readonly clusters: number[];
}

export interface LloydResult {
  readonly centers: Matrix;
  /** Labels of the returned centres (their hard E-step). */
  readonly labels: Int32Array;
  /** Number of (E, M) iterations run; the last one of a converged run finds the labels unchanged. */
  readonly iterations: number;
  /**
   * k-means objective J(ẑ_t, μ_{t−1}) of each iteration t: the labels it assigns, scored against
   * the centres it assigned them with. Claim A2: non-increasing, since
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
 * Lloyd's algorithm (SPEC §2): from `initCenters`, each iteration assigns every point to its
 * nearest centre (ties to the smallest index) and moves each centre to the mean of its points (an
 * empty cluster keeps its centre), until the labels stop changing or `maxIterations` is reached.
 * Each iteration is one pass over the data: the assignment, the objective and the sums of the
 * M-step are computed together.
 */
export function lloyd(points: Matrix, initCenters: Matrix, options: LloydOptions = {}): LloydResult {
  const maxIterations = assertInteger('maxIterations', options.maxIterations ?? 300, 1);
  assertFiniteMatrix('points', points);
  assertFiniteMatrix('initCenters', initCenters);
  assertSameWidth('points', points, 'initCenters', initCenters);
  const { rows: n, cols: d, data: x } = points;
  const k = initCenters.rows;
  const centers = cloneMatrix(initCenters);
  const mu = centers.data;
  let labels = new Int32Array(n).fill(-1);
  let next = new Int32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const history: number[] = [];
  const emptyClusterEvents: EmptyClusterEvent[] = [];
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    sums.fill(0);
    counts.fill(0);
    let objective = 0;
    let changed = false;
    for (let i = 0; i < n; i++) {
      const offset = i * d;
      let best = Infinity;
      let arg = 0;
      for (let a = 0; a < k; a++) {
        const centre = a * d;
        let s = 0;
        for (let c = 0; c < d; c++) {
          const t = x[offset + c]! - mu[centre + c]!;
          s += t * t;
        }
        if (s < best) {
          best = s;
          arg = a;
        }
      }
      next[i] = arg;
      if (arg !== labels[i]) changed = true;
      objective += best;
      counts[arg]!++;
      const target = arg * d;
      for (let c = 0; c < d; c++) sums[target + c] = sums[target + c]! + x[offset + c]!;
    }
    history.push(objective);
    [labels, next] = [next, labels];
    if (!changed) {
      converged = true; // the centres are the means of these labels already
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
  // After a capped run the centres have moved since the last assignment: label them afresh.
  return { centers, labels: converged ? labels : hardEStep(points, centers), iterations, history, converged, emptyClusterEvents };
}
