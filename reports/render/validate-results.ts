import Ajv, { type ErrorObject } from 'ajv';
import { resultsJsonSchema } from '../run/results-json-schema';
import type { ClaimRecord, RunResults } from '../run/run-results';

// The schema is generated from the zod schemas of reports/run/run-results.ts (results.schema.json is its committed copy).
const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).addSchema(resultsJsonSchema(), 'results');
const validateAgainstSchema = ajv.compile<RunResults>({ $ref: 'results' });
const validateRecordAgainstSchema = ajv.compile<ClaimRecord>({ $ref: 'results#/definitions/claimRecord' });

/**
 * Checks that `json` (a parsed results.json, possibly from a foreign or corrupted folder) is a
 * well-formed RunResults, against the JSON Schema generated from RunResultsSchema
 * (reports/run/run-results.ts) and the cross-field rules the schema cannot state. Throws an Error
 * whose one-line message names the first failing path.
 */
export function validateResults(json: unknown): RunResults {
  if (!validateAgainstSchema(json)) {
    const first = validateAgainstSchema.errors?.[0];
    throw new Error(first ? `invalid run results at ${describeError(first)}` : 'invalid run results');
  }
  const seen = new Set<string>();
  json.claims.forEach((record, index) => {
    if (seen.has(record.id)) throw new Error(`invalid run results at /claims/${index}/id: claim ${record.id} appears twice`);
    seen.add(record.id);
    if (record.result && record.result.id !== record.id) {
      throw new Error(`invalid run results at /claims/${index}/result/id: result for ${record.result.id} filed under claim ${record.id}`);
    }
  });
  return json;
}

/** Checks one claim cell (cells/<id>.json of a run) against the schema's claimRecord definition. */
export function validateClaimRecord(json: unknown): ClaimRecord {
  if (!validateRecordAgainstSchema(json)) {
    const first = validateRecordAgainstSchema.errors?.[0];
    throw new Error(first ? `invalid claim cell at ${describeError(first)}` : 'invalid claim cell');
  }
  return json;
}

function describeError(error: ErrorObject): string {
  const path = error.instancePath === '' ? '(root)' : error.instancePath;
  return `${path}: ${error.message ?? 'is invalid'}${detail(error.params)}`;
}

/** The offending or allowed values ajv knows, so the message says what to fix. */
function detail(params: Record<string, unknown>): string {
  if (Array.isArray(params.allowedValues)) return ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  if ('allowedValue' in params) return ` (${JSON.stringify(params.allowedValue)})`;
  if (typeof params.additionalProperty === 'string') return ` ('${params.additionalProperty}')`;
  return '';
}
