import { claimEntry } from '../../bounds/registry';
import { mislabelRate } from '../../theory/mislabel';
import { bruteForceMislabelRate } from '../../theory/mislabel-brute-force';
import { samePartition } from '../../theory/same-partition';
import type { Rng } from '../../theory/rng';
import type { ClaimCheck } from '../claim-check';
import { SmallestCase } from '../smallest-case';

const entry = claimEntry('A1');
const { maxBruteForceK, tolerance } = entry.constants as { maxBruteForceK: number; tolerance: number };

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
      if ((h === 0) !== samePartition(predicted, truth)) reasons.push('h = 0 does not match partition equality');
      if (reasons.length > 0) failures.offer(truth.length * k, { ...sample, reason: reasons.join('; ') });
      if (c % 100 === 0) progress.tick(c, cases);
    }
    progress.tick(cases, cases);
    const verdict = failures.count === 0 ? 'holds' : 'violated';
    return {
      id: 'A1',
      verdict,
      summary: `${cases} labellings with k ≤ ${maxBruteForceK}: worst |Hungarian − brute force| = ${worstGap.toExponential(2)} (tolerance ${tolerance}); ${failures.count} failures`,
      numbers: { cases, worstGapToBruteForce: worstGap, tolerance, failures: failures.count },
      samples: cases,
      failureProbability: 0,
      ...(failures.value ? { counterexample: failures.value } : {}),
    };
  },
};

function drawCase(rng: Rng): Case {
  const k = 1 + rng.int(maxBruteForceK);
  const n = 1 + rng.int(40);
  const truth = Array.from({ length: n }, () => rng.int(k));
  // Half the cases are a relabelled truth with a few flips, where h is small and exact ties are likely.
  const noisyCopy = rng.uniform() < 0.5;
  const perm = rng.shuffle([...Array(k).keys()]);
  const predicted = truth.map((z) => (noisyCopy && rng.uniform() > 0.2 ? perm[z]! : rng.int(k)));
  return { k, predicted, truth };
}
