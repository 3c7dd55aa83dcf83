import { execFileSync } from 'node:child_process';
import { writeFileAtomic } from '../../model/atomic-file';
import { RESULTS_SCHEMA_PATH, resultsJsonSchema } from './results-json-schema';

/**
 * `npm run results-schema`: writes reports/run/results.schema.json from the zod schemas, formatted
 * by Biome as `npm run lint` expects. properties/run-results-schema.test.ts fails while the
 * committed file differs from the generated schema.
 */
const json = `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`;
const formatted = execFileSync(
  process.execPath,
  [require.resolve('@biomejs/biome/bin/biome'), 'format', `--stdin-file-path=${RESULTS_SCHEMA_PATH}`],
  { input: json, encoding: 'utf8' },
);
writeFileAtomic(RESULTS_SCHEMA_PATH, formatted);
process.stderr.write(`wrote ${RESULTS_SCHEMA_PATH}\n`);
