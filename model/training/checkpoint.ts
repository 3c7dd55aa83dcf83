import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';
import { codeFingerprint } from './code-fingerprint';
import { configHash, sha256Hex } from './config-hash';
import type { NamedParameter } from './parameters';
import type { TrainingOutcome } from './train-loop';

/**
 * The checkpoint files' format, part of every key; bump it when checkpoint.json or weights.bin
 * change shape. Changes to the code that trains are covered by the code fingerprint
 * (code-fingerprint.ts), also in the key. 2: the key gained the code fingerprint (issue 7).
 */
export const CHECKPOINT_FORMAT = 2;
export const WEIGHTS_FILE = 'weights.bin';
export const METADATA_FILE = 'checkpoint.json';

/** The checkpoint key: what is trained (experiment kind and resolved config, seed included) and on which backend. */
export interface CheckpointKey {
  readonly kind: string;
  readonly config: unknown;
  readonly backend: string;
}

const metadataSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  configHash: z.string(),
  /** codeFingerprint() of the code that trained it. */
  code: z.string(),
  key: z.object({ kind: z.string(), config: z.unknown(), backend: z.string() }),
  seed: z.number(),
  packages: z.record(z.string(), z.string()),
  weightsSha256: z.string(),
  tensors: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().min(0)) })),
  training: z.record(z.string(), z.unknown()),
});
export type CheckpointMetadata = z.output<typeof metadataSchema>;

/** The hash naming a checkpoint: its key, the file format and the fingerprint of the training code. */
export function checkpointHash(key: CheckpointKey, code = codeFingerprint()): string {
  return configHash({ format: CHECKPOINT_FORMAT, code, ...key });
}

/** Writes weights.bin (float32 values of the parameters, in order), then checkpoint.json with its sha256, both atomically. */
export function saveCheckpoint(
  directory: string,
  key: CheckpointKey,
  parameters: readonly NamedParameter[],
  extra: { seed: number; packages: Record<string, string>; training: TrainingOutcome },
): CheckpointMetadata {
  const chunks = parameters.map((p) => p.variable.dataSync() as Float32Array);
  const bytes = new Uint8Array(chunks.reduce((s, c) => s + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    bytes.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), offset);
    offset += c.byteLength;
  }
  const metadata: CheckpointMetadata = {
    format: CHECKPOINT_FORMAT,
    configHash: checkpointHash(key),
    code: codeFingerprint(),
    key: { kind: key.kind, config: key.config, backend: key.backend },
    seed: extra.seed,
    packages: extra.packages,
    weightsSha256: sha256Hex(bytes),
    tensors: parameters.map((p) => ({ name: p.name, shape: [...p.variable.shape] })),
    training: { ...extra.training },
  };
  writeFileAtomic(join(directory, WEIGHTS_FILE), bytes);
  writeFileAtomic(join(directory, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}

export type CheckpointRead = { readonly ok: true; readonly metadata: CheckpointMetadata } | { readonly ok: false; readonly reason: string };

/**
 * Loads a checkpoint into `parameters` after checking, in order: both files exist; the metadata
 * parses; its stored key hashes to `expectedHash` (a mismatched or edited config); the weights
 * file's sha256 is the recorded one (corruption); the tensor names and shapes match the
 * parameters. On any failure the parameters are left untouched and the reason is returned.
 */
export function loadCheckpoint(directory: string, expectedHash: string, parameters: readonly NamedParameter[]): CheckpointRead {
  const metadataPath = join(directory, METADATA_FILE);
  const weightsPath = join(directory, WEIGHTS_FILE);
  if (!existsSync(metadataPath) || !existsSync(weightsPath)) return { ok: false, reason: 'no checkpoint' };
  let metadata: CheckpointMetadata;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(readFileSync(metadataPath, 'utf8')));
    if (!parsed.success)
      return { ok: false, reason: `unreadable metadata (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})` };
    metadata = parsed.data;
  } catch (error) {
    return { ok: false, reason: `unreadable metadata (${error instanceof Error ? error.message : String(error)})` };
  }
  if (metadata.code !== codeFingerprint()) {
    return {
      ok: false,
      reason: `trained by other code (training-code fingerprint ${metadata.code.slice(0, 12)}, this checkout ${codeFingerprint().slice(0, 12)}): retrain it`,
    };
  }
  const storedHash = checkpointHash(metadata.key as CheckpointKey, metadata.code);
  if (storedHash !== metadata.configHash || storedHash !== expectedHash) {
    return {
      ok: false,
      reason: `config hash mismatch (expected ${expectedHash.slice(0, 12)}, stored ${metadata.configHash.slice(0, 12)}, recomputed ${storedHash.slice(0, 12)})`,
    };
  }
  const bytes = readFileSync(weightsPath);
  const checksum = sha256Hex(bytes);
  if (checksum !== metadata.weightsSha256)
    return {
      ok: false,
      reason: `weights checksum mismatch (sha256 ${checksum.slice(0, 12)}, recorded ${metadata.weightsSha256.slice(0, 12)})`,
    };
  const expected = parameters.map((p) => `${p.name}[${p.variable.shape.join(',')}]`).join(' ');
  const stored = metadata.tensors.map((t) => `${t.name}[${t.shape.join(',')}]`).join(' ');
  if (expected !== stored) return { ok: false, reason: `parameter shapes differ (expected ${expected}, stored ${stored})` };
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const total = parameters.reduce((s, p) => s + p.variable.size, 0);
  if (floats.length !== total || bytes.byteLength % 4 !== 0)
    return { ok: false, reason: `weights file holds ${bytes.byteLength} bytes, expected ${4 * total}` };
  let offset = 0;
  for (const p of parameters) {
    const values = tf.tensor(floats.subarray(offset, offset + p.variable.size), p.variable.shape, 'float32');
    p.variable.assign(values);
    values.dispose();
    offset += p.variable.size;
  }
  return { ok: true, metadata };
}
