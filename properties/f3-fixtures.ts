import { join } from 'node:path';
import { type LoadedClusteringTransformer, loadClusteringTransformer } from '../model/clustering/load-checkpoint';

/**
 * Claim F3: the committed clustering transformers, one per k, in properties/fixtures/f3-transformers/k<k>
 * (written by its regenerate.sh: `tvem train --target transformer --k <k> --seed 20250209`, F3's preset).
 */
export const FIXTURE_KS = [2, 3] as const;
export const FIXTURE_SEED = 20250209;
export const REGENERATE_COMMAND = 'npm run fixtures';

export function fixtureDirectory(k: number): string {
  return join(__dirname, 'fixtures', 'f3-transformers', `k${k}`);
}

/** The committed transformer for k; a stale or corrupted one is an error naming the command that regenerates it. */
export function loadFixtureTransformer(k: number): LoadedClusteringTransformer {
  try {
    return loadClusteringTransformer(fixtureDirectory(k), `the F3 fixture for k = ${k}`);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; regenerate it with \`${REGENERATE_COMMAND}\``);
  }
}
