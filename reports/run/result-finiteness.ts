/**
 * Finds the first non-finite number (NaN, ±Infinity) inside a check's result, so that a check
 * that produced one is reported as an error rather than printing NaN in a report.
 */
export function firstNonFinitePath(value: unknown, path = 'result'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonFinitePath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = firstNonFinitePath(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
