import { type MutationReport, mutationScore, mutationSummary, parseEquivalents } from '../reports/render/mutation-summary';

// A hand-made StrykerJS report: two files, every status once, one survivor judged equivalent.
const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
const REPORT: MutationReport = {
  files: {
    'theory/a.ts': {
      mutants: [
        { mutatorName: 'EqualityOperator', replacement: 'a <= b', status: 'Killed', location: at(3, 10) },
        { mutatorName: 'EqualityOperator', replacement: 'a > b', status: 'Survived', location: at(4, 2) },
        { mutatorName: 'BlockStatement', replacement: '{}', status: 'Timeout', location: at(5, 1) },
        { mutatorName: 'StringLiteral', replacement: '""', status: 'Ignored', location: at(1, 20) },
      ],
    },
    'bounds/b.ts': {
      mutants: [
        { mutatorName: 'ArithmeticOperator', replacement: 'x - y', status: 'NoCoverage', location: at(7, 3) },
        { mutatorName: 'StringLiteral', replacement: '""', status: 'CompileError', location: at(8, 3) },
        { mutatorName: 'ArithmeticOperator', replacement: 'x / y', status: 'Killed', location: at(9, 3) },
      ],
    },
  },
};
const EQUIVALENTS = parseEquivalents([
  { file: 'theory/a.ts', line: 4, column: 2, mutatorName: 'EqualityOperator', replacement: 'a > b', why: 'both branches return 0' },
]);
const RUN = { commit: 'abc1234', date: '2026-11-30', wallSeconds: 600 };
const FILES_TO_MUTATE = ['bounds/b.ts', 'theory/a.ts', 'theory/c.ts'];

describe('mutation summary (issue 14)', () => {
  test("the score is Stryker's: killed + timeout over those plus survived + no coverage; errors are not scored", () => {
    expect(mutationScore({ killed: 3, timeout: 1, survived: 1, noCoverage: 0, ignored: 7 })).toBeCloseTo(80, 12);
    expect(mutationScore({ killed: 0, timeout: 0, survived: 1, noCoverage: 1, ignored: 0 })).toBe(0);
  });

  test('the summary scores each folder and file, and separates judged survivors from open ones', () => {
    const text = mutationSummary(REPORT, EQUIVALENTS, RUN, FILES_TO_MUTATE);
    expect(text).toContain('| `theory/` | 1 | 1 | 1 | 0 | 66.7 | 1 |');
    expect(text).toContain('| `bounds/` | 1 | 0 | 0 | 1 | 50.0 | 0 |');
    expect(text).toContain('| all | 2 | 1 | 1 | 1 | 60.0 | 1 |');
    expect(text).toContain('## Files to mutate that this report does not cover (1)\n\n`theory/c.ts`');
    expect(text).toContain('## Survivors judged equivalent (1)');
    expect(text).toContain('`theory/a.ts:4:2` EqualityOperator → `a \\> b`: both branches return 0');
    expect(text).toContain('## Survivors not judged equivalent (1)');
    expect(text).toContain('`bounds/b.ts:7:3` ArithmeticOperator → `x - y` (NoCoverage)');
    expect(text).toContain('commit `abc1234` on 2026-11-30: one `npm run mutation`, 10 min');
    expect(mutationSummary(REPORT, EQUIVALENTS, { ...RUN, note: 'two runs merged' }, FILES_TO_MUTATE)).toContain(
      'on 2026-11-30: two runs merged',
    );
  });

  test('an equivalent must match the mutant exactly: another replacement at the same place stays open', () => {
    const other = parseEquivalents([{ ...EQUIVALENTS[0], replacement: 'a >= b' }]);
    expect(mutationSummary(REPORT, other, RUN, FILES_TO_MUTATE)).toContain('## Survivors judged equivalent (0)');
  });

  test('an equivalent without a reason is refused', () => {
    expect(() => parseEquivalents([{ ...EQUIVALENTS[0], why: '' }])).toThrow();
  });
});
