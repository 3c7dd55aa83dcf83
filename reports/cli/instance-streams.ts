import { Rng } from '../../theory/rng';

/** The instance whose random stream is `--seed` itself rather than a split of it. */
const FIRST_INSTANCE = 0;

/**
 * The random stream of instance `index` (0-based) of a JSON Lines stream run with `--seed seed`,
 * in `tvem sample --count` (the draw of the instance) and `tvem cluster` (its initialization):
 * the first instance takes `new Rng(seed)` itself, so one instance (a single JSON document, or
 * `--count 1`) is exactly what it was without JSON Lines; instance i ≥ 1 takes
 * `new Rng(seed).split(i)`, i.e. `new Rng(s_i)` with s_i = `new Rng(seed).split(i).seed`. So
 * line i of a stream is what the same command prints for that one instance with `--seed s_i`,
 * and two methods clustering the same stream with the same `--seed` start from the same
 * initializations, line by line.
 */
export function instanceRng(seed: number, index: number): Rng {
  const root = new Rng(seed);
  return index === FIRST_INSTANCE ? root : root.split(index);
}
