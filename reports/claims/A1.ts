import { claimEntry } from '../../bounds/registry';
import { mislabelRate } from '../../theory/mislabel';
import { bruteForceMislabelRate } from '../../theory/mislabel-brute-force';
import type { Rng } from '../../theory/rng';
import { samePartition } from '../../theory/same-partition';
import type { ClaimCheck } from './kit/claim-check';
import { SmallestCase } from './kit/smallest-case';

const entry = claimEntry('A1');
const { maxBruteForceK, tolerance } = entry.constants;

interface Case {
  readonly k: number;
  readonly predicted: number[];
  readonly truth: number[];
}

/** A1: random labellings (uniform, or a noisy copy of the truth) checked four ways. */
export const check: ClaimCheck = {
  id: 'A1',
  async run({ rng, quick, progress }) {
    const cases = quick ? 300 : 3000;
    const failures = new SmallestCase<Case & { reason: string }>();
    let worstGap = 0;
    let coinciding = 0;
    for (let c = 0; c < cases; c++) {
      const sample = drawCase(rng.split(c));
      const { k, predicted, truth } = sample;
      const h = mislabelRate(predicted, truth, k);
      const reasons: string[] = [];
      const gap = Math.abs(h - bruteForceMislabelRate(predicted, truth, k));
      worstGap = Math.max(worstGap, gap);
      if (gap > tolerance) reasons.push(`differs from brute force by ${gap}`);
      const shift = predicted.map((a) => (a + 1) % k);
      if (Math.abs(mislabelRate(shift, truth, k) - h) > tolerance) reasons.push('changes under relabelling');
      if (h < 0 || h > 1 - 1 / k + tolerance) reasons.push(`h = ${h} outside [0, 1 − 1/k]`);
      const same = samePartition(predicted, truth);
      if (same) coinciding++;
      if ((h === 0) !== same) reasons.push('h = 0 does not match partition equality');
      if (reasons.length > 0) failures.offer(truth.length * k, { ...sample, reason: reasons.join('; ') });
      if (c % 100 === 0) progress.tick(c, cases);
    }
    progress.tick(cases, cases);
    const verdict = failures.count === 0 ? 'holds' : 'violated';
    return {
      id: 'A1',
      verdict,
      summary: `${cases} labellings with k ≤ ${maxBruteForceK}: worst |Hungarian − brute force| = ${worstGap.toExponential(2)} (tolerance ${tolerance}); ${coinciding} with coinciding partitions, ${cases - coinciding} without; ${failures.count} failures`,
      numbers: {
        cases,
        worstGapToBruteForce: worstGap,
        tolerance,
        casesWithCoincidingPartitions: coinciding,
        casesWithDifferentPartitions: cases - coinciding,
        failures: failures.count,
      },
      samples: cases,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
    };
  },
};

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
