import * as tf from '@tensorflow/tfjs';

/** One entry of a hand-set weight: row, column, value. */
export type WeightEntry = readonly [row: number, column: number, value: number];

/** A rows×cols float32 weight, zero except at `entries` (later entries overwrite earlier ones). */
export function weightMatrix(rows: number, cols: number, entries: Iterable<WeightEntry>): tf.Tensor2D {
  const data = new Float32Array(rows * cols);
  for (const [r, c, v] of entries) {
    if (r < 0 || r >= rows || c < 0 || c >= cols) throw new RangeError(`weight entry (${r}, ${c}) lies outside ${rows}×${cols}`);
    data[r * cols + c] = v;
  }
  return tf.tensor2d(data, [rows, cols], 'float32');
}

/** The entries of a scaled identity mapping `count` consecutive slots from `from` to `to`. */
export function* identityEntries(from: number, to: number, count: number, scale = 1): Generator<WeightEntry> {
  for (let c = 0; c < count; c++) yield [from + c, to + c, scale];
}
