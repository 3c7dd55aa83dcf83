import type { z } from 'zod';
import { InputError } from '../../theory/validate';

/**
 * Parses `input` with a zod schema and returns the resolved config (defaults filled in). A bad
 * input is an InputError naming every offending field by its path, e.g.
 * "E-step experiment config: training.steps: Too small: expected number to be >=1".
 */
export function parseConfig<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(config)'}: ${issue.message}`);
  throw new InputError(`${what}: ${problems.join('; ')}`);
}
