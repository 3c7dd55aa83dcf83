import { fail } from '../theory/validate';

/**
 * Claim E2's condition for a point x with nearest center a*: for every b ≠ a*,
 *   ‖x − μ_b‖² − ‖x − μ_a*‖² > 2ε(‖x − μ_a*‖ + ‖x − μ_b‖) + 2ε².
 * Then moving every center by at most ε leaves the label of x unchanged. Inputs are the squared
 * distances from x to each center; returns the smallest slack (left side minus right side) over
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

/** Squared distances ‖x − μ_a‖² from a point to each center (claim E2's inputs). */
export function e2SquaredDistances(x: ArrayLike<number>, centers: readonly ArrayLike<number>[]): number[] {
  return centers.map((mu) => {
    let s = 0;
    for (let c = 0; c < mu.length; c++) s += (x[c]! - mu[c]!) ** 2;
    return s;
  });
}

/** The index of the smallest value; ties to the smallest index (the hard E-step's rule). */
export function e2Nearest(values: readonly number[]): number {
  return values.reduce((best, v, a) => (v < values[best]! ? a : best), 0);
}

/** How one center moves in an E2 check. */
export interface E2Move {
  /** Used when not adversarial; any non-zero vector (a zero one is replaced by e_1). */
  readonly direction: ArrayLike<number>;
  /** The move's length as a share in [0, 1] of ε (ignored when adversarial: those move by ε). */
  readonly lengthShare: number;
  /** Adversarial: the nearest center moves straight away from x, every other straight towards x. */
  readonly adversarial: boolean;
}

/**
 * Moves each center by at most ε as `moves` says (claim E2's hypothesis). Adversarial moves are
 * the ones for which the proof's triangle inequalities are tight; a center at x (or a zero
 * direction) has no direction and moves along e_1.
 */
export function e2MoveCenters(
  x: ArrayLike<number>,
  centers: readonly ArrayLike<number>[],
  nearest: number,
  epsilon: number,
  moves: readonly E2Move[],
): number[][] {
  if (moves.length !== centers.length) fail('moves length', moves.length, `equal to the number of centers (${centers.length})`);
  return centers.map((mu, a) => {
    const move = moves[a]!;
    const d = mu.length;
    let direction = Array.from({ length: d }, (_, j) =>
      move.adversarial ? (a === nearest ? mu[j]! - x[j]! : x[j]! - mu[j]!) : move.direction[j]!,
    );
    if (!(Math.hypot(...direction) > 1e-150)) direction = direction.map((_, j) => (j === 0 ? 1 : 0));
    const length = (move.adversarial ? 1 : move.lengthShare) * epsilon;
    const scale = length / Math.hypot(...direction);
    return Array.from({ length: d }, (_, j) => mu[j]! + scale * direction[j]!);
  });
}
