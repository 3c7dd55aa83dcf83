/**
 * Claim D1's planned temperature for a grid of m anchors per axis on [−R, R]^d:
 * β = d·(m−1)²/R², so that β·h² = 4d with spacing h = 2R/(m−1): anchors a few spacings apart
 * barely overlap, and the bound's far-anchor term stays small at δ of the order of h.
 */
export function d1GridTemperature(d: number, m: number, R: number): number {
  return ((m - 1) ** 2 / (R * R)) * d;
}
