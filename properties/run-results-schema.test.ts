import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { RESULTS_SCHEMA_PATH, resultsJsonSchema } from '../reports/run/results-json-schema';
import { FIELD_REQUIRED_BY_STATUS } from '../reports/run/run-results';

describe('run: results.schema.json is generated from the zod schemas', () => {
  test('the committed reports/run/results.schema.json equals the generated schema (regenerate: npm run results-schema)', () => {
    expect(JSON.parse(readFileSync(RESULTS_SCHEMA_PATH, 'utf8'))).toEqual(resultsJsonSchema());
  });

  test('it is a strict draft-07 schema with every definition the validator refers to', () => {
    const schema = resultsJsonSchema() as { $schema: string; definitions: Record<string, unknown> };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(schema.definitions).sort()).toEqual(
      ['claimId', 'claimRecord', 'claimResult', 'environment', 'headline', 'plot', 'series', 'seriesPoint'].sort(),
    );
    expect(() => new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema)).not.toThrow();
    expect(JSON.stringify(schema)).not.toMatch(/readOnly|9007199254740991/);
  });

  test('a claim result carries its headline (bound, measured, margin); margin is optional', () => {
    const { definitions } = resultsJsonSchema() as {
      definitions: { claimResult: { properties: Record<string, unknown>; required: string[] }; headline: { required: string[] } };
    };
    expect(definitions.claimResult.properties.headline).toEqual({ $ref: '#/definitions/headline' });
    expect(definitions.claimResult.required).toContain('headline');
    expect(definitions.headline.required).toEqual(['bound', 'measured']);
  });

  test('a claim record requires the field its status calls for, and `reported` exactly for kind report', () => {
    const { definitions } = resultsJsonSchema() as { definitions: { claimRecord: { allOf: unknown[] } } };
    const verdictIs = (verdict: object) => ({ properties: { result: { type: 'object', properties: { verdict } } } });
    expect(definitions.claimRecord.allOf).toEqual([
      ...Object.entries(FIELD_REQUIRED_BY_STATUS).map(([status, field]) => ({
        if: { properties: { status: { const: status } } },
        // biome-ignore lint/suspicious/noThenProperty: the if/then keywords of JSON Schema
        then: { required: [field] },
      })),
      {
        if: { properties: { kind: { const: 'report' } }, required: ['kind'] },
        // biome-ignore lint/suspicious/noThenProperty: the if/then keywords of JSON Schema
        then: verdictIs({ const: 'reported' }),
        else: verdictIs({ not: { const: 'reported' } }),
      },
    ]);
    expect(FIELD_REQUIRED_BY_STATUS).toEqual({ implemented: 'result', error: 'error' });
  });
});
