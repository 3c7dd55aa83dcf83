export type TopLevelSpec = import('vega-lite', { with: { 'resolution-mode': 'import' }}).TopLevelSpec;

import type { Plot, Series, SeriesPoint } from '../claims/kit/claim-check';
import { axisDomain } from './axis-domain';
import { wrapLines } from './wrap-lines';

/** Solid for measured curves, dashed for bounds, dotted for references. */
const ROLE_DASHES: readonly (readonly [Series['role'], number[]])[] = [
  ['measured', [1, 0]],
  ['bound', [7, 4]],
  ['reference', [2, 3]],
];

/** Characters per line of a plot's title (the plot and its legend are about 800 px wide). */
const TITLE_LINE_LENGTH = 100;
/** Pixels between an axis's end and the extreme plotted value, so end points are not cut in half. */
const AXIS_PADDING = 8;

/**
 * A claim's Plot as a vega-lite spec: one colour per series; 'bound' curves dashed, 'measured'
 * solid with points, 'reference' dotted; confidence bands as a shaded area with error bars. On a
 * log axis, points with non-positive values are left out (and the subtitle says how many), and
 * band ends at or below zero are drawn down to the smallest positive value in the plot. Each
 * axis spans the plotted values (axisDomain), and the title wraps onto lines.
 */
/** A quantitative position channel whose axis spans `values` (log when `log`). */
function quantitative<F extends 'x' | 'y'>(field: F, title: string, values: readonly number[], log: boolean | undefined) {
  return {
    field,
    type: 'quantitative',
    title,
    scale: scaleFor(log, axisDomain(values, log === true)),
    axis: axisFor(log),
  } as const;
}

export function plotSpec(plot: Plot): TopLevelSpec {
  const { rows, omitted } = plotRows(plot);
  const xValues = rows.map((row) => row.x);
  const yValues = rows.flatMap((row) => [row.y, row.lower, row.upper].filter((v): v is number => v !== undefined));
  const x = quantitative('x', plot.xLabel, xValues, plot.logX);
  const y = quantitative('y', plot.yLabel, yValues, plot.logY);
  const color = {
    field: 'series',
    type: 'nominal',
    title: 'series',
    scale: { domain: plot.series.map((s) => s.name), scheme: 'category10' },
    legend: { symbolType: 'circle', symbolOpacity: 1 },
  } as const;
  const roles = ROLE_DASHES.filter(([role]) => plot.series.some((s) => s.role === role));
  const hasBand = { filter: 'isValid(datum.lower) && isValid(datum.upper)' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: wrapLines(plot.title, TITLE_LINE_LENGTH),
      ...(omitted > 0 ? { subtitle: omittedNote(omitted) } : {}),
    },
    width: 520,
    height: 320,
    background: 'white',
    config: {
      font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
      legend: { orient: 'right', symbolStrokeWidth: 2, symbolSize: 300, labelLimit: 260 },
    },
    data: { values: rows },
    layer: [
      {
        transform: [hasBand],
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color },
      },
      {
        transform: [hasBand],
        mark: { type: 'rule', opacity: 0.55 },
        encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color },
      },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          strokeDash: {
            field: 'role',
            type: 'nominal',
            title: 'role',
            scale: { domain: roles.map(([role]) => role), range: roles.map(([, dash]) => dash) },
          },
        },
      },
      {
        transform: [{ filter: "datum.role === 'measured'" }],
        mark: { type: 'point', filled: true, size: 40 },
        encoding: { x, y, color },
      },
    ],
  };
}

/** One data row per plotted point, with the series it belongs to. */
interface PlotRow {
  readonly series: string;
  readonly role: Series['role'];
  readonly x: number;
  readonly y: number;
  readonly lower?: number;
  readonly upper?: number;
}

function plotRows(plot: Plot): { rows: PlotRow[]; omitted: number } {
  const bandFloor = plot.logY ? smallestPositiveY(plot) : undefined;
  const rows: PlotRow[] = [];
  let omitted = 0;
  for (const series of plot.series) {
    for (const point of series.points) {
      if ((plot.logX && point.x <= 0) || (plot.logY && point.y <= 0)) {
        omitted++;
        continue;
      }
      rows.push({ series: series.name, role: series.role, x: point.x, y: point.y, ...band(point, bandFloor) });
    }
  }
  return { rows, omitted };
}

/** The point's confidence band, raised to `floor` on a log axis; none if it lies below the axis. */
function band(point: SeriesPoint, floor: number | undefined): { lower?: number; upper?: number } {
  if (point.lower === undefined || point.upper === undefined) return {};
  if (floor === undefined) return { lower: point.lower, upper: point.upper };
  return point.upper > 0 ? { lower: Math.max(point.lower, floor), upper: point.upper } : {};
}

function smallestPositiveY(plot: Plot): number | undefined {
  const values = plot.series.flatMap((s) => s.points.flatMap((p) => [p.y, p.lower, p.upper]));
  const positive = values.filter((v): v is number => v !== undefined && v > 0);
  return positive.length > 0 ? Math.min(...positive) : undefined;
}

/** A log or linear scale over `domain` exactly (no rounding out to nice values, no forced zero). */
function scaleFor(log: boolean | undefined, domain: [number, number] | undefined) {
  const span = domain === undefined ? {} : { domain, nice: false, padding: AXIS_PADDING };
  return log ? ({ type: 'log', ...span } as const) : ({ type: 'linear', zero: false, ...span } as const);
}

/** Log axes drop trailing zeros from tick labels (1e-58, 0.001); linear axes keep vega's default format. */
function axisFor(log: boolean | undefined) {
  return log ? { format: '~g', grid: true } : { grid: true };
}

function omittedNote(omitted: number): string {
  return `${omitted} point${omitted === 1 ? '' : 's'} with non-positive values not shown on the log scale`;
}
