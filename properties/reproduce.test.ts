import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClaimId, claimEntry } from '../bounds/registry';
import type { Verdict } from '../reports/claims/kit/claim-check';
import { exitCodeOf } from '../reports/run/reproduce';
import type { ClaimRecord, RunResults } from '../reports/run/run-results';
import { runTvem } from './cli-process';

const QUICK = ['reproduce', '--quick', '--only', 'A1,A2,A3', '--seed', '11'];

/** results.json without the fields that legitimately differ between runs (times and durations). */
function comparable(dir: string): unknown {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  delete results.startedAt;
  delete results.finishedAt;
  for (const claim of results.claims) delete claim.seconds;
  return results;
}

describe('tvem reproduce: shards, merge and resume', () => {
  const root = mkdtempSync(join(tmpdir(), 'tvem-reproduce-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const full = join(root, 'full');
  beforeAll(() => {
    expect(runTvem([...QUICK, '--out', full]).status).toBe(0);
  });

  test('merging the shards of a run gives the unsharded results.json, apart from times', () => {
    const shards = [1, 2, 3].map((i) => join(root, `shard${i}`));
    shards.forEach((dir, i) => expect(runTvem([...QUICK, '--shard', `${i + 1}/3`, '--out', dir]).status).toBe(0));
    const merged = join(root, 'merged');
    expect(runTvem(['merge', ...shards, '--out', merged]).status).toBe(0);
    expect(comparable(merged)).toEqual(comparable(full));
  });

  test('--resume finishes an interrupted run and skips finished cells', () => {
    const dir = join(root, 'resumed');
    expect(runTvem([...QUICK, '--out', dir]).status).toBe(0);
    // Simulate a run killed after A1: A2's and A3's cells and the results were never written.
    const a1 = readFileSync(join(dir, 'cells', 'A1.json'), 'utf8');
    for (const file of ['cells/A2.json', 'cells/A3.json', 'results.json', 'report.md']) rmSync(join(dir, file));
    const resumed = runTvem([...QUICK, '--resume', dir]);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).not.toContain('A1:');
    expect(readFileSync(join(dir, 'cells', 'A1.json'), 'utf8')).toBe(a1);
    expect(comparable(dir)).toEqual(comparable(full));
  });

  test('a results directory leaves no temporary files behind', () => {
    const leftovers = ['', 'cells'].flatMap((sub) => readdirSync(join(full, sub))).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
    expect(existsSync(join(full, 'report.html'))).toBe(true);
  });

  test.each([
    ['a foreign --resume directory', () => [...QUICK, '--resume', root], 'run.json'],
    [
      'an unwritable --out',
      () => {
        const file = join(root, 'a-file');
        writeFileSync(file, 'x');
        return [...QUICK, '--out', join(file, 'out')];
      },
      '--out',
    ],
    ['merge of a foreign directory', () => ['merge', root], 'run.json'],
    ['merge of shards that miss a claim', () => ['merge', join(root, 'shard1')], 'lack results'],
  ])('%s: one line naming the problem, exit 2', (_, args, text) => {
    const out = runTvem(args());
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain(text);
  });

  test('a corrupted cell is rejected on --resume', () => {
    const dir = join(root, 'corrupt');
    expect(runTvem([...QUICK, '--out', dir]).status).toBe(0);
    writeFileSync(join(dir, 'cells', 'A2.json'), '{"id": "A2", "stat');
    const out = runTvem([...QUICK, '--resume', dir]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('A2.json');
  });

  test('a schema-invalid cell is rejected on merge', () => {
    const dir = join(root, 'invalid');
    expect(runTvem([...QUICK, '--out', dir]).status).toBe(0);
    const cell = JSON.parse(readFileSync(join(dir, 'cells', 'A2.json'), 'utf8'));
    cell.result.verdict = 'probably';
    writeFileSync(join(dir, 'cells', 'A2.json'), JSON.stringify(cell));
    const out = runTvem(['merge', dir, '--out', join(root, 'invalid-merged')]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('verdict');
  });
});

describe('exitCodeOf: trend claims never fail the run', () => {
  /** A run whose claims have the given verdicts (or errored), with the registry's kinds. */
  function run(claims: readonly (readonly [ClaimId, Verdict | 'error'])[]): RunResults {
    const records: ClaimRecord[] = claims.map(([id, verdict]) => {
      const { title, statement, provenance, kind } = claimEntry(id);
      const base = { id, title, statement, provenance, kind, replay: `npx tvem reproduce --only ${id}` };
      if (verdict === 'error') return { ...base, status: 'error', error: 'boom' };
      return { ...base, status: 'implemented', result: { id, verdict, summary: '', numbers: {}, samples: 1, failureProbability: 0 } };
    });
    const environment = { tvemVersion: '0', node: '20', packages: {}, backend: 'none', gitSha: 'x', cores: 1, platform: 'linux' };
    return { schemaVersion: 1, startedAt: '', finishedAt: '', seed: 1, quick: true, environment, claims: records };
  }

  test('the registry has trend claims and non-trend claims to test with', () => {
    expect(['D2', 'E3', 'F4', 'G1'].map((id) => claimEntry(id as ClaimId).kind)).toEqual(['trend', 'trend', 'trend', 'trend']);
    expect(['A1', 'A2', 'F2', 'F3'].map((id) => claimEntry(id as ClaimId).kind)).toEqual(['exact', 'bound', 'statistical', 'statistical']);
  });

  test('0 when every claim holds or is inconclusive', () => {
    expect(
      exitCodeOf(
        run([
          ['A1', 'holds'],
          ['F2', 'inconclusive'],
          ['F4', 'holds'],
        ]),
      ),
    ).toBe(0);
  });

  test.each(['D2', 'E3', 'F4', 'G1'] as const)('0 when only the trend claim %s is violated (it stays violated in the results)', (id) => {
    const results = run([
      ['A1', 'holds'],
      [id, 'violated'],
    ]);
    expect(exitCodeOf(results)).toBe(0);
    expect(results.claims.find((c) => c.id === id)!.result!.verdict).toBe('violated');
  });

  test.each(['A1', 'A2', 'F2', 'F3'] as const)('1 when the %s claim (not a trend) is violated, with or without violated trends', (id) => {
    expect(exitCodeOf(run([[id, 'violated']]))).toBe(1);
    expect(
      exitCodeOf(
        run([
          ['D2', 'violated'],
          [id, 'violated'],
          ['G1', 'holds'],
        ]),
      ),
    ).toBe(1);
  });

  test('2 when a check errored, whatever the verdicts', () => {
    expect(
      exitCodeOf(
        run([
          ['F2', 'violated'],
          ['D2', 'error'],
        ]),
      ),
    ).toBe(2);
    expect(
      exitCodeOf(
        run([
          ['A1', 'holds'],
          ['F4', 'error'],
        ]),
      ),
    ).toBe(2);
  });
});
