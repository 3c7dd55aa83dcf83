import type { Matrix } from '../../../theory/matrix';

/** The data scale max(1, max_i ‖X_i‖_∞) that the float tolerances of claims C1, C2 and E1 are relative to. */
export function dataScale(points: Matrix): number {
  return points.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
}
