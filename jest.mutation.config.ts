/** @jest-config-loader esbuild-register */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from 'jest';
import base from './jest.config';

// The suite StrykerJS runs against each mutant of theory/ and bounds/ (npm run mutation, issue 14):
// the property files that test theory/ and bounds/ directly. Left out, so that the run fits an
// afternoon: files that load TensorFlow.js models or the claim checks (model/, reports/, bench/),
// and files that spawn `tvem` processes, whose children never see the active mutant. The score is
// therefore a lower bound on what the whole of `npm test` kills.
const SPAWNS_PROCESSES = ['cli.test.ts', 'cli-streams.test.ts', 'reproduce-jobs.test.ts', 'wasm-build.test.ts'];
const LOADS_MODELS = /from '\.\.\/(model|reports|bench)\//;

const propertiesDir = join(__dirname, 'properties');
const leftOut = readdirSync(propertiesDir)
  .filter((file) => file.endsWith('.test.ts'))
  .filter((file) => SPAWNS_PROCESSES.includes(file) || LOADS_MODELS.test(readFileSync(join(propertiesDir, file), 'utf8')))
  .map((file) => `/properties/${file.replace(/\./g, '\\.')}$`);

const config: Config = {
  ...base,
  testPathIgnorePatterns: [...(base.testPathIgnorePatterns ?? []), ...leftOut],
  // No TensorFlow.js in these files: its quieting setup would only cost a load per file per mutant.
  setupFiles: ['<rootDir>/properties/seed.ts'],
};

export default config;
