import { z } from 'zod';
import { fail, InputError } from '../../theory/validate';

/*
 * Shared by the command files: commander turns each flag's text into a number (naming the flag
 * when it is not one), then one zod schema per command validates and types the parsed options.
 * Every schema message is a requirement ("an integer >= 1"), so that a bad option reads
 * `--flag must be <requirement>, got <value>` on one line.
 */

/** commander argument parser: a finite number, naming the flag on failure. */
export function numberOption(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) fail(flag, text, 'a finite number');
    return value;
  };
}

/** commander argument parser: an integer, naming the flag on failure. */
export function integerOption(flag: string): (text: string) => number {
  return (text) => {
    if (!/^-?\d+$/.test(text.trim())) fail(flag, text, 'an integer');
    return Number(text);
  };
}

/**
 * An integer >= min from the environment variable `name` (the default of a flag), naming the
 * variable when it is not one; undefined when it is unset or empty.
 */
export function integerFromEnvironment(name: string, min: number): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) fail(name, text, `an integer >= ${min}`);
  return Number(text);
}

/** A finite number satisfying `test`; `requirement` says which, e.g. "a finite number > 0". */
function finiteNumber(requirement: string, test: (value: number) => boolean = () => true) {
  return z.number({ error: requirement }).refine(test, { error: requirement });
}

/** An integer >= min (and <= max when given). */
export function integerAtLeast(min: number, max?: number) {
  const requirement = max === undefined ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  return finiteNumber(requirement, (v) => Number.isInteger(v) && v >= min && (max === undefined || v <= max));
}

/** A finite number > 0. */
export const positiveNumber = () => finiteNumber('a finite number > 0', (v) => v > 0);

/** A finite number >= 0. */
export const nonNegativeNumber = () => finiteNumber('a finite number >= 0', (v) => v >= 0);

/** A seed of Rng: an integer in [0, 2^32 − 1]. */
export const seedNumber = () => integerAtLeast(0, 0xffffffff);

/** One of `values`, listing them all when the value is another. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `one of ${values.join(', ')}` });
}

/** `betaCap` → `--beta-cap`. */
export function flagOf(key: PropertyKey): string {
  return `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'number' ? String(value) : String(JSON.stringify(value) ?? value);
}

/**
 * Validates a command's options (as commander parsed them) with its schema. The first problem
 * becomes a one-line InputError naming the flag: `--flag must be …, got …`, `--flag is required
 * for <scope>`, or `--flag does not apply to <scope>` (an option of a strict schema that is not
 * its own). `scope` names the choice that decides which options apply, e.g. "--target approx".
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: Record<string, unknown>,
  scope?: (options: Record<string, unknown>) => string,
): z.output<Schema> {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const parsed = schema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issues = [...parsed.error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  const issue = issues[0]!;
  const where = scope ? ` ${scope(given)}` : '';
  if (issue.code === 'unrecognized_keys') {
    const flags = issue.keys.map(flagOf);
    throw new InputError(`${flags.join(', ')} ${flags.length > 1 ? 'do' : 'does'} not apply to${where || ' this command'}`);
  }
  const key = issue.path[0];
  if (key === undefined) throw new InputError(issue.message);
  const value = given[key as string];
  if (value === undefined) throw new InputError(`${flagOf(key)} is required${where ? ` for${where}` : ''}`);
  // A discriminated union's bad discriminator: list its values rather than zod's wording.
  const choices = (issue as { options?: unknown }).options;
  const requirement = issue.code === 'invalid_union' && Array.isArray(choices) ? `one of ${choices.join(', ')}` : issue.message;
  throw new InputError(`${flagOf(key)} must be ${requirement}, got ${formatValue(value)}`);
}
