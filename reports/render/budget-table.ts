import type { ClaimRecord, PeakRss, RunResults } from '../run/run-results';

/** The time budget's columns (issue 15): each claim's wall time split into training and evaluation. */
export const BUDGET_COLUMNS = ['Claim', 'Training s', 'Evaluation s', 'Total s'] as const;

/** Seconds to one decimal; '—' where a run made before the split was recorded lacks them. */
function secondsCell(value: number | undefined): string {
  return value === undefined ? '—' : value.toFixed(1);
}

/**
 * The budget table's rows: each claim that ran, its training time (pre-training, training or
 * loading a cached checkpoint), evaluation time (the rest) and total, then the sums over them.
 * Empty when no claim ran.
 */
export function budgetRows(results: RunResults): string[][] {
  const ran = results.claims.filter((c) => c.seconds !== undefined);
  if (ran.length === 0) return [];
  const times = (c: ClaimRecord) => [c.trainingSeconds, c.evaluationSeconds, c.seconds];
  const totals = [0, 1, 2].map((column) =>
    ran.every((c) => times(c)[column] !== undefined) ? ran.reduce((s, c) => s + times(c)[column]!, 0) : undefined,
  );
  return [...ran.map((c) => [c.id, ...times(c).map(secondsCell)]), ['total', ...totals.map(secondsCell)]];
}

/** Peak RSS as the reports show it, e.g. "1210.4 MiB (tvem reproduce), 655.2 MiB (largest pre-training worker)". */
export function peakRssText(peakRss: PeakRss | undefined): string {
  if (peakRss === undefined) return 'not recorded';
  const workers = peakRss.workersMiB === undefined ? '' : `, ${peakRss.workersMiB.toFixed(1)} MiB (largest pre-training worker)`;
  return `${peakRss.processMiB.toFixed(1)} MiB (tvem reproduce)${workers}`;
}

/**
 * The line under the budget table: the run's wall time from start to finish (below the total when
 * claims ran at once, with --jobs or shards) and its peak RSS.
 */
export function budgetNote(results: RunResults): string {
  const wall = (Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000;
  const wallText = Number.isFinite(wall)
    ? `Run wall time ${wall.toFixed(1)} s, start to finish (less than the total when claims ran at once). `
    : '';
  return `${wallText}Peak RSS: ${peakRssText(results.environment.peakRss)}.`;
}
