import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimEntry } from '../bounds/registry';
import { clusteringPreset } from '../model/clustering/presets';
import { CLUSTERING_CHECKPOINT_KIND } from '../model/clustering/pretrained-transformer';
import { type CheckpointMetadata, METADATA_FILE, WEIGHTS_FILE } from '../model/training/checkpoint';
import { codeFingerprint } from '../model/training/code-fingerprint';
import { sha256Hex } from '../model/training/config-hash';
import { FIXTURE_KS, FIXTURE_SEED, fixtureDirectory, REGENERATE_COMMAND } from './f3-fixtures';

const { minN, maxN } = claimEntry('F3').constants;

const metadataOf = (k: number) => JSON.parse(readFileSync(join(fixtureDirectory(k), METADATA_FILE), 'utf8')) as CheckpointMetadata;

describe('F3: the committed transformer checkpoints (properties/fixtures/f3-transformers)', () => {
  test.each(FIXTURE_KS)(`F3: k = %i was trained by this checkout's theory/ and model/ (else \`${REGENERATE_COMMAND}\`)`, (k) => {
    const { code } = metadataOf(k);
    if (code !== codeFingerprint())
      throw new Error(
        `properties/fixtures/f3-transformers/k${k} was trained by other code (fingerprint of theory/ and model/ ${code.slice(0, 12)}, this checkout ${codeFingerprint().slice(0, 12)}): regenerate the checkpoints with \`${REGENERATE_COMMAND}\` and commit them`,
      );
  });

  test.each(FIXTURE_KS)("F3: k = %i holds the regenerate command's config and seed on wasm, and its weights match their sha256", (k) => {
    const metadata = metadataOf(k);
    expect(metadata.key.kind).toBe(CLUSTERING_CHECKPOINT_KIND);
    expect(metadata.key.config).toEqual(clusteringPreset({ runSeed: FIXTURE_SEED, quick: false, k, nRange: [minN, maxN] }));
    expect(metadata.key.backend).toBe('wasm');
    expect(sha256Hex(readFileSync(join(fixtureDirectory(k), WEIGHTS_FILE)))).toBe(metadata.weightsSha256);
  });
});
