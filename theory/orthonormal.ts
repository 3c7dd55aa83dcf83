import { type Matrix, zeros } from './matrix';
import type { Rng } from './rng';
import { fillStandardNormal } from './samplers';

/**
 * r orthonormal vectors in R^d (rows of an r×d matrix), uniformly random: Gram–Schmidt on
 * Gaussian rows, redrawing a row in the (probability-zero) event that it is degenerate.
 */
export function randomOrthonormalRows(rng: Rng, r: number, d: number): Matrix {
  if (r > d) throw new RangeError(`cannot fit ${r} orthonormal rows in R^${d}`);
  const q = zeros(r, d);
  const v = new Float64Array(d);
  for (let i = 0; i < r; i++) {
    for (;;) {
      fillStandardNormal(rng, v);
      for (let j = 0; j < i; j++) {
        const qj = q.data.subarray(j * d, (j + 1) * d);
        let dot = 0;
        for (let c = 0; c < d; c++) dot += v[c]! * qj[c]!;
        for (let c = 0; c < d; c++) v[c] = v[c]! - dot * qj[c]!;
      }
      let norm = 0;
      for (let c = 0; c < d; c++) norm += v[c]! * v[c]!;
      norm = Math.sqrt(norm);
      if (norm > 1e-8) {
        for (let c = 0; c < d; c++) q.data[i * d + c] = v[c]! / norm;
        break;
      }
    }
  }
  return q;
}
