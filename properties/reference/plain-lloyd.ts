import { hardEStep } from '../../theory/estep';
import type { EmptyClusterEvent, LloydOptions, LloydResult } from '../../theory/lloyd';
import { assertFiniteMatrix, assertSameWidth, cloneMatrix, type Matrix } from '../../theory/matrix';
import { assertInteger } from '../../theory/validate';

/**
 * theory/lloyd.ts as it was before its pass moved into the wasm-SIMD kernel
 * (theory/wasm/point-pairs.as.ts): Lloyd's algorithm (CLAIMS.md §2) in plain float64, one fused pass per
 * iteration. The reference that `lloyd` must equal bit for bit.
 */
export function plainLloyd(points: Matrix, initCenters: Matrix, options: LloydOptions = {}): LloydResult {
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
        const center = a * d;
        let s = 0;
        for (let c = 0; c < d; c++) {
          const t = x[offset + c]! - mu[center + c]!;
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
  // After a capped run the centers have moved since the last assignment: label them afresh.
  return { centers, labels: converged ? labels : hardEStep(points, centers), iterations, history, converged, emptyClusterEvents };
}
