import { writeReport } from '../render/write-report';
import type { RunResults } from './run-results';

export interface ReproduceOutcome {
  readonly results: RunResults;
  readonly exitCode: 0 | 1 | 2;
}

/**
 * Exit code of a run (issue 6): 2 when a check errored; 1 when a claim whose kind is not 'trend'
 * is violated; else 0. A violated trend claim (CLAIMS.md §3: a verdict but no hard test failure) is
 * still shown as violated in the report but does not fail the run.
 */
export function exitCodeOf(results: RunResults): 0 | 1 | 2 {
  if (results.claims.some((c) => c.status === 'error')) return 2;
  if (results.claims.some((c) => c.kind !== 'trend' && c.result?.verdict === 'violated')) return 1;
  return 0;
}

/** Writes results.json and the reports into `out` and returns the run's outcome. */
export async function finishRun(out: string, results: RunResults): Promise<ReproduceOutcome> {
  await writeReport(out, results);
  return { results, exitCode: exitCodeOf(results) };
}
