import type { Matrix } from './matrix';

/** How far an n×k responsibility matrix is from a row-stochastic one (claim A3). */
export function responsibilityDefects(w: Matrix): { negativeEntries: number; worstRowSumError: number } {
  let negativeEntries = 0;
  let worstRowSumError = 0;
  for (let i = 0; i < w.rows; i++) {
    let sum = 0;
    for (let a = 0; a < w.cols; a++) {
      const x = w.data[i * w.cols + a]!;
      if (!(x >= 0)) negativeEntries++;
      sum += x;
    }
    worstRowSumError = Math.max(worstRowSumError, Math.abs(sum - 1));
  }
  return { negativeEntries, worstRowSumError };
}
