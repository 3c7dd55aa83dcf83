import fc from 'fast-check';

/** A binomial experiment: `trials` trials with success probability `p`, and a miscoverage level `alpha`. */
export interface BinomialCase {
  readonly trials: number;
  readonly p: number;
  readonly alpha: number;
}

/** Binomial experiments small enough to enumerate every outcome exactly; defaults: trials ≤ 60, alpha in [1e-4, 0.3]. */
export function binomialCaseArbitrary(maxTrials = 60): fc.Arbitrary<BinomialCase> {
  if (!Number.isInteger(maxTrials) || maxTrials < 1)
    throw new RangeError(`binomialCaseArbitrary: maxTrials must be an integer >= 1, got ${maxTrials}`);
  return fc.record({
    trials: fc.integer({ min: 1, max: maxTrials }),
    p: fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
    alpha: fc.double({ min: 1e-4, max: 0.3, noNaN: true }),
  });
}
