import { hoeffdingDeviation } from './hoeffding';

/** The smallest count the planner tries: fewer instances never resolve a bound test of claim F3's size. */
const FEWEST_INSTANCES = 16;

/**
 * The deviation planned for `instances` values in an interval of width `range` whose mean is
 * bound/2: min(Hoeffding, empirical Bernstein) at α/2 each, as meanSlack computes it, with the
 * sample variance replaced by its worst case p(1 − p) for a [0, 1] variable of mean p = bound/2.
 */
export function plannedDeviation(instances: number, bound: number, range: number, alpha: number): number {
  const p = bound / 2;
  const log = Math.log(4 / alpha);
  return Math.min(
    hoeffdingDeviation(instances, alpha / 2, range),
    Math.sqrt((2 * p * (1 - p) * log) / instances) + (7 * range * log) / (3 * (instances - 1)),
  );
}

/**
 * Instances needed so that, when the true mean error is at most half the bound, the upper
 * confidence bound mean + min(Hoeffding, empirical Bernstein) at α confirms error ≤ bound
 * (claim F3's bound tests; CLAIMS.md §4): the fewest r ≥ 16 with plannedDeviation(r) ≤ bound/2,
 * by doubling then bisection, at most `cap`. The test itself uses the sample variance, so it
 * resolves at least as often as planned.
 */
export function instancesToResolve(bound: number, range: number, alpha: number, cap: number): number {
  const p = bound / 2;
  const deviation = (r: number): number => plannedDeviation(r, bound, range, alpha);
  let r = FEWEST_INSTANCES;
  while (deviation(r) > p && r < cap) r = Math.min(cap, 2 * r);
  let low = r / 2;
  while (r - low > 1 && r > FEWEST_INSTANCES && deviation(r) <= p) {
    const mid = Math.floor((low + r) / 2);
    if (deviation(mid) <= p) r = mid;
    else low = mid;
  }
  return Math.min(r, cap);
}
