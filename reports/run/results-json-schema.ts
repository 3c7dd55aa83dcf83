import { join } from 'node:path';
import { z } from 'zod';
import { RunResultsSchema } from './run-results';

/** Where the generated JSON Schema of results.json is committed, for readers and other tools. */
export const RESULTS_SCHEMA_PATH = join(__dirname, 'results.schema.json');

/**
 * The JSON Schema (draft-07) of results.json, generated from the zod schemas in run-results.ts.
 * Every schema with an `id` becomes a definition; `readOnly` (from zod's `.readonly()`, which only
 * makes the TypeScript arrays readonly) is left out, as are integer bounds at Number.MAX_SAFE_INTEGER.
 */
export function resultsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RunResultsSchema, {
    target: 'draft-07',
    override: ({ jsonSchema }) => {
      delete jsonSchema.readOnly;
      // draft-07 ignores siblings of $ref, so zod wraps a lone $ref in allOf; unwrap it when nothing sits beside it.
      const { allOf, ...rest } = jsonSchema;
      if (Object.keys(rest).length === 0 && allOf?.length === 1) {
        delete jsonSchema.allOf;
        Object.assign(jsonSchema, allOf[0]);
      }
      if (jsonSchema.type === 'integer' && jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (jsonSchema.type === 'integer' && jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    },
  }) as Record<string, unknown>;
}
