import { readFileSync } from 'node:fs';
import { BUDGET_COLUMNS, budgetNote, budgetRows } from '../reports/render/budget-table';
import { markdownTable } from '../reports/render/markdown-syntax';
import { validateResults } from '../reports/render/validate-results';
import type { RunResults } from '../reports/run/run-results';
import { InputError } from '../theory/validate';

/** A `tvem reproduce` run whose time budget bench.md shows (`tvem bench --budget <results.json>`). */
export interface RunBudget {
  /** The results.json file, as given. */
  readonly file: string;
  readonly results: RunResults;
}

/** Reads and validates the results.json given to --budget; a missing or invalid file is a one-line InputError. */
export function readRunBudget(file: string): RunBudget {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'not JSON' : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new InputError(`--budget must be a results.json of tvem reproduce, got ${JSON.stringify(file)} (${why})`);
  }
  try {
    return { file, results: validateResults(json) };
  } catch (error) {
    throw new InputError(`--budget must be a results.json of tvem reproduce, got ${JSON.stringify(file)} (${(error as Error).message})`);
  }
}

/**
 * bench.md's "Default-run budget" section: which run, its per-claim table of training, evaluation
 * and total seconds with their sums, its wall time and peak RSS (issue 15). A run at another
 * scale than the default is named as such.
 */
export function budgetSection({ file, results }: RunBudget): string[] {
  const { environment } = results;
  const scale = results.quick ? 'quick scale (not the default run)' : 'default scale';
  const rows = budgetRows(results);
  return [
    '## Default-run budget',
    '',
    `From \`${file}\`: ${scale}, seed ${results.seed}, started ${results.startedAt}, git ${environment.gitSha.slice(0, 12)}, backend ${environment.backend}, ${environment.cores} cores.`,
    '',
    ...(rows.length > 0 ? [markdownTable(BUDGET_COLUMNS, rows), ''] : []),
    budgetNote(results),
    '',
  ];
}
