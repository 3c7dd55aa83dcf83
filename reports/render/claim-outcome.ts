import type { Verdict } from '../claims/kit/claim-check';
import type { ClaimRecord } from '../run/run-results';

/** What the reports show for a claim: its verdict, or why it has none. */
export type ClaimOutcome = Verdict | 'not implemented' | 'not selected' | 'error';

export function claimOutcome(record: ClaimRecord): ClaimOutcome {
  if (record.status !== 'implemented') return record.status;
  // The schema requires a result for an implemented claim; a missing one is shown as an error.
  return record.result?.verdict ?? 'error';
}
