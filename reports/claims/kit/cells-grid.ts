import type { Layout } from '../../../theory/layouts';

/**
 * One cell of a mixture grid (F1, F2): the centers' layout, k clusters in d dimensions, the
 * separation Δ/σ, and the number of points n where the cell fixes one.
 */
export interface MixtureCell {
  readonly layout: Layout;
  readonly k: number;
  readonly d: number;
  readonly n?: number;
  readonly delta: number;
}

/** The cell as notes and number keys name it, e.g. `simplex k=4 d=4 n=1000 Δ/σ=4`. */
export function describeCell(cell: MixtureCell): string {
  const n = cell.n === undefined ? '' : ` n=${cell.n}`;
  return `${cell.layout} k=${cell.k} d=${cell.d}${n} Δ/σ=${cell.delta}`;
}
