import { e2LargestStableRadius, e2MoveCenters, e2Nearest, e2SquaredDistances, e2StabilitySlack } from '../../bounds/e2-margin-stability';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck } from './kit/claim-check';
import { SmallestCase } from './kit/smallest-case';

function randomVector(rng: Rng, d: number, scale: number): Float64Array {
  return Float64Array.from({ length: d }, () => scale * (2 * rng.uniform() - 1));
}

/**
 * E2: random points and centers (k ≤ 6, d ≤ 4), ε at a share in (0, 1) of the largest radius
 * where the condition holds; every center moved by exactly ε, adversarially or at random. The
 * label must not change, and the new gap must be at least slack + 2ε² (the proof's bound).
 */
export const check: ClaimCheck = {
  id: 'E2',
  async run({ rng, quick, progress }) {
    const cases = quick ? 2000 : 20000;
    const failures = new SmallestCase<{ x: number[]; centers: number[][]; epsilon: number; adversarial: boolean; reason: string }>();
    let tested = 0;
    let tightest = Infinity;
    for (let c = 0; c < cases; c++) {
      const caseRng = rng.split(c);
      const k = 2 + caseRng.int(5);
      const d = 1 + caseRng.int(4);
      const x = randomVector(caseRng, d, 5);
      const centers = Array.from({ length: k }, () => randomVector(caseRng, d, 5));
      const distances = e2SquaredDistances(x, centers);
      const nearest = e2Nearest(distances);
      const epsilon = (0.01 + 0.99 * caseRng.uniform()) * e2LargestStableRadius(distances, nearest);
      if (c % 500 === 0) progress.tick(c, cases);
      if (!(epsilon > 1e-6)) continue;
      const slack = e2StabilitySlack(distances, nearest, epsilon);
      if (!(slack > 0)) continue;
      tested++;
      const adversarial = c % 2 === 0;
      // every center moves by exactly ε: adversarially, or along a random direction
      const moves = centers.map(() => ({ direction: randomVector(caseRng, d, 1), lengthShare: 1, adversarial }));
      const moved = e2SquaredDistances(x, e2MoveCenters(x, centers, nearest, epsilon, moves));
      const reasons: string[] = [];
      if (e2Nearest(moved) !== nearest) reasons.push('label changed');
      moved.forEach((db, b) => {
        if (b === nearest) return;
        const excess = db - moved[nearest]! - (slack + 2 * epsilon * epsilon);
        tightest = Math.min(tightest, excess / (1 + db));
        if (excess < -1e-9 * (1 + db)) reasons.push(`gap to ${b} below slack + 2ε² by ${-excess}`);
      });
      if (reasons.length > 0)
        failures.offer(k * d, {
          x: Array.from(x),
          centers: centers.map((m) => Array.from(m)),
          epsilon,
          adversarial,
          reason: reasons.join('; '),
        });
    }
    progress.tick(cases, cases);
    return {
      id: 'E2',
      verdict: tested === 0 ? 'inconclusive' : failures.count === 0 ? 'holds' : 'violated',
      summary: `${tested} (point, centers, ε) cases inside the condition, half moved adversarially: ${failures.count} label changes or gaps below the proof's bound; tightest (new gap − bound)/(1 + D_b) = ${(Number.isFinite(tightest) ? tightest : 0).toExponential(2)}`,
      numbers: { cases, tested, failures: failures.count, tightestRelativeExcess: Number.isFinite(tightest) ? tightest : 0 },
      samples: tested,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
      notes: [
        'An adversarial move is exactly tight for the triangle inequalities used in the proof when x, μ_a* and μ_b are collinear; the extra 2ε² in the condition is then the remaining gap.',
      ],
    };
  },
};
