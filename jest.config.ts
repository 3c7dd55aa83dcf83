/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// One jest project per concern; `npm test` runs the property suite.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/properties'],
  testMatch: ['**/*.test.ts'],
  // The peer cross-checks (scikit-learn, PyTorch, mclust) are their own project: npm run test:peers.
  testPathIgnorePatterns: ['/node_modules/', '/properties/peers/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/properties/global-seed.ts',
  setupFiles: ['<rootDir>/properties/seed.ts', '<rootDir>/properties/quiet-tfjs.ts'],
  testTimeout: 120_000,
};

export default config;
