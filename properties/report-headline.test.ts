import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { headline, type LimitCheck, limitHeadline, tightestLimit } from '../reports/claims/kit/headline';

const check = (quantity: string, limit: number, measured: number, side: LimitCheck['side'] = 'at most'): LimitCheck => ({
  quantity,
  side,
  limit,
  measured,
  where: `at case ${quantity}`,
});

describe('report: a claims-table row (headline) per claim (issue 12)', () => {
  test('report: the row of a limit states it, the worst measured value with its cell, and limit − measured', () => {
    expect(limitHeadline(check('gap', 1e-12, 2e-16))).toEqual({
      bound: 'gap ≤ 1e-12',
      measured: '2e-16 at case gap',
      margin: 1e-12 - 2e-16,
    });
    expect(limitHeadline(check('excess', -1e-9, 3e-10, 'at least'))).toEqual({
      bound: 'excess ≥ -1e-9',
      measured: '3e-10 at case excess',
      margin: 3e-10 + 1e-9,
    });
  });

  test('report: a non-finite measurement keeps its text and drops the margin (results hold finite numbers only)', () => {
    expect(limitHeadline(check('ratio', 1, Infinity))).toEqual({ bound: 'ratio ≤ 1', measured: '∞ at case ratio' });
    expect(headline('b', 'm', NaN)).toEqual({ bound: 'b', measured: 'm' });
    expect(headline('b', 'm')).toEqual({ bound: 'b', measured: 'm' });
  });

  test('report: the tightest of several limits is one beyond its limit, else the largest measured/limit', () => {
    const near = check('near', 1, 0.9);
    const far = check('far', 1e-5, 1e-7);
    const failing = check('count', 0, 2);
    expect(tightestLimit([far, near])).toBe(near);
    expect(tightestLimit([near, failing, far])).toBe(failing);
    expect(tightestLimit([check('count', 0, 0), far])).toBe(far);
  });

  test.prop([
    fc.array(fc.tuple(fc.double({ min: 1e-9, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 2e3, noNaN: true })), {
      minLength: 1,
      maxLength: 6,
    }),
  ])('report: the tightest limit is the largest measured/limit, with a negative margin whenever any check is beyond its limit', (pairs) => {
    const checks = pairs.map(([limit, measured], i) => check(String(i), limit, measured)) as [LimitCheck, ...LimitCheck[]];
    const tightest = tightestLimit(checks);
    const row = limitHeadline(tightest);
    if (checks.some((c) => c.measured > c.limit)) expect(row.margin!).toBeLessThan(0);
    else expect(tightest.measured / tightest.limit).toBe(Math.max(...checks.map((c) => c.measured / c.limit)));
  });
});
