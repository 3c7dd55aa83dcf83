import type { ClaimId } from '../../bounds/registry';
import { Rng } from '../../theory/rng';

/**
 * The random stream id of each claim: its check's Rng is `new Rng(seed).split(CLAIM_STREAM_IDS[id])`,
 * so a claim's results depend only on the run seed and this id (replaying one claim alone gives the
 * same numbers). The ids are the claims' positions in the registry when streams were introduced;
 * they are fixed here so that reordering or adding claims never changes another claim's results.
 */
export const CLAIM_STREAM_IDS: Readonly<Record<ClaimId, number>> = {
  A1: 0,
  A2: 1,
  A3: 2,
  B1: 3,
  B2: 4,
  B3: 5,
  C1: 6,
  C2: 7,
  C3: 8,
  D1: 9,
  D2: 10,
  E1: 11,
  E2: 12,
  E3: 13,
  F1: 14,
  F2: 15,
  F3: 16,
  F4: 17,
  G1: 18,
};

/** The claim's own random stream, split from the run seed. */
export function claimRng(seed: number, id: ClaimId): Rng {
  return new Rng(seed).split(CLAIM_STREAM_IDS[id]);
}
