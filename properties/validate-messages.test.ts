import { assertFinite, assertInRange, assertInteger, assertPositive, fail, InputError } from '../theory/validate';

/** One-line errors name the bad value and the range in words, never as [5e-324, 1.79e308]. */
describe('range messages', () => {
  const message = (min: number, max: number): string => {
    try {
      assertInRange('x', -1, min, max);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('no error');
  };

  test.each([
    [Number.MIN_VALUE, Number.MAX_VALUE, 'a finite number > 0'],
    [0, Number.MAX_VALUE, 'a finite number >= 0'],
    [Number.MIN_VALUE, 0.5, 'a finite number > 0 and <= 0.5'],
    [0, 1, 'a finite number in [0, 1]'],
  ])('range [%p, %p] reads as "%s"', (min, max, words) => {
    const text = message(min, max);
    expect(text).toContain(words);
    expect(text).toContain('-1');
    expect(text).not.toMatch(/5e-324|1\.7976931348623157e\+308/);
  });
});

/** Catches what `run` throws (it must throw). */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('no error');
}

describe('validation messages name the parameter, the requirement and the value', () => {
  test('fail: an InputError reading "<parameter> must be <requirement>, got <value>"', () => {
    const error = thrown(() => fail('width', 3, 'even'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe('width must be even, got 3');
  });

  test.each([
    ['a string, quoted', 'abc', '"abc"'],
    ['a number, as String() writes it', -0.25, '-0.25'],
    ['NaN', Number.NaN, 'NaN'],
    ['undefined (which JSON cannot write)', undefined, 'undefined'],
    ['null', null, 'null'],
    ['an array, as JSON', [1, 2], '[1,2]'],
    ['an object, as JSON', { kind: 'x' }, '{"kind":"x"}'],
    ['a function (which JSON cannot write)', Math.max, 'function max() { [native code] }'],
    ['a bigint (which JSON cannot write)', 10n, '10'],
  ])('the value: %s', (_what, value, written) => {
    expect(thrown(() => fail('p', value, 'r')).message).toBe(`p must be r, got ${written}`);
  });

  test('JSON of at most 80 characters is written whole; longer JSON is cut to 77 and "..."', () => {
    const long = ['y'.repeat(100)];
    expect(thrown(() => fail('p', long, 'r')).message).toBe(`p must be r, got ${JSON.stringify(long).slice(0, 77)}...`);
    const exactly81 = ['z'.repeat(77)]; // ["zzz…"] is 81 characters
    expect(JSON.stringify(exactly81)).toHaveLength(81);
    expect(thrown(() => fail('p', exactly81, 'r')).message).toBe(`p must be r, got ${JSON.stringify(exactly81).slice(0, 77)}...`);
    const exactly80 = ['z'.repeat(76)];
    expect(JSON.stringify(exactly80)).toHaveLength(80);
    expect(thrown(() => fail('p', exactly80, 'r')).message).toBe(`p must be r, got ${JSON.stringify(exactly80)}`);
  });

  test('a value JSON cannot write (a cycle) is written by String()', () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(thrown(() => fail('p', cycle, 'r')).message).toBe('p must be r, got [object Object]');
  });

  test('assertInteger: accepts the ends of its range, returns the value', () => {
    expect(assertInteger('k', 2, 2)).toBe(2);
    expect(assertInteger('k', 5, 2, 5)).toBe(5);
    expect(assertInteger('k', Number.MAX_SAFE_INTEGER, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  test.each([
    [1, 2, undefined, 'k must be an integer >= 2, got 1'],
    [6, 2, 5, 'k must be an integer in [2, 5], got 6'],
    [1, 2, 5, 'k must be an integer in [2, 5], got 1'],
    [2.5, 2, 5, 'k must be an integer in [2, 5], got 2.5'],
    ['3', 2, 5, 'k must be an integer in [2, 5], got "3"'],
    [Number.POSITIVE_INFINITY, 0, undefined, 'k must be an integer >= 0, got Infinity'],
  ])('assertInteger rejects %p (min %p, max %p)', (value, min, max, message) => {
    expect(thrown(() => assertInteger('k', value, min, max)).message).toBe(message);
  });

  test('assertPositive: accepts the smallest positive number, rejects 0, negatives, ∞, NaN and non-numbers', () => {
    expect(assertPositive('s', Number.MIN_VALUE)).toBe(Number.MIN_VALUE);
    expect(assertPositive('s', 3)).toBe(3);
    for (const [value, written] of [
      [0, '0'],
      [-1, '-1'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NaN, 'NaN'],
      ['2', '"2"'],
    ] as const) {
      expect(thrown(() => assertPositive('s', value)).message).toBe(`s must be a finite number > 0, got ${written}`);
    }
  });

  test('assertFinite: accepts any finite number, rejects ±∞, NaN and non-numbers', () => {
    expect(assertFinite('x', -1e308)).toBe(-1e308);
    expect(assertFinite('x', 0)).toBe(0);
    for (const [value, written] of [
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      [Number.NaN, 'NaN'],
      [null, 'null'],
    ] as const) {
      expect(thrown(() => assertFinite('x', value)).message).toBe(`x must be a finite number, got ${written}`);
    }
  });

  test('assertInRange: both ends are inside; just outside either end, ∞ and non-numbers are not', () => {
    expect(assertInRange('a', 0, 0, 1)).toBe(0);
    expect(assertInRange('a', 1, 0, 1)).toBe(1);
    expect(thrown(() => assertInRange('a', -Number.MIN_VALUE, 0, 1)).message).toBe('a must be a finite number in [0, 1], got -5e-324');
    expect(thrown(() => assertInRange('a', 1.0000000000000002, 0, 1)).message).toBe(
      'a must be a finite number in [0, 1], got 1.0000000000000002',
    );
    expect(thrown(() => assertInRange('a', Number.POSITIVE_INFINITY, 0, Number.MAX_VALUE)).message).toBe(
      'a must be a finite number >= 0, got Infinity',
    );
    expect(thrown(() => assertInRange('a', '0.5', 0, 1)).message).toBe('a must be a finite number in [0, 1], got "0.5"');
  });
});
