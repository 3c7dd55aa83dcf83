import { benchMarkdown } from '../bench/bench-markdown';
import { measuredRow, skippedRow } from '../bench/bench-row';

const context = {
  createdAt: '2026-11-26T12:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'Test CPU', memoryGiB: 24, os: 'linux', node: 'v20.20.2' },
  repeats: 7,
  quick: false,
};

describe('bench.md (issue 7: the ratio table as a report)', () => {
  const rows = [
    measuredRow('Lloyd n=1e4', 0.33, 0.35, 'ms/iteration', 'theory/lloyd.ts vs KMeans', 1.5),
    measuredRow('training step', 40, 10, 'ms/step', 'what limits it: BatchMatMul | Add', 3),
    skippedRow('EM n=1e4', 'ms/iteration', 'skipped: scikit-learn is not installed', 2),
  ];
  const markdown = benchMarkdown(rows, context);
  const tableRows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| figure'));

  test('has one table row per bench row, with the verdict against each target', () => {
    expect(tableRows).toEqual([
      '| Lloyd n=1e4 | 0.330 | 0.350 | ms/iteration | 0.94× | meets ≤ 1.5× |',
      '| training step | 40.0 | 10.0 | ms/step | 4.00× | misses ≤ 3× by 1.33× |',
      '| EM n=1e4 | — | — | ms/iteration | — |  |',
    ]);
  });

  test("names the machine and keeps every row's notes", () => {
    expect(markdown).toContain('2 CPUs (Test CPU), 24 GiB, linux, Node v20.20.2');
    expect(markdown).toContain('- **EM n=1e4**: skipped: scikit-learn is not installed');
    expect(markdown).toContain('- **training step**: what limits it: BatchMatMul | Add');
  });
});
