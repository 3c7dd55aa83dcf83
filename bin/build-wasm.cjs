#!/usr/bin/env node
// Compiles the project's AssemblyScript kernels (<folder>/wasm/<name>.as.ts) into the committed
// <name>.wasm beside them: `npm run build:wasm`. With --check it compiles into a temporary folder
// and exits 1 when a committed .wasm differs from its source, so a stale binary fails the tests.
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const FOLDERS = ['theory', 'model'];
// SIMD is on in every Node.js ≥ 16; the stub runtime has no garbage collector, and the kernels
// allocate nothing: their callers lay their arrays out in the exported memory.
const FLAGS = ['-O3', '--runtime', 'stub', '--enable', 'simd', '--noAssert'];

const sources = FOLDERS.flatMap((folder) => {
  const dir = join(root, folder, 'wasm');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.as.ts'))
        .map((f) => join(dir, f))
    : [];
});
const check = process.argv.includes('--check');
const scratch = check ? mkdtempSync(join(tmpdir(), 'tvem-wasm-')) : undefined;
let stale = 0;
try {
  for (const source of sources) {
    const target = source.replace(/\.as\.ts$/, '.wasm');
    // Written beside the target and renamed, so a reader never sees a half-written module.
    const output = scratch ? join(scratch, 'kernel.wasm') : `${target}.tmp`;
    execFileSync(process.execPath, [require.resolve('assemblyscript/bin/asc.js'), source, ...FLAGS, '-o', output], { stdio: 'inherit' });
    if (!scratch) renameSync(output, target);
    if (scratch && (!existsSync(target) || !readFileSync(target).equals(readFileSync(output)))) {
      console.error(`${relative(root, target)} is stale: run npm run build:wasm`);
      stale++;
    } else {
      console.log(`${check ? 'up to date' : 'built'}: ${relative(root, target)}`);
    }
  }
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
process.exit(stale > 0 ? 1 : 0);
