/**
 * The random streams of one training run, split from its seed: the initial weights, the
 * mini-batches (split again by step) and the validation set of early stopping (claims B3, C3, D2,
 * F3, F4, G1).
 */
export const TRAINING_STREAMS = { weights: 0, batches: 1, validation: 2 } as const;
