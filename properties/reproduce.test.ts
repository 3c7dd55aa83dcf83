import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_KINDS, type ClaimId, claimEntry } from '../bounds/registry';
import type { Verdict } from '../reports/claims/kit/claim-check';
import { validateClaimRecord } from '../reports/render/validate-results';
import { CHECKS } from '../reports/run/claim-checks';
import { FAILING_KINDS } from '../reports/run/outcome';
import { exitCodeOf } from '../reports/run/reproduce';
import { type ClaimRecord, ClaimRecordSchema, type RunResults } from '../reports/run/run-results';
import { runTvem } from './cli-process';

const QUICK = ['reproduce', '--quick', '--only', 'A1,A2,A3', '--seed', '11'];

/** A run directory's run.json. */
function runJson(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
}

/** results.json without the fields that legitimately differ between runs (times and durations, peak RSS). */
function comparable(dir: string): unknown {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  delete results.startedAt;
  delete results.finishedAt;
  delete results.environment.peakRss;
  for (const claim of results.claims) for (const time of ['seconds', 'trainingSeconds', 'evaluationSeconds']) delete claim[time];
  return results;
}

describe('tvem reproduce: shards, merge and resume', () => {
  const root = mkdtempSync(join(tmpdir(), 'tvem-reproduce-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const full = join(root, 'full');
  beforeAll(() => {
    expect(runTvem([...QUICK, '--out', full]).status).toBe(0);
  });

  test("run.json holds the configuration and, beside the seed, each selected claim's resolved scale", () => {
    const saved = runJson(full);
    expect(saved).toMatchObject({ seed: 11, quick: true, only: ['A1', 'A2', 'A3'], shard: { index: 1, count: 1 } });
    const expected = Object.fromEntries(
      (['A1', 'A2', 'A3'] as const).flatMap((id) => {
        const scale = CHECKS[id]!.load().scales?.quick;
        return scale === undefined ? [] : [[id, JSON.parse(JSON.stringify(scale))]];
      }),
    );
    expect(saved.scales).toEqual(expected);
    expect(Object.keys(saved.scales).length).toBeGreaterThan(0); // A1 declares scales
  });

  test('merging the shards of a run gives the unsharded results.json, apart from times, and its scales', () => {
    const shards = [1, 2, 3].map((i) => join(root, `shard${i}`));
    shards.forEach((dir, i) => expect(runTvem([...QUICK, '--shard', `${i + 1}/3`, '--out', dir]).status).toBe(0));
    shards.forEach((dir, i) =>
      expect(Object.keys(runJson(dir).scales)).toEqual(Object.keys(runJson(full).scales).filter((id) => id === `A${i + 1}`)),
    );
    const merged = join(root, 'merged');
    expect(runTvem(['merge', ...shards, '--out', merged]).status).toBe(0);
    expect(comparable(merged)).toEqual(comparable(full));
    expect(runJson(merged)).toEqual(runJson(full));
  });

  test('merge accepts shards whose run.json hold different subsets of scales (or none), keeping those given', () => {
    const shards = [1, 2, 3].map((i) => join(root, `shard${i}`));
    const old = join(root, 'shard1-without-scales');
    expect(runTvem([...QUICK, '--shard', '1/3', '--out', old]).status).toBe(0);
    const { scales: _dropped, ...withoutScales } = runJson(old);
    writeFileSync(join(old, 'run.json'), JSON.stringify(withoutScales));
    const merged = join(root, 'merged-partial-scales');
    expect(runTvem(['merge', old, shards[1]!, shards[2]!, '--out', merged]).status).toBe(0);
    expect(comparable(merged)).toEqual(comparable(full));
    const { A1: _a1, ...rest } = runJson(full).scales;
    expect(runJson(merged).scales).toEqual(rest);
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
    expect(runJson(dir)).toEqual(runJson(full));
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

describe('exitCodeOf: trend and report claims never fail the run', () => {
  /** A run whose claims have the given verdicts (or errored), with the registry's kinds. */
  function run(claims: readonly (readonly [ClaimId, Verdict | 'error'])[]): RunResults {
    const records: ClaimRecord[] = claims.map(([id, verdict]) => {
      const { title, statement, provenance, kind } = claimEntry(id);
      const base = { id, title, statement, provenance, kind, replay: `npx tvem reproduce --only ${id}` };
      if (verdict === 'error') return { ...base, status: 'error', error: 'boom' };
      return {
        ...base,
        status: 'implemented',
        result: {
          id,
          verdict,
          summary: '',
          headline: { bound: 'b', measured: 'm' },
          numbers: {},
          samples: 1,
          failureProbability: 0,
        },
      };
    });
    const environment = { tvemVersion: '0', node: '20', packages: {}, backend: 'none', gitSha: 'x', cores: 1, platform: 'linux' };
    return { schemaVersion: 1, startedAt: '', finishedAt: '', seed: 1, quick: true, environment, claims: records };
  }

  test('the registry has trend claims and non-trend claims to test with', () => {
    expect(['D2', 'F4', 'G1'].map((id) => claimEntry(id as ClaimId).kind)).toEqual(['trend', 'trend', 'trend']);
    expect(claimEntry('E3').kind).toBe('report');
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

  test.each(['D2', 'F4', 'G1'] as const)('0 when only the trend claim %s is violated (it stays violated in the results)', (id) => {
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

  test('a report claim (E3, verdict reported) never fails the run', () => {
    expect(
      exitCodeOf(
        run([
          ['A1', 'holds'],
          ['E3', 'reported'],
        ]),
      ),
    ).toBe(0);
    // A report beside a violated exact claim: the exit code is the violated claim's, not the report's.
    expect(
      exitCodeOf(
        run([
          ['E3', 'reported'],
          ['A1', 'violated'],
        ]),
      ),
    ).toBe(1);
  });

  test('only exact, bound and statistical claims fail a run: trend and report do not', () => {
    expect([...FAILING_KINDS].sort()).toEqual(CHECK_KINDS.filter((k) => k !== 'trend' && k !== 'report').sort());
  });

  test("'reported' is the result of kind report only: the schema refuses it elsewhere, and a verdict on a report", () => {
    const [e3Reported] = run([['E3', 'reported']]).claims;
    const [e3Holds] = run([['E3', 'holds']]).claims;
    const [a1Reported] = run([['A1', 'reported']]).claims;
    expect(ClaimRecordSchema.safeParse(e3Reported).success).toBe(true);
    expect(ClaimRecordSchema.safeParse(e3Holds).success).toBe(false);
    expect(ClaimRecordSchema.safeParse(a1Reported).success).toBe(false);
    expect(() => validateClaimRecord(JSON.parse(JSON.stringify(e3Reported)))).not.toThrow();
    expect(() => validateClaimRecord(JSON.parse(JSON.stringify(e3Holds)))).toThrow(/verdict/);
    expect(() => validateClaimRecord(JSON.parse(JSON.stringify(a1Reported)))).toThrow(/verdict/);
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

describe('tvem reproduce --only <step id>: one proof step of a claim', () => {
  const root = mkdtempSync(join(tmpdir(), 'tvem-reproduce-step-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const STEP = ['reproduce', '--quick', '--only', 'E2.1', '--seed', '11'];

  test('runs the claim with only that step checked, records the selection in run.json, and resumes with it', () => {
    const dir = join(root, 'step');
    expect(runTvem([...STEP, '--out', dir]).status).toBe(0);
    expect(runJson(dir)).toMatchObject({ only: ['E2'], steps: { E2: ['E2.1'] } });
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    const proof = results.claims.find((c: { id: string }) => c.id === 'E2').result.proof;
    expect(proof.selectedSteps).toEqual(['E2.1']);
    expect(proof.steps.map((s: { id: string; verdict: string }) => [s.id, s.verdict])).toEqual([
      ['E2.1', 'holds'],
      ['E2.2', 'not selected'],
    ]);
    const before = comparable(dir);
    rmSync(join(dir, 'cells', 'E2.json'));
    expect(runTvem([...STEP, '--resume', dir]).status).toBe(0);
    expect(comparable(dir)).toEqual(before);
    expect(runJson(dir)).toMatchObject({ only: ['E2'], steps: { E2: ['E2.1'] } });
  });

  test.each([
    ['B2.9', 'B2.9'],
    ['A1.1', 'A1.1'],
    ['E2,E2.7', 'E2.7'],
  ])('--only %s: one line naming the unknown step id, exit 2', (only, named) => {
    const out = runTvem(['reproduce', '--quick', '--only', only, '--out', join(root, 'bad')]);
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain(named);
  });
});
