import { assertFiniteMatrix, assertSameWidth, type Matrix } from './matrix';
import { hardEStep } from './estep';
import { hardMStep } from './mstep';
import { kmeansObjective } from './objective';
import { assertInteger } from './validate';

export interface EmptyClusterEvent {
  readonly iteration: number;
  readonly clusters: number[];
}

export interface LloydResult {
  readonly centers: Matrix;
  /** Labels of the returned centres (a final hard E-step). */
  readonly labels: Int32Array;
  /** Number of (E, M) iterations run. */
  readonly iterations: number;
  /** k-means objective after each iteration (claim A2: non-increasing). */
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
 * Lloyd's algorithm (SPEC §2): alternate the hard E-step and the M-step from `initCenters` until
 * the labels stop changing or `maxIterations` is reached.
 */
export function lloyd(points: Matrix, initCenters: Matrix, options: LloydOptions = {}): LloydResult {
  const maxIterations = assertInteger('maxIterations', options.maxIterations ?? 300, 1);
  assertFiniteMatrix('points', points);
  assertFiniteMatrix('initCenters', initCenters);
  assertSameWidth('points', points, 'initCenters', initCenters);
  let centers = initCenters;
  let labels = hardEStep(points, centers);
  const history: number[] = [];
  const emptyClusterEvents: EmptyClusterEvent[] = [];
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    const step = hardMStep(points, labels, centers);
    iterations++;
    centers = step.centers;
    if (step.emptyClusters.length > 0) emptyClusterEvents.push({ iteration: iterations, clusters: step.emptyClusters });
    history.push(kmeansObjective(points, labels, centers));
    const next = hardEStep(points, centers);
    const same = next.every((a, i) => a === labels[i]);
    labels = next;
    if (same) {
      converged = true;
      break;
    }
  }
  return { centers, labels, iterations, history, converged, emptyClusterEvents };
}
