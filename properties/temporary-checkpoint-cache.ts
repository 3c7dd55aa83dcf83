import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKERS_ENV } from '../model/clustering/parallel-pretraining';
import { CHECKPOINT_ROOT_ENV } from '../model/training/cached-training';

/**
 * For the enclosing describe block: a fresh checkpoint cache (TVEM_CHECKPOINT_ROOT) and in-process
 * training (TVEM_WORKERS=1), as the negative controls of the trained-model claims need, restored
 * and removed afterwards.
 */
export function useTemporaryCheckpointCache(prefix: string): void {
  let root: string;
  const previous: Record<string, string | undefined> = {};
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), prefix));
    for (const name of [CHECKPOINT_ROOT_ENV, WORKERS_ENV]) previous[name] = process.env[name];
    process.env[CHECKPOINT_ROOT_ENV] = root;
    process.env[WORKERS_ENV] = '1';
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(root, { recursive: true, force: true });
  });
}
