/**
 * Input validation shared by every public function. Each error names the parameter and the
 * offending value, so the CLI can print it as one line.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function fail(parameter: string, value: unknown, requirement: string): never {
  throw new InputError(`${parameter} must be ${requirement}, got ${formatValue(value)}`);
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

export function assertInteger(parameter: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(parameter, value, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`);
  }
  return value;
}

export function assertPositive(parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(parameter, value, 'a finite number > 0');
  return value;
}

export function assertFinite(parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(parameter, value, 'a finite number');
  return value;
}

export function assertInRange(parameter: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(parameter, value, `a finite number ${rangeText(min, max)}`);
  }
  return value;
}

/** [min, max] in words: Number.MIN_VALUE reads as "> 0" and Number.MAX_VALUE as no upper end. */
function rangeText(min: number, max: number): string {
  const lower = min === Number.MIN_VALUE ? '> 0' : `>= ${min}`;
  if (max === Number.MAX_VALUE) return lower;
  return min === Number.MIN_VALUE ? `${lower} and <= ${max}` : `in [${min}, ${max}]`;
}
