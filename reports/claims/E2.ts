import { e2LargestStableRadius, e2MoveCenters, e2Nearest, e2SquaredDistances, e2StabilitySlack } from '../../bounds/e2-margin-stability';
import type { ProvedClaim } from '../../bounds/proofs/check-steps';
import { e2ProofScopes } from '../../bounds/proofs/e2-steps';
import { CLAIMS } from '../../bounds/registry';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck, ClaimResult } from './kit/claim-check';
import { limitHeadline, shown } from './kit/headline';
import { ProofTally, withProof } from './kit/proof-check';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

function randomVector(rng: Rng, d: number, scale: number): Float64Array {
  return Float64Array.from({ length: d }, () => scale * (2 * rng.uniform() - 1));
}

/** E2's sizes: drawn (point, centers, ε) cases. */
interface E2Scale {
  readonly cases: number;
}

/** The new gap may fall below slack + 2ε² by this much relative to 1 + D_b (float64 rounding). */
const GAP_RELATIVE_SLACK = 1e-9;
/** ε is drawn at a share in [MIN_RADIUS_SHARE, 1) of the largest stable radius. */
const MIN_RADIUS_SHARE = 0.01;
/** Cases whose ε is below this are skipped (measure zero). */
const MIN_EPSILON = 1e-6;

interface Failure {
  readonly x: number[];
  readonly centers: number[][];
  readonly epsilon: number;
  readonly adversarial: boolean;
  readonly reason: string;
}

/** One case inside the condition: the failure if any, and the tightest (new gap − bound)/(1 + D_b). */
interface Tested {
  readonly failure?: Failure;
  readonly k: number;
  readonly d: number;
  readonly epsilon: number;
  readonly adversarial: boolean;
  readonly tightest: number;
}

/**
 * How E2 moves the centers: each by at most ε, as `moves` says. The claim's subject is
 * e2MoveCenters; a negative control breaks it (properties/negative-controls-d1-e1-e2.test.ts).
 */
export type E2MoveCenters = typeof e2MoveCenters;

/**
 * E2: random points and centers (k ≤ 6, d ≤ 4), ε at a share in (0, 1) of the largest radius
 * where the condition holds; every center moved by exactly ε, adversarially or at random. The
 * label must not change, and the new gap must be at least slack + 2ε² (the proof's bound). Every
 * step of E2's proof (`claim`'s steps: the registry's, or a variant) is checked on every tested case.
 */
export function e2Check(claim: ProvedClaim = CLAIMS.E2, moveCenters: E2MoveCenters = e2MoveCenters): ClaimCheck<E2Scale> {
  return {
    id: 'E2',
    scales: { quick: { cases: 2000 }, default: { cases: 20000 } },
    async run({ rng, scale, progress, steps }) {
      const { cases } = scale;
      const failures = new SmallestCase<Failure>();
      const proof = new ProofTally(claim, steps);
      let tested = 0;
      let tightest = Infinity;
      let tightestAt = 'in no case (none tested)';
      for (let c = 0; c < cases; c++) {
        if (c % 500 === 0) progress.tick(c, cases);
        const outcome = measureCase(rng.split(c), c % 2 === 0, c, moveCenters, proof); // stream c: case c; even cases move adversarially
        if (!outcome) continue;
        tested++;
        if (!(outcome.tightest >= tightest)) [tightest, tightestAt] = [outcome.tightest, caseOf(c, outcome)];
        if (outcome.failure) failures.offer(outcome.k * outcome.d, outcome.failure);
      }
      progress.tick(cases, cases);
      const result = present(cases, tested, { excess: Number.isFinite(tightest) ? tightest : 0, where: tightestAt }, failures);
      return { ...result, ...withProof(result, proof.summary()) };
    },
  };
}

export const check = e2Check();

/** The check's own result, before the proof is added. */
function present(cases: number, tested: number, tightest: { excess: number; where: string }, failures: SmallestCase<Failure>): ClaimResult {
  const tightestExcess = tightest.excess;
  return {
    id: 'E2',
    verdict: verdictOf({ violations: failures.count, unresolved: tested === 0 ? 1 : 0 }),
    summary: `${tested} (point, centers, ε) cases inside the condition, half moved adversarially: ${failures.count} label changes or gaps below the proof's bound; tightest (new gap − bound)/(1 + D_b) = ${tightestExcess.toExponential(2)}`,
    // E2: the new gap against the proof's bound slack + 2ε², relative to 1 + D_b, with its float64 rounding slack; a changed label fails it too.
    headline: limitHeadline({
      quantity: '(new gap − (slack + 2ε²)) / (1 + D_b)',
      side: 'at least',
      limit: -GAP_RELATIVE_SLACK,
      measured: tightestExcess,
      where: tightest.where,
    }),
    numbers: { cases, tested, failures: failures.count, tightestRelativeExcess: tightestExcess },
    samples: tested,
    failureProbability: 0,
    ...(failures.value ? { counterexample: failures.value } : {}),
    notes: [
      'An adversarial move is exactly tight for the triangle inequalities used in the proof when x, μ_a* and μ_b are collinear; the extra 2ε² in the condition is then the remaining gap.',
      'Proof: E2.1 per center and E2.2 per b ≠ a* evaluated on every case inside the condition, with the moved centers as drawn.',
    ],
  };
}

/** One drawn case, or `undefined` when it falls outside the condition (ε or the slack not positive). */
function measureCase(caseRng: Rng, adversarial: boolean, c: number, moveCenters: E2MoveCenters, proof: ProofTally): Tested | undefined {
  const k = 2 + caseRng.int(5);
  const d = 1 + caseRng.int(4);
  const x = randomVector(caseRng, d, 5);
  const centers = Array.from({ length: k }, () => randomVector(caseRng, d, 5));
  const distances = e2SquaredDistances(x, centers);
  const nearest = e2Nearest(distances);
  const epsilon = (MIN_RADIUS_SHARE + (1 - MIN_RADIUS_SHARE) * caseRng.uniform()) * e2LargestStableRadius(distances, nearest);
  if (!(epsilon > MIN_EPSILON)) return undefined;
  const slack = e2StabilitySlack(distances, nearest, epsilon);
  if (!(slack > 0)) return undefined;
  // every center moves by exactly ε: adversarially, or along a random direction
  const moves = centers.map(() => ({ direction: randomVector(caseRng, d, 1), lengthShare: 1, adversarial }));
  const movedCenters = moveCenters(x, centers, nearest, epsilon, moves);
  const moved = e2SquaredDistances(x, movedCenters);
  const plain = (vs: readonly ArrayLike<number>[]) => vs.map((v) => Array.from(v));
  proof.add(
    `case ${c}`,
    e2ProofScopes({ x: Array.from(x), centers: plain(centers), movedCenters: plain(movedCenters), epsilon }),
    k * d,
    () => ({
      x: Array.from(x),
      centers: plain(centers),
      movedCenters: plain(movedCenters),
      epsilon,
      adversarial,
    }),
  );
  const reasons: string[] = [];
  if (e2Nearest(moved) !== nearest) reasons.push('label changed');
  let tightest = Infinity;
  moved.forEach((db, b) => {
    if (b === nearest) return;
    const excess = db - moved[nearest]! - (slack + 2 * epsilon * epsilon);
    tightest = Math.min(tightest, excess / (1 + db));
    if (excess < -GAP_RELATIVE_SLACK * (1 + db)) reasons.push(`gap to ${b} below slack + 2ε² by ${-excess}`);
  });
  if (reasons.length === 0) return { k, d, epsilon, adversarial, tightest };
  const failure = { x: Array.from(x), centers: centers.map((m) => Array.from(m)), epsilon, adversarial, reason: reasons.join('; ') };
  return { failure, k, d, epsilon, adversarial, tightest };
}

/** Case c as the headline names it. */
function caseOf(c: number, { k, d, epsilon, adversarial }: Tested): string {
  return `at case ${c} (k=${k}, d=${d}, ε=${shown(epsilon)}, ${adversarial ? 'adversarial' : 'random'} move)`;
}
