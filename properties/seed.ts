import fc from 'fast-check';

/** The run's seed, chosen once by properties/global-seed.ts. */
export const RUN_SEED = Number(process.env.FC_SEED ?? 0);

// fast-check prints the seed and the shrunk path of any failure; both replay it exactly.
fc.configureGlobal({ seed: RUN_SEED });

/**
 * A seed for a non-fast-check statistical test, derived from the run seed and the test's own
 * name so that tests draw independent streams.
 */
export function testSeed(name: string): number {
  let h = RUN_SEED >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
