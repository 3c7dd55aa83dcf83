import { assertSameWidth, type Matrix, squaredDistance } from './matrix';
import { fail } from './validate';

/** The k-means objective Σ_i ‖X_i − μ_{ẑ_i}‖² (claim A2). */
export function kmeansObjective(points: Matrix, labels: Int32Array, centers: Matrix): number {
  assertSameWidth('points', points, 'centers', centers);
  if (labels.length !== points.rows) fail('labels length', labels.length, `equal to the number of points (${points.rows})`);
  let total = 0;
  for (let i = 0; i < points.rows; i++) total += squaredDistance(points, i, centers, labels[i]!);
  return total;
}
