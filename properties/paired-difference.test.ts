import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { meanSlack } from '../bounds/training-slack';
import { pairedDifference } from '../reports/claims/kit/paired-difference';
import { mean } from '../theory/sample-statistics';

/** reports/claims/kit/paired-difference.ts: the per-instance differences of two methods' rates on the same instances (claim F4's paired trend, and the paired-difference plots). */

const rate = fc.double({ min: 0, max: 1, noNaN: true });
/** Paired rates (a_j, b_j) on 2 to 60 instances. */
const pairs = fc.array(fc.tuple(rate, rate), { minLength: 2, maxLength: 60 });
const alpha = fc.double({ min: 1e-4, max: 0.2, noNaN: true });

describe('F4: pairedDifference', () => {
  test.prop([pairs, alpha])('F4: pairedDifference is the mean of a − b with meanSlack on the differences (width 2)', (ps, a) => {
    const x = ps.map(([u]) => u);
    const y = ps.map(([, v]) => v);
    const d = pairedDifference(x, y, a);
    expect(d.mean).toBeCloseTo(mean(x) - mean(y), 12);
    expect(d.slack).toBe(
      meanSlack(
        ps.map(([u, v]) => u - v),
        a,
        2,
      ).slack,
    );
    expect(d.above).toBe(d.mean - d.slack > 0);
    expect(d.below).toBe(d.mean + d.slack < 0);
    expect(d.above && d.below).toBe(false);
  });

  test.prop([pairs, alpha])(
    'F4: pairedDifference is antisymmetric: swapping a and b negates the mean and swaps above and below',
    (ps, a) => {
      const x = ps.map(([u]) => u);
      const y = ps.map(([, v]) => v);
      const forward = pairedDifference(x, y, a);
      const backward = pairedDifference(y, x, a);
      expect(backward.mean).toBeCloseTo(-forward.mean, 12);
      expect(backward.slack).toBeCloseTo(forward.slack, 12);
      expect([backward.above, backward.below]).toEqual([forward.below, forward.above]);
    },
  );

  it('F4: pairedDifference finds a constant gap of 0.2 on 300 instances, and no gap between equal rates', () => {
    const b = Array.from({ length: 300 }, (_, j) => (j % 10) / 20);
    const a = b.map((x) => x + 0.2);
    expect(pairedDifference(a, b, 0.05 / 7).above).toBe(true);
    expect(pairedDifference(b, a, 0.05 / 7).below).toBe(true);
    const same = pairedDifference(b, b, 0.05 / 7);
    expect([same.mean, same.above, same.below]).toEqual([0, false, false]);
  });
});
