import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..');

// The committed .wasm kernels (theory/wasm, model/wasm) are what runs: each must be what its
// .as.ts source compiles to, or the bit-identity properties would test a stale binary.
test('every committed .wasm kernel is up to date with its AssemblyScript source (npm run build:wasm)', () => {
  const check = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'build-wasm.cjs'), '--check'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 110_000,
  });
  // stderr rides along so that a failure shows which kernel is stale
  expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
});
