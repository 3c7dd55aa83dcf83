/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// The README's scale-out recipes run for real (npm run test:scale-out): examples/slurm-array.sh on a
// throwaway one-node Slurm cluster (.ci/slurm-up.sh, started and stopped by the test) and
// examples/parallel.sh with GNU parallel, each merged and compared with an unsharded run.
// They need slurm-wlm, munge and parallel (apt-get install slurm-wlm munge parallel); .ci/scale-out.sh
// installs them. Without them the tests fail, naming what is missing.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/properties/scale-out'],
  // Not *.test.ts: `npm test` (jest.config.ts, every **/*.test.ts under properties/) must not pick them up.
  testMatch: ['**/*.scaleout.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/properties/global-seed.ts',
  setupFiles: ['<rootDir>/properties/seed.ts'],
  // Each recipe already uses every core; one test file at a time.
  maxWorkers: 1,
  testTimeout: 600_000,
};

export default config;
