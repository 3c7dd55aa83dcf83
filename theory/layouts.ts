import { type Matrix, squaredDistance, zeros } from './matrix';
import { randomOrthonormalRows } from './orthonormal';
import type { Rng } from './rng';
import { fillStandardNormal } from './samplers';
import { fail } from './validate';

export const LAYOUTS = ['simplex', 'random'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Δ = min_{a≠b} ‖μ_a − μ_b‖ (CLAIMS.md §1); +∞ for a single center. */
export function separation(centers: Matrix): number {
  let best = Infinity;
  for (let a = 0; a < centers.rows; a++) {
    for (let b = a + 1; b < centers.rows; b++) best = Math.min(best, squaredDistance(centers, a, centers, b));
  }
  return Math.sqrt(best);
}

/**
 * k centers in R^d whose minimum pairwise distance is exactly Δ by construction (CLAIMS.md §1).
 * `simplex`: the regular simplex e_a·Δ/√2 centered at 0 (all distances Δ), written in an
 * orthonormal basis of its (k−1)-dimensional span and mapped into R^d by a random orthonormal
 * frame; needs d ≥ k−1. `random`: Gaussian directions, rescaled so the minimum distance is Δ.
 */
export function makeCenters(layout: Layout, k: number, d: number, delta: number, rng: Rng): Matrix {
  if (k === 1) return zeros(1, d);
  if (layout === 'simplex') return simplexCenters(k, d, delta, rng);
  if (layout === 'random') return randomCenters(k, d, delta, rng);
  return fail('layout', layout, `one of ${LAYOUTS.join(', ')}`);
}

function simplexCenters(k: number, d: number, delta: number, rng: Rng): Matrix {
  if (d < k - 1) fail('d', d, `>= k−1 = ${k - 1} for the simplex layout`);
  // Coordinates of the centered simplex in an orthonormal basis u_1..u_{k−1} of {x ∈ R^k : Σx = 0}.
  // u_j = (1,…,1,−j,0,…,0)/sqrt(j(j+1)) with j ones (the Helmert basis).
  const frame = randomOrthonormalRows(rng, k - 1, d);
  const out = zeros(k, d);
  const scale = delta / Math.SQRT2;
  for (let a = 0; a < k; a++) {
    for (let j = 1; j < k; j++) {
      const coordinate = a < j ? 1 : a === j ? -j : 0;
      const coefficient = (scale * coordinate) / Math.sqrt(j * (j + 1));
      if (coefficient === 0) continue;
      for (let c = 0; c < d; c++) out.data[a * d + c] = out.data[a * d + c]! + coefficient * frame.data[(j - 1) * d + c]!;
    }
  }
  return out;
}

function randomCenters(k: number, d: number, delta: number, rng: Rng): Matrix {
  for (;;) {
    const out = zeros(k, d);
    fillStandardNormal(rng, out.data);
    const current = separation(out);
    if (!(current > 1e-12)) continue; // coincident draws have probability zero; redraw
    const factor = delta / current;
    for (let t = 0; t < out.data.length; t++) out.data[t] = out.data[t]! * factor;
    return out;
  }
}
