/**
 * Jest globalSetup: one random seed per test run, unless FC_SEED is set. Printed first so that any
 * failure can be replayed with `FC_SEED=<seed> npm test`.
 */
export default function chooseSeed(): void {
  const given = process.env.FC_SEED;
  const seed = given !== undefined && given !== '' ? Number(given) : Math.floor(Math.random() * 0x7fffffff);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0x7fffffff) {
    throw new Error(`FC_SEED must be an integer in [0, 2147483647], got ${JSON.stringify(given)}`);
  }
  process.env.FC_SEED = String(seed);
  process.stdout.write(`\nproperty seed: ${seed} (replay: FC_SEED=${seed} before the same npm command)\n`);
}
