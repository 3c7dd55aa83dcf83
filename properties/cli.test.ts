import { lloyd } from '../theory/lloyd';
import { fromRows } from '../theory/matrix';
import { runTvem } from './cli-process';
import { testSeed } from './seed';

describe('tvem CLI', () => {
  const seed = testSeed('cli') % 100000;
  const sample = runTvem(['sample', '--k', '4', '--d', '3', '--n', '400', '--delta', '3', '--seed', String(seed)]);

  test('sample writes spec, centers, labels and points', () => {
    expect(sample.status).toBe(0);
    const instance = JSON.parse(sample.stdout);
    expect(Object.keys(instance).sort()).toEqual(['centers', 'labels', 'points', 'spec']);
    expect(instance.points).toHaveLength(400);
    expect(instance.centers).toHaveLength(4);
  });

  test('A2: sample | cluster --method lloyd equals float64 Lloyd from the printed initCenters', () => {
    const out = runTvem(['cluster', '--method', 'lloyd', '--init', 'kmeans++', '--seed', '7'], sample.stdout);
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout);
    for (const field of ['initCenters', 'centers', 'labels', 'iterations', 'history', 'mislabelRate']) expect(result).toHaveProperty(field);
    const instance = JSON.parse(sample.stdout);
    const reference = lloyd(fromRows('points', instance.points), fromRows('initCenters', result.initCenters));
    expect(result.labels).toEqual(Array.from(reference.labels));
    expect(result.mislabelRate).toBeGreaterThanOrEqual(0);
  });

  test('E1: cluster --method attention-lloyd is inside the margin regime on a well-separated instance and returns the labels of --method lloyd', () => {
    // Δ/σ = 14 and perturbed-truth at Λ_0 = 0.05: a point leaves the regime (β·g/2 < 110 with the
    // default β) only if its noise reaches about 6σ towards a bisector, so the regime is expected.
    const wellSeparated = runTvem(['sample', '--k', '3', '--d', '4', '--n', '300', '--delta', '14', '--seed', String(seed)]).stdout;
    const args = ['--init', 'perturbed-truth', '--lambda0', '0.05', '--iterations', '5', '--seed', '9'];
    const reference = JSON.parse(runTvem(['cluster', '--method', 'lloyd', ...args], wellSeparated).stdout);
    const attention = runTvem(['cluster', '--method', 'attention-lloyd', ...args], wellSeparated);
    expect(attention.status).toBe(0);
    const result = JSON.parse(attention.stdout);
    for (const field of ['backend', 'layers', 'heads', 'minMargins']) expect(result).toHaveProperty(field);
    expect(result.minMargins).toHaveLength(6);
    expect(Math.min(...result.minMargins)).toBeGreaterThanOrEqual(110);
    expect(result.labels).toEqual(reference.labels);
    expect(result.initCenters).toEqual(reference.initCenters);
  });

  test.each(['em', 'oracle'])('cluster --method %s reports a mislabel rate', (method) => {
    const out = runTvem(['cluster', '--method', method, '--init', 'spectral', '--seed', '3'], sample.stdout);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).mislabelRate).toBeLessThan(0.75);
  });

  test.each([
    [['sample', '--k', '0', '--d', '2', '--n', '5', '--delta', '1', '--seed', '1'], 'k'],
    [['sample', '--k', '3', '--d', '2', '--n', '5', '--delta', '-1', '--seed', '1'], 'delta'],
    [['sample', '--k', '3', '--d', '2', '--n', '5', '--delta', '1', '--seed', 'x'], '--seed'],
    [['sample', '--k', '3', '--d', '2', '--n', '5', '--delta', '1', '--seed', '1', '--variant', 'bogus'], '--variant'],
    [['cluster', '--method', 'nope', '--seed', '1'], '--method'],
    [['cluster', '--method', 'lloyd', '--seed', '1', '--input', '/nonexistent.json'], '--input'],
    [['reproduce', '--only', 'A1,Z9'], '--only'],
    [['reproduce', '--shard', '3/2'], '--shard'],
  ])('bad input %j: one line naming %s on stderr, exit 2', (args, name) => {
    const out = runTvem(args, '{"points":[[0,0],[1,1]]}');
    expect(out.status).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain(name);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    [['cluster', '--method', 'nope', '--seed', '1'], '--method must be one of lloyd, em, oracle, attention-lloyd, transformer, got "nope"'],
    [
      ['cluster', '--method', 'lloyd', '--init', 'perturbed-truth', '--lambda0', '-1', '--seed', '1'],
      '--lambda0 must be a finite number >= 0, got -1',
    ],
    [['cluster', '--method', 'attention-lloyd', '--beta', '0', '--seed', '1'], '--beta must be a finite number > 0, got 0'],
    [['cluster', '--method', 'transformer', '--seed', '1'], '--checkpoint is required for --method transformer'],
    [
      ['sample', '--k', '3', '--d', '2', '--n', '30', '--delta', '4', '--seed', '1', '--variant', 'imbalanced', '--alpha', '0'],
      '--alpha must be a finite number > 0 and <= 1/k',
    ],
    [['sample', '--k', '3', '--d', '2', '--n', '30', '--delta', '0', '--seed', '1'], '--delta must be a finite number > 0, got 0'],
    [
      ['sample', '--k', '3', '--d', '2', '--n', '30', '--delta', '4', '--seed', '1', '--count', '0'],
      '--count must be an integer >= 1, got 0',
    ],
    [['train', '--target', 'estep', '--heads', '2', '--function', 'reciprocal'], '--function does not apply to --target estep'],
    [['train', '--target', 'transformer', '--heads', '2'], '--heads does not apply to --target transformer'],
    [['train', '--target', 'approx', '--heads', '2', '--k', '3', '--beta-cap', '4'], '--k, --beta-cap do not apply to --target approx'],
    [['train', '--target', 'mstep', '--init', 'kmeans++', '--heads', '1'], '--init does not apply to --target mstep'],
    [['train', '--target', 'mstep'], '--heads is required for --target mstep'],
    [['train', '--target', 'estep', '--heads', '0'], '--heads must be an integer in [1, 4096], got 0'],
    [['bench', '--repeats', '0'], '--repeats must be an integer >= 1, got 0'],
    [['reproduce', '--resume', '/nonexistent/a', '--out', '/nonexistent/b'], '--out must be the --resume directory'],
  ])('%j: the one-line message %j, exit 2', (args, message) => {
    const out = runTvem(args, '{"points":[[0,0],[1,1]]}');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`tvem: ${message}`);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    // Open ranges read "> 0" and ">= 0", never the doubles that stand for them.
    expect(out.stderr).not.toMatch(/5e-324|1\.7976931348623157e\+308|MAX_VALUE|MIN_VALUE/);
  });

  test('ragged points in the input: one line, exit 2', () => {
    const out = runTvem(['cluster', '--method', 'lloyd', '--k', '1', '--seed', '1'], '{"points":[[1,2],[3]]}');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('points[1]');
  });
});
