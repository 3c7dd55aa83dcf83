import { isAbsolute, join, resolve } from 'node:path';
import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { checkpointLabel, withCheckpointLabel } from '../reports/claims/kit/checkpoint-label';

const PROJECT = '/home/someone/transformers-vs-em';
/** Path segments, including '.', '..' and names that only start with dots. */
const segment = fc.oneof(fc.constantFrom('.', '..', '..x', '.cache', 'checkpoints'), fc.stringMatching(/^[^/\0]{1,12}$/));
const absolutePath = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`);

describe('checkpointLabel: notes and results name checkpoints without absolute paths (issue 12)', () => {
  test.prop([absolutePath, fc.constantFrom(PROJECT, '/', '/work/main')])(
    'the label of any absolute directory is never absolute',
    (directory, root) => {
      const label = checkpointLabel(directory, root);
      expect(isAbsolute(label)).toBe(false);
      expect(label.startsWith('/')).toBe(false);
    },
  );

  test.prop([fc.array(segment, { minLength: 1, maxLength: 6 })])(
    'inside the project, the label is the relative path back to the directory',
    (parts) => {
      const directory = resolve(PROJECT, ...parts);
      fc.pre(directory.startsWith(`${PROJECT}/`));
      const label = checkpointLabel(directory, PROJECT);
      expect(resolve(PROJECT, label)).toBe(directory);
    },
  );

  test('outside the project the label is the cache key under TVEM_CHECKPOINT_ROOT; the default cache is named relatively', () => {
    expect(checkpointLabel('/tmp/scratch/1f386f11ccd43a2cba40f3f9', PROJECT)).toBe('$TVEM_CHECKPOINT_ROOT/1f386f11ccd43a2cba40f3f9');
    expect(checkpointLabel('/home/someone/transformers-vs-em-2/.cache/c', PROJECT)).toBe('$TVEM_CHECKPOINT_ROOT/c');
    expect(checkpointLabel(join(PROJECT, '.cache', 'checkpoints', 'abc'), PROJECT)).toBe('.cache/checkpoints/abc');
    expect(isAbsolute(checkpointLabel('/some/where/abc'))).toBe(false);
    const directory = join(PROJECT, '.cache', 'checkpoints', 'abc');
    expect(withCheckpointLabel(`unreadable metadata (ENOENT: ${directory}/metadata.json)`, directory)).not.toContain(PROJECT);
  });
});
