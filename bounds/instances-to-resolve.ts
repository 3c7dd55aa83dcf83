import { hoeffdingDeviation } from './hoeffding';

/** The smallest count the planner tries: fewer instances never resolve a test of claim F3's size. */
const FEWEST_INSTANCES = 16;

/**
 * The slack meanSlack (training-slack.ts) would give `instances` values in an interval of width
 * `range` whose unbiased sample variance is `variance`: min(Hoeffding, empirical Bernstein) at α/2 each.
 */
export function plannedSlack(instances: number, range: number, alpha: number, variance: number): number {
  const log = Math.log(4 / alpha);
  return Math.min(
    hoeffdingDeviation(instances, alpha / 2, range),
    Math.sqrt((2 * variance * log) / instances) + (7 * range * log) / (3 * (instances - 1)),
  );
}

/**
 * The fewest instances r ≥ 16 whose planned slack (at the planned variance) is ≤ `target`, by
 * doubling then bisection, at most `cap` (claim F3's tests; CLAIMS.md §4: sizes planned before the
 * data). The tests use the sample variance, so they resolve as planned when it is at most the
 * planned one.
 */
export function instancesForSlack(target: number, range: number, alpha: number, variance: number, cap: number): number {
  const slack = (r: number): number => plannedSlack(r, range, alpha, variance);
  let r = FEWEST_INSTANCES;
  while (slack(r) > target && r < cap) r = Math.min(cap, 2 * r);
  let low = r / 2;
  while (r - low > 1 && r > FEWEST_INSTANCES && slack(r) <= target) {
    const mid = Math.floor((low + r) / 2);
    if (slack(mid) <= target) r = mid;
    else low = mid;
  }
  return Math.min(r, cap);
}

/**
 * The deviation planned for `instances` values in an interval of width `range` whose mean is
 * bound/2: plannedSlack with the sample variance replaced by its worst case p(1 − p) for a
 * [0, 1] variable of mean p = bound/2.
 */
export function plannedDeviation(instances: number, bound: number, range: number, alpha: number): number {
  const p = bound / 2;
  return plannedSlack(instances, range, alpha, p * (1 - p));
}

/**
 * Claim F3 (a): instances needed so that, when the true mean error is at most half the bound, the
 * upper confidence bound mean + slack confirms error ≤ bound: instancesForSlack(bound/2) at the
 * worst-case variance p(1 − p), p = bound/2.
 */
export function instancesToResolve(bound: number, range: number, alpha: number, cap: number): number {
  const p = bound / 2;
  return instancesForSlack(p, range, alpha, p * (1 - p), cap);
}
