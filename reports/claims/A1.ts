import { claimEntry } from '../../bounds/registry';
import { mislabelRate as optimalAssignmentRate } from '../../theory/mislabel';
import { bruteForceMislabelRate } from '../../theory/mislabel-brute-force';
import type { Rng } from '../../theory/rng';
import { samePartition } from '../../theory/same-partition';
import type { ClaimCheck, Headline } from './kit/claim-check';
import { limitHeadline, tightestLimit } from './kit/headline';
import { SmallestCase } from './kit/smallest-case';
import { verdictOf } from './kit/verdict';

const { maxBruteForceK, tolerance } = claimEntry('A1').constants;

interface Case {
  readonly k: number;
  readonly predicted: number[];
  readonly truth: number[];
}

/** A1's sizes: labellings drawn. */
interface A1Scale {
  readonly cases: number;
}

/** Random relabellings of ẑ per case (Fisher–Yates from the case's rng). */
const RELABELLINGS = 3;

/** The mislabel rate h(ẑ, z) as A1 checks it. */
export type MislabelRate = (predicted: ArrayLike<number>, truth: ArrayLike<number>, k: number) => number;

/** What A1 checks, injectable for its negative control (properties/negative-controls-f2-a1.test.ts). */
export interface A1Subject {
  readonly mislabelRate: MislabelRate;
}

/** A1: random labellings (uniform, or a noisy copy of the truth) checked four ways. */
export function a1Check(subject: Partial<A1Subject> = {}): ClaimCheck<A1Scale> {
  const mislabelRate = subject.mislabelRate ?? optimalAssignmentRate;
  return {
    id: 'A1',
    scales: { quick: { cases: 300 }, default: { cases: 3000 } },
    async run({ rng, scale, progress }) {
      const { cases } = scale;
      const failures = new SmallestCase<Case & { reason: string }>();
      let worstGap = 0;
      let worst = { measured: 0, where: `in all ${cases} labellings` };
      let coinciding = 0;
      for (let c = 0; c < cases; c++) {
        const caseRng = rng.split(c);
        const sample = drawCase(caseRng);
        const { gap, relabellingChange, same, reasons } = judgeCase(sample, mislabelRate, caseRng);
        worstGap = Math.max(worstGap, gap);
        const deviation = Math.max(gap, relabellingChange);
        if (!(deviation <= worst.measured))
          worst = { measured: deviation, where: `at case ${c} (k=${sample.k}, n=${sample.truth.length})` };
        if (same) coinciding++;
        if (reasons.length > 0) failures.offer(sample.truth.length * sample.k, { ...sample, reason: reasons.join('; ') });
        if (c % 100 === 0) progress.tick(c, cases);
      }
      progress.tick(cases, cases);
      return {
        id: 'A1',
        verdict: verdictOf({ violations: failures.count, unresolved: 0 }),
        summary: `${cases} labellings with k ≤ ${maxBruteForceK}: worst |Hungarian − brute force| = ${worstGap.toExponential(2)} (tolerance ${tolerance}); ${RELABELLINGS} random permutations of ẑ per case; ${coinciding} with coinciding partitions, ${cases - coinciding} without; ${failures.count} failures`,
        headline: headlineOf(worst, failures.count, cases),
        numbers: {
          cases,
          worstGapToBruteForce: worstGap,
          tolerance,
          relabellingsPerCase: RELABELLINGS,
          casesWithCoincidingPartitions: coinciding,
          casesWithDifferentPartitions: cases - coinciding,
          failures: failures.count,
        },
        samples: cases,
        failureProbability: 0,
        ...(failures.value ? { counterexample: failures.value } : {}),
        notes: [
          `Relabelling invariance is checked under ${RELABELLINGS} uniformly random permutations of [k] per case (Fisher–Yates from the case's own stream), not only cyclic shifts.`,
        ],
      };
    },
  };
}

export const check = a1Check();

/** A1's row: the tolerance checks give the margin; a labelling failing any of the four checks (range and h = 0 iff same partition included) makes it negative. */
function headlineOf(worst: { measured: number; where: string }, failures: number, cases: number): Headline {
  return limitHeadline(
    tightestLimit([
      { quantity: 'largest |h − brute force| and |h(π∘ẑ) − h(ẑ)| over the labellings', side: 'at most', limit: tolerance, ...worst },
      {
        quantity: 'labellings failing any of the four checks',
        side: 'at most',
        limit: 0,
        measured: failures,
        where: `among ${cases} labellings`,
      },
    ]),
  );
}

/**
 * The four checks of A1 on one labelling: brute force, invariance under random relabellings,
 * range, and h = 0 iff the partitions coincide.
 */
function judgeCase(
  { k, predicted, truth }: Case,
  mislabelRate: MislabelRate,
  rng: Rng,
): { gap: number; relabellingChange: number; same: boolean; reasons: string[] } {
  const h = mislabelRate(predicted, truth, k);
  const reasons: string[] = [];
  const gap = Math.abs(h - bruteForceMislabelRate(predicted, truth, k));
  if (gap > tolerance) reasons.push(`differs from brute force by ${gap}`);
  let relabellingChange = 0;
  for (let r = 0; r < RELABELLINGS; r++) {
    const perm = rng.shuffle([...Array(k).keys()]);
    const relabelled = mislabelRate(
      predicted.map((a) => perm[a]!),
      truth,
      k,
    );
    relabellingChange = Math.max(relabellingChange, Math.abs(relabelled - h));
    if (Math.abs(relabelled - h) > tolerance) reasons.push(`changes under the relabelling [${perm.join(', ')}]: ${h} → ${relabelled}`);
  }
  if (h < 0 || h > 1 - 1 / k + tolerance) reasons.push(`h = ${h} outside [0, 1 − 1/k]`);
  const same = samePartition(predicted, truth);
  if ((h === 0) !== same) reasons.push('h = 0 does not match partition equality');
  return { gap, relabellingChange, same, reasons };
}

/**
 * A third of the cases are uniform labellings; a third a relabelled truth with flips at rate
 * 0.2 (h small, exact ties likely); a third a relabelled truth with 0 to 2 flips (the partitions
 * often coincide, exercising the "if" direction of h = 0 iff they coincide).
 */
function drawCase(rng: Rng): Case {
  const k = 1 + rng.int(maxBruteForceK);
  const n = 1 + rng.int(40);
  const truth = Array.from({ length: n }, () => rng.int(k));
  const mode = rng.int(3);
  if (mode === 0) return { k, predicted: truth.map(() => rng.int(k)), truth };
  const perm = rng.shuffle([...Array(k).keys()]);
  if (mode === 1) return { k, predicted: truth.map((z) => (rng.uniform() > 0.2 ? perm[z]! : rng.int(k))), truth };
  const predicted = truth.map((z) => perm[z]!);
  const flips = rng.int(3);
  for (let f = 0; f < flips; f++) predicted[rng.int(n)] = rng.int(k);
  return { k, predicted, truth };
}
