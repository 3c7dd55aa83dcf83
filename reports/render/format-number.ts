import type { NumberValue } from '../claims/kit/claim-check';

/**
 * A number as the reports print it: integers in full (up to 1e6), others to 3 significant
 * digits, and scientific notation outside [1e-3, 1e6), e.g. 6.02e-58. Never prints NaN or
 * Infinity, and never rounds a non-integer to look like an integer.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e6) return String(value);
  if (magnitude >= 1e-3 && magnitude < 1e6) return fixedNotation(value);
  const [mantissa, exponent] = value.toExponential(2).split('e');
  return `${stripTrailingZeros(mantissa!)}e${exponent!.replace('+', '')}`;
}

/** A key number of a claim result: numbers formatted, strings and booleans as they are. */
export function formatNumberValue(value: NumberValue): string {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/**
 * 3 significant digits, unless that would round a non-integer to an integer (0.999999 to 1,
 * 1234.5 to 1230): then up to 6, and a leading ≈ if even those do.
 */
function fixedNotation(value: number): string {
  const short = Number(value.toPrecision(3));
  if (!Number.isInteger(short)) return String(short);
  const long = Number(value.toPrecision(6));
  return Number.isInteger(long) ? `≈${long}` : String(long);
}

function stripTrailingZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/\.?0+$/, '') : decimal;
}
