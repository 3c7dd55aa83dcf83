/** Machine epsilon of float64 (2u). */
const FLOAT64_EPSILON = 2 ** -52;

/**
 * Claim B2 measured in float64: the largest ‖w − e_ẑ‖₁ accepted against the bound, which is the
 * bound inflated by the rounding of the exponents β‖X − μ_a‖²/2, 16·ε·(1 + β·max_a ‖X − μ_a‖²)
 * relative (ε the float64 machine epsilon).
 */
export function b2Float64Allowance(bound: number, beta: number, farthestSquaredDistance: number): number {
  return bound * (1 + 16 * FLOAT64_EPSILON * (1 + beta * farthestSquaredDistance));
}
