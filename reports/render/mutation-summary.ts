import { z } from 'zod';
import { escapeMarkdown, markdownTable } from './markdown-syntax';

/** The part of StrykerJS's JSON report (mutation-testing-report-schema) the summary reads. */
const MutantSchema = z.object({
  mutatorName: z.string(),
  replacement: z.string().optional(),
  status: z.string(),
  location: z.object({ start: z.object({ line: z.number(), column: z.number() }) }),
});
const MutationReportSchema = z.object({
  files: z.record(z.string(), z.object({ mutants: z.array(MutantSchema) })),
});
export type MutationReport = z.infer<typeof MutationReportSchema>;
type Mutant = z.infer<typeof MutantSchema>;

/** A surviving mutant judged equivalent (the program behaves the same on every valid input), and why. */
const EquivalentSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  mutatorName: z.string(),
  replacement: z.string(),
  why: z.string().min(1),
});
export type EquivalentMutant = z.infer<typeof EquivalentSchema>;

export function parseMutationReport(json: unknown): MutationReport {
  return MutationReportSchema.parse(json);
}

export function parseEquivalents(json: unknown): EquivalentMutant[] {
  return z.array(EquivalentSchema).parse(json);
}

/**
 * Stryker's counts: detected = killed + timeout; undetected = survived + no coverage; errors are
 * not scored, nor are ignored mutants (static ones, under ignoreStatic).
 */
export interface MutantTally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
}

function tally(mutants: readonly Mutant[]): MutantTally {
  const count = (status: string) => mutants.filter((m) => m.status === status).length;
  return {
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    ignored: count('Ignored'),
  };
}

/** How the report was made: its commit and date, and the wall time or how several runs were merged. */
export interface MutationRun {
  readonly commit: string;
  readonly date: string;
  readonly wallSeconds?: number;
  /** How the report was made when it is not one `npm run mutation`. */
  readonly note?: string;
}

/** Stryker's mutation score in percent: detected over detected + undetected (NaN when nothing was scored). */
export function mutationScore(t: MutantTally): number {
  const detected = t.killed + t.timeout;
  return (100 * detected) / (detected + t.survived + t.noCoverage);
}

function sum(tallies: readonly MutantTally[]): MutantTally {
  return tallies.reduce(
    (s, t) => ({
      killed: s.killed + t.killed,
      timeout: s.timeout + t.timeout,
      survived: s.survived + t.survived,
      noCoverage: s.noCoverage + t.noCoverage,
      ignored: s.ignored + t.ignored,
    }),
    { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 },
  );
}

function isEquivalent(file: string, m: Mutant, equivalents: readonly EquivalentMutant[]): EquivalentMutant | undefined {
  return equivalents.find(
    (e) =>
      e.file === file &&
      e.line === m.location.start.line &&
      e.column === m.location.start.column &&
      e.mutatorName === m.mutatorName &&
      e.replacement === (m.replacement ?? ''),
  );
}

const TALLY_HEADER = ['Killed', 'Timeout', 'Survived', 'No coverage', 'Score %', 'Ignored (static)'];

function tallyCells(t: MutantTally): string[] {
  const score = mutationScore(t);
  return [t.killed, t.timeout, t.survived, t.noCoverage]
    .map(String)
    .concat(Number.isNaN(score) ? '—' : score.toFixed(1), String(t.ignored));
}

/** The top folder a file is scored under: `theory/` or `bounds/`. */
function folderOf(file: string): string {
  return `${file.split('/')[0]}/`;
}

/**
 * SUMMARY.md beside Stryker's JSON (issue 14): the score per folder and per file, the files to
 * mutate that the report does not cover, every survivor judged equivalent with its one line of
 * why, and the survivors not judged (left to kill).
 */
export function mutationSummary(
  report: MutationReport,
  equivalents: readonly EquivalentMutant[],
  run: MutationRun,
  filesToMutate: readonly string[],
): string {
  const files = Object.entries(report.files)
    .map(([file, { mutants }]) => ({ file, mutants }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  const byFile = files.map(({ file, mutants }) => ({ file, tally: tally(mutants) }));
  const folders = [...new Set(files.map((f) => folderOf(f.file)))];
  const folderRows = folders.map((folder) => [
    `\`${folder}\``,
    ...tallyCells(sum(byFile.filter((f) => folderOf(f.file) === folder).map((f) => f.tally))),
  ]);
  const undetected = files.flatMap(({ file, mutants }) =>
    mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => ({ file, mutant: m, equivalent: isEquivalent(file, m, equivalents) })),
  );
  const where = (file: string, m: Mutant) =>
    `\`${file}:${m.location.start.line}:${m.location.start.column}\` ${m.mutatorName} → \`${escapeMarkdown(m.replacement ?? '')}\``;
  const judged = undetected.filter((u) => u.equivalent !== undefined);
  const open = undetected.filter((u) => u.equivalent === undefined);
  const notMeasured = filesToMutate.filter((file) => !(file in report.files));
  const how = run.note ?? `one \`npm run mutation\`, ${Math.round((run.wallSeconds ?? Number.NaN) / 60)} min on this 2-core machine`;
  return [
    '# Mutation testing: theory/ and bounds/',
    '',
    `StrykerJS 9 at commit \`${run.commit}\` on ${run.date}: ${how}`,
    '',
    "The suite is `jest.mutation.config.ts`: `npm test`'s property files that import only theory/ and",
    'bounds/, so a score is a lower bound on what the whole suite kills. Static mutants (module-level',
    'initialisers, such as the registry texts) are ignored (`ignoreStatic`): each would rerun whole',
    'test files. The AssemblyScript kernel (`theory/wasm/point-pairs.as.ts`) is compiled to wasm and not',
    'mutated; its tests compare it with plain float64.',
    '',
    '## Score by folder',
    '',
    markdownTable(['Folder', ...TALLY_HEADER], [...folderRows, ['all', ...tallyCells(sum(byFile.map((f) => f.tally)))]]),
    '',
    '## Score by file',
    '',
    markdownTable(
      ['File', ...TALLY_HEADER],
      byFile.map((f) => [`\`${f.file}\``, ...tallyCells(f.tally)]),
    ),
    '',
    `## Files to mutate that this report does not cover (${notMeasured.length})`,
    '',
    ...(notMeasured.length === 0 ? ['None.'] : [notMeasured.map((f) => `\`${f}\``).join(', ')]),
    '',
    `## Survivors judged equivalent (${judged.length})`,
    '',
    ...(judged.length === 0 ? ['None.'] : judged.map((u) => `- ${where(u.file, u.mutant)}: ${u.equivalent!.why}`)),
    '',
    `## Survivors not judged equivalent (${open.length})`,
    '',
    ...(open.length === 0 ? ['None.'] : open.map((u) => `- ${where(u.file, u.mutant)} (${u.mutant.status})`)),
    '',
  ].join('\n');
}
