import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    ['an unwritable --out', () => { const file = join(root, 'a-file'); writeFileSync(file, 'x'); return [...QUICK, '--out', join(file, 'out')]; }, '--out'],
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
