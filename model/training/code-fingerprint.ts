import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sha256Hex } from './config-hash';

/** The folders whose code decides what a config trains: the samplers and maths, and the models and their loop. */
export const TRAINING_CODE_FOLDERS = ['theory', 'model'] as const;

const REPO_ROOT = join(__dirname, '..', '..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/**
 * sha256 over the relative path and bytes of every file under `folders` of `root`, in path order.
 * Part of every checkpoint key, so a checkpoint trained by other code (a changed layer, sampler,
 * optimiser or kernel, even a comment) is never reused: it is retrained instead.
 */
export function fingerprintFolders(root: string, folders: readonly string[]): string {
  const files = folders.flatMap((folder) => filesUnder(join(root, folder))).map((path) => relative(root, path).split('\\').join('/'));
  files.sort();
  const parts = files.map((file) => `${file}\0${sha256Hex(readFileSync(join(root, file)))}`);
  return sha256Hex(parts.join('\n'));
}

let fingerprint: string | undefined;

/** This checkout's training-code fingerprint (computed once per process). */
export function codeFingerprint(): string {
  fingerprint ??= fingerprintFolders(REPO_ROOT, TRAINING_CODE_FOLDERS);
  return fingerprint;
}
