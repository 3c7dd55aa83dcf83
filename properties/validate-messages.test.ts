import { assertInRange } from '../theory/validate';

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
