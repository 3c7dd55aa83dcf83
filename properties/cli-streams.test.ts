import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../theory/rng';
import { runTvem } from './cli-process';
import { testSeed } from './seed';

/** The documented seed of instance i of a stream run with --seed seed: seed itself for i = 0, else new Rng(seed).split(i).seed. */
const streamSeed = (seed: number, index: number) => (index === 0 ? seed : new Rng(seed).split(index).seed);

const jsonLines = (text: string): Record<string, unknown>[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('tvem sample --count and tvem cluster over JSON Lines', () => {
  const seed = testSeed('cli streams') % 100_000;
  const clusterSeed = (seed + 17) % 100_000;
  const sampleArgs = ['sample', '--k', '3', '--d', '2', '--n', '60', '--delta', '4', '--seed', String(seed)];
  const stream = runTvem([...sampleArgs, '--count', '5']);
  const lines = () => stream.stdout.trimEnd().split('\n');

  test('sample --count N: N JSON lines, instance i with seed new Rng(seed).split(i) (the first: --seed), all distinct', () => {
    expect(stream.status).toBe(0);
    const instances = jsonLines(stream.stdout);
    expect(instances).toHaveLength(5);
    const seeds = instances.map((instance) => instance.seed);
    expect(seeds).toEqual([0, 1, 2, 3, 4].map((i) => streamSeed(seed, i)));
    expect(new Set(seeds).size).toBe(5);
    expect(new Set(instances.map((instance) => JSON.stringify(instance.points))).size).toBe(5);
    for (const instance of instances) expect(Object.keys(instance).sort()).toEqual(['centers', 'labels', 'points', 'seed', 'spec']);
  });

  test('sample --count N is deterministic', () => {
    expect(runTvem([...sampleArgs, '--count', '5']).stdout).toBe(stream.stdout);
  });

  test('line i of sample --count is `tvem sample --seed s_i` plus its seed; without --count the output is one document', () => {
    const instances = jsonLines(stream.stdout);
    for (const i of [0, 3]) {
      const alone = runTvem([...sampleArgs.slice(0, -1), String(instances[i]!.seed)]);
      expect(alone.stdout.trimEnd().split('\n')).toHaveLength(1);
      const { seed: _, ...instance } = instances[i]!;
      expect(JSON.parse(alone.stdout)).toEqual(instance);
    }
  });

  test.each(['lloyd', 'em'])(
    'cluster --method %s over JSON Lines: one line per instance, each equal to clustering that instance alone with its seed',
    (method) => {
      const args = ['cluster', '--method', method, '--init', 'kmeans++'];
      const out = runTvem([...args, '--seed', String(clusterSeed)], stream.stdout);
      expect(out.status).toBe(0);
      const results = out.stdout.trimEnd().split('\n');
      expect(results).toHaveLength(5);
      for (const i of [0, 1, 4]) {
        const alone = runTvem([...args, '--seed', String(streamSeed(clusterSeed, i))], lines()[i]);
        expect(alone.status).toBe(0);
        expect(alone.stdout.trimEnd()).toBe(results[i]);
      }
    },
  );

  test('a single document over several lines (pretty-printed) is clustered as the same document on one line', () => {
    const args = ['cluster', '--method', 'lloyd', '--init', 'spectral', '--seed', String(clusterSeed)];
    const oneLine = runTvem(args, lines()[2]);
    const pretty = runTvem(args, `${JSON.stringify(JSON.parse(lines()[2]!), null, 2)}\n`);
    expect(pretty.status).toBe(0);
    expect(pretty.stdout).toBe(oneLine.stdout);
  });

  test('blank lines are skipped and do not count as instances', () => {
    const args = ['cluster', '--method', 'lloyd', '--seed', String(clusterSeed)];
    const spaced = runTvem(args, `\n${lines()[0]}\n\n${lines()[1]}\n\n`);
    expect(spaced.status).toBe(0);
    expect(spaced.stdout).toBe(runTvem(args, `${lines()[0]}\n${lines()[1]}\n`).stdout);
  });

  test.each([
    ['a line that is not JSON', (l: string[]) => [l[0], l[1], '{"points": [[1, 2],', l[2]], 'stdin line 3 is not valid JSON'],
    ['a ragged line', (l: string[]) => [l[0], '{"points": [[1, 2], [3]]}', l[1]], 'stdin line 2: points[1]'],
    ['a line without points', (l: string[]) => [l[0], l[1], l[2], '{"spec": {"k": 3}}'], 'stdin line 4: field points'],
    ['a first line that is not JSON', (l: string[]) => ['{"points": [[1, 2],', l[0]], 'stdin line 1 is not valid JSON'],
    ['a k above a line’s points', (l: string[]) => [l[0], '{"spec": {"k": 3}, "points": [[0, 0], [1, 1]]}'], 'stdin line 2: --k must be'],
  ])('%s: the lines before it are printed, then one line naming its number, exit 2', (_, build, message) => {
    const input = build(lines()) as string[];
    const out = runTvem(['cluster', '--method', 'lloyd', '--seed', '1'], `${input.join('\n')}\n`);
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain(message);
    const before = input.findIndex((line) => !lines().includes(line));
    expect(out.stdout === '' ? 0 : out.stdout.trimEnd().split('\n').length).toBe(before);
  });

  test('an empty input is one line, exit 2', () => {
    const out = runTvem(['cluster', '--method', 'lloyd', '--seed', '1'], '');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('stdin holds no instance');
  });

  test('--input reads JSON Lines from a file as from stdin', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tvem-streams-'));
    try {
      const file = join(folder, 'instances.jsonl');
      writeFileSync(file, stream.stdout);
      const args = ['cluster', '--method', 'em', '--seed', String(clusterSeed)];
      const out = runTvem([...args, '--input', file]);
      expect(out.status).toBe(0);
      expect(out.stdout).toBe(runTvem(args, stream.stdout).stdout);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
