import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (model/training/ is two levels below it). */
export const PROJECT_ROOT = join(__dirname, '..', '..');

/** Packages whose versions can change trained weights; recorded in every checkpoint. */
const TRAINING_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  'pure-rand',
];

/** The installed version of a package, or undefined when it is not installed (an optional dependency). */
export function installedVersion(name: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Installed versions of TRAINING_PACKAGES (absent optional packages are left out), plus Node. */
export function trainingPackageVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.version };
  for (const name of TRAINING_PACKAGES) {
    const version = installedVersion(name);
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}
