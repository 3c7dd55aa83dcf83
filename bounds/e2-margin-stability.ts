import { fail } from '../theory/validate';

/**
 * Claim E2's condition for a point x with nearest centre a*: for every b ≠ a*,
 *   ‖x − μ_b‖² − ‖x − μ_a*‖² > 2ε(‖x − μ_a*‖ + ‖x − μ_b‖) + 2ε².
 * Then moving every centre by at most ε leaves the label of x unchanged. Inputs are the squared
 * distances from x to each centre; returns the smallest slack (left side minus right side) over
 * b ≠ a*, so the condition holds iff the result is > 0 (+∞ for k = 1).
 */
export function e2StabilitySlack(squaredDistances: readonly number[], nearest: number, epsilon: number): number {
  if (squaredDistances.length === 0) fail('squaredDistances', squaredDistances, 'a non-empty list');
  if (!Number.isInteger(nearest) || nearest < 0 || nearest >= squaredDistances.length) {
    fail('nearest', nearest, `an index in [0, ${squaredDistances.length - 1}]`);
  }
  if (!(epsilon >= 0) || !Number.isFinite(epsilon)) fail('epsilon', epsilon, 'a finite number >= 0');
  const own = squaredDistances[nearest]!;
  let slack = Infinity;
  squaredDistances.forEach((other, b) => {
    if (b === nearest) return;
    const required = 2 * epsilon * (Math.sqrt(own) + Math.sqrt(other)) + 2 * epsilon * epsilon;
    slack = Math.min(slack, other - own - required);
  });
  return slack;
}

/**
 * The largest ε for which claim E2's condition holds at x: over b ≠ a*, the smallest positive
 * root of 2ε² + 2ε(r_a* + r_b) = D_b − D_a*, with D the squared distances and r = √D.
 */
export function e2LargestStableRadius(squaredDistances: readonly number[], nearest: number): number {
  const ownRadius = Math.sqrt(squaredDistances[nearest]!);
  let best = Infinity;
  squaredDistances.forEach((other, b) => {
    if (b === nearest) return;
    const s = ownRadius + Math.sqrt(other);
    best = Math.min(best, (-s + Math.sqrt(s * s + 2 * (other - squaredDistances[nearest]!))) / 2);
  });
  return best;
}
