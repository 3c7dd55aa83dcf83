/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// The peer cross-checks: theory/ against scikit-learn and R mclust (npm run test:peers).
// They need /usr/bin/python3 with python3-sklearn and Rscript with r-cran-mclust (see bench/peers.ts).
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/properties/peers'],
  testMatch: ['**/*.peers.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/properties/global-seed.ts',
  setupFiles: ['<rootDir>/properties/seed.ts'],
  testTimeout: 120_000,
};

export default config;
