import fc from 'fast-check';

/** The shape and random stream of one multi-head self-attention input. */
export interface AttentionCase {
  readonly batch: number;
  readonly tokens: number;
  readonly heads: number;
  /** Query/key/value columns per head; not always a multiple of the kernel's four SIMD lanes. */
  readonly headWidth: number;
  /** Token width D. */
  readonly width: number;
  /** Standard deviation of the query weights: large values give near one-hot attention rows. */
  readonly queryScale: number;
  /** Seed of the tokens and weights. */
  readonly seed: number;
}

/** Constraints of `attentionCaseArbitrary`. */
export interface AttentionCaseConstraints {
  /** Largest B; default 3. */
  readonly maxBatch?: number;
  /** Largest T; default 9. */
  readonly maxTokens?: number;
  /** Largest H; default 3. */
  readonly maxHeads?: number;
  /** Largest width per head; default 9. */
  readonly maxHeadWidth?: number;
}

function positiveInteger(name: string, value: number): number {
  if (!(Number.isInteger(value) && value >= 1))
    throw new RangeError(`attentionCaseArbitrary: ${name} must be an integer >= 1, got ${value}`);
  return value;
}

/** Small attention inputs of every shape the kernel's loops distinguish (T and dh below, at and above 4). */
export function attentionCaseArbitrary(constraints: AttentionCaseConstraints = {}): fc.Arbitrary<AttentionCase> {
  const maxBatch = positiveInteger('maxBatch', constraints.maxBatch ?? 3);
  const maxTokens = positiveInteger('maxTokens', constraints.maxTokens ?? 9);
  const maxHeads = positiveInteger('maxHeads', constraints.maxHeads ?? 3);
  const maxHeadWidth = positiveInteger('maxHeadWidth', constraints.maxHeadWidth ?? 9);
  return fc.record({
    batch: fc.integer({ min: 1, max: maxBatch }),
    tokens: fc.integer({ min: 1, max: maxTokens }),
    heads: fc.integer({ min: 1, max: maxHeads }),
    headWidth: fc.integer({ min: 1, max: maxHeadWidth }),
    width: fc.integer({ min: 1, max: 12 }),
    queryScale: fc.constantFrom(0.3, 1, 3),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  });
}
