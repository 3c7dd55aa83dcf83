import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeFingerprint, fingerprintFolders } from '../model/training/code-fingerprint';

// The trained claims (B3, C3, D2, F3, F4, G1) reuse a checkpoint only if the code that trains is unchanged.
describe('the training-code fingerprint in every checkpoint key', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tvem-fingerprint-'));
    mkdirSync(join(root, 'model', 'wasm'), { recursive: true });
    mkdirSync(join(root, 'theory'));
    writeFileSync(join(root, 'model', 'adam.ts'), 'export const beta1 = 0.9;\n');
    writeFileSync(join(root, 'model', 'wasm', 'kernel.wasm'), Uint8Array.from([0, 97, 115, 109]));
    writeFileSync(join(root, 'theory', 'lloyd.ts'), 'export {};\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('is stable for the same files and changes with any byte, any file name, any added file', () => {
    const base = fingerprintFolders(root, ['theory', 'model']);
    expect(fingerprintFolders(root, ['model', 'theory'])).toBe(base);
    writeFileSync(join(root, 'model', 'adam.ts'), 'export const beta1 = 0.8;\n');
    const edited = fingerprintFolders(root, ['theory', 'model']);
    expect(edited).not.toBe(base);
    renameSync(join(root, 'theory', 'lloyd.ts'), join(root, 'theory', 'em.ts'));
    const renamed = fingerprintFolders(root, ['theory', 'model']);
    expect(renamed).not.toBe(edited);
    writeFileSync(join(root, 'model', 'wasm', 'other.wasm'), Uint8Array.from([0]));
    expect(fingerprintFolders(root, ['theory', 'model'])).not.toBe(renamed);
  });

  test("this checkout's fingerprint is a sha256, computed once", () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(codeFingerprint()).toBe(codeFingerprint());
  });
});
