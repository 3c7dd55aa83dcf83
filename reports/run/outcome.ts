import type { CheckKind } from '../../bounds/registry';
import { writeReport } from '../render/write-report';
import type { RunResults } from './run-results';

export interface ReproduceOutcome {
  readonly results: RunResults;
  readonly exitCode: 0 | 1 | 2;
}

/** The kinds whose violation fails a run (CLAIMS.md §3): not 'trend' (a verdict but no hard test failure), not 'report' (no verdict). */
export const FAILING_KINDS = ['exact', 'bound', 'statistical'] as const satisfies readonly CheckKind[];

/**
 * Exit code of a run (issue 6): 2 when a check errored; 1 when a claim of a FAILING_KINDS kind is
 * violated; else 0. A violated trend claim is still shown as violated in the report but does not
 * fail the run; a report claim (verdict 'reported') has no verdict and never fails it.
 */
export function exitCodeOf(results: RunResults): 0 | 1 | 2 {
  if (results.claims.some((c) => c.status === 'error')) return 2;
  const fails = (kind: CheckKind): boolean => (FAILING_KINDS as readonly CheckKind[]).includes(kind);
  if (results.claims.some((c) => fails(c.kind) && c.result?.verdict === 'violated')) return 1;
  return 0;
}

/** Writes results.json and the reports into `out` and returns the run's outcome. */
export async function finishRun(out: string, results: RunResults): Promise<ReproduceOutcome> {
  await writeReport(out, results);
  return { results, exitCode: exitCodeOf(results) };
}
