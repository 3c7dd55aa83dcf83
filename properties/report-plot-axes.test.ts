import { test } from '@fast-check/jest';
import fc from 'fast-check';
import type { Plot, SeriesPoint } from '../reports/claims/kit/claim-check';
import { axisDomain } from '../reports/render/axis-domain';
import { plotSpec } from '../reports/render/plot-spec';

/** The parts of a plot spec these properties read. */
interface SpecView {
  data: { values: { x: number; y: number; lower?: number; upper?: number }[] };
  layer: { encoding: Record<string, { scale?: { type: string; domain?: [number, number]; nice?: boolean; zero?: boolean } }> }[];
}

function axes(plot: Plot) {
  const spec = plotSpec(plot) as unknown as SpecView;
  const { x, y } = spec.layer[2]!.encoding;
  return { rows: spec.data.values, x: x!.scale!, y: y!.scale! };
}

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const point: fc.Arbitrary<SeriesPoint> = fc
  .record({
    x: value,
    y: value,
    band: fc.option(fc.tuple(fc.double({ min: 0, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }))),
  })
  .map(({ x, y, band }) => (band ? { x, y, lower: y - band[0], upper: y + band[1] } : { x, y }));
const plot: fc.Arbitrary<Plot> = fc.record({
  title: fc.string(),
  xLabel: fc.constant('x'),
  yLabel: fc.constant('y'),
  logX: fc.boolean(),
  logY: fc.boolean(),
  series: fc.array(
    fc.record({ name: fc.uuid(), role: fc.constantFrom('bound', 'measured', 'reference'), points: fc.array(point, { maxLength: 8 }) }),
    { minLength: 1, maxLength: 4 },
  ),
});

describe('report: plot axes span the data (issue 12)', () => {
  test.prop([plot])(
    'every drawn value lies in its axis domain, whose ends are the extreme drawn values; nothing is rounded out or forced to 0',
    (p) => {
      const { rows, x, y } = axes(p);
      const xs = rows.map((r) => r.x);
      const ys = rows.flatMap((r) => [r.y, r.lower, r.upper].filter((v): v is number => v !== undefined));
      for (const [scale, values, log] of [
        [x, xs, p.logX],
        [y, ys, p.logY],
      ] as const) {
        expect(scale.type).toBe(log ? 'log' : 'linear');
        if (values.length === 0) {
          expect(scale.domain).toBeUndefined();
          continue;
        }
        const [low, high] = scale.domain!;
        expect(scale.nice).toBe(false);
        if (!log) expect(scale.zero).toBe(false);
        for (const v of values) expect(low <= v && v <= high).toBe(true);
        if (Math.min(...values) < Math.max(...values)) expect([low, high]).toEqual([Math.min(...values), Math.max(...values)]);
        if (log) expect(low).toBeGreaterThan(0);
      }
    },
  );

  test('report: a log axis over less than a decade spans the data, not whole decades', () => {
    const { x, y } = axes({
      title: 'F4',
      xLabel: 'N',
      yLabel: 'rate',
      logX: true,
      logY: true,
      series: [
        {
          name: 'transformer',
          role: 'measured',
          points: [64, 65_536].map((n, i) => ({ x: n, y: 0.05 - 0.01 * i, lower: 0.03, upper: 0.06 })),
        },
      ],
    });
    expect(x.domain).toEqual([64, 65_536]);
    expect(y.domain).toEqual([0.03, 0.06]);
  });

  test('report: a single value is widened to a visible interval around it', () => {
    expect(axisDomain([3, 3], false)).toEqual([1.5, 4.5]);
    expect(axisDomain([0], false)).toEqual([-1, 1]);
    const [low, high] = axisDomain([0.01], true)!;
    expect(low).toBeCloseTo(0.01 / Math.sqrt(10), 15);
    expect(high).toBeCloseTo(0.01 * Math.sqrt(10), 15);
    expect(axisDomain([0, -1], true)).toBeUndefined();
    expect(axisDomain([], false)).toBeUndefined();
  });
});
