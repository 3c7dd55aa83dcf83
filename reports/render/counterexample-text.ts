/**
 * A counterexample (a JSON value, as read back from results.json) as readable JSON for the reports: arrays of plain values on one line, long
 * arrays and strings cut with a note of what was left out, deep nesting elided. The full value
 * stays in results.json.
 */

const MAX_ARRAY_ITEMS = 24;
const MAX_STRING_LENGTH = 300;
const MAX_DEPTH = 6;
const MAX_LINES = 80;
const INDENT = '  ';

export function counterexampleText(value: unknown): string {
  const lines = pretty(value, 0).split('\n');
  if (lines.length <= MAX_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines (full value in results.json)`].join('\n');
}

function pretty(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  if (depth >= MAX_DEPTH) return JSON.stringify('… nested too deep to show');
  const pad = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ARRAY_ITEMS).map((item) => pretty(item, depth + 1));
    if (value.length > MAX_ARRAY_ITEMS) shown.push(JSON.stringify(`… ${value.length - MAX_ARRAY_ITEMS} more items`));
    if (shown.length === 0) return '[]';
    if (value.every((item) => item === null || typeof item !== 'object')) return `[${shown.join(', ')}]`;
    return `[\n${shown.map((item) => pad + item).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value).map(([key, item]) => `${pad}${JSON.stringify(key)}: ${pretty(item, depth + 1)}`);
  return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${close}}`;
}

/** A string, number, boolean or null as JSON; NaN and Infinity print as null, as JSON has them. */
function scalar(value: unknown): string {
  if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) {
    return JSON.stringify(`${value.slice(0, MAX_STRING_LENGTH)}… (${value.length - MAX_STRING_LENGTH} more characters)`);
  }
  return JSON.stringify(value) ?? 'null';
}
