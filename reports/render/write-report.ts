import { join } from 'node:path';
import { writeFileAtomic } from '../../model/atomic-file';
import type { RunResults } from '../run/run-results';
import { renderHtml } from './html-report';
import { renderMarkdown } from './markdown-report';
import { plotSpec } from './plot-spec';
import { renderSvg, svgToPng } from './render-plot';
import { plotFileBase } from './report-content';
import { validateResults } from './validate-results';

/**
 * Writes a run's output folder, each file atomically: results.json (validated against its schema,
 * reports/run/results.schema.json, first; nothing is written if it is invalid), plots/<claim>-<n>.svg
 * and .png for every plot, report.md and report.html. The reports are rendered from results.json
 * as written, so they show exactly what the file holds.
 */
export async function writeReport(dir: string, results: RunResults): Promise<void> {
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const written = validateResults(JSON.parse(json));
  writeFileAtomic(join(dir, 'results.json'), json);

  const plotSvgs = new Map<string, string>();
  for (const record of written.claims) {
    for (const [index, plot] of (record.result?.plots ?? []).entries()) {
      const name = plotFileBase(record, index);
      const svg = await renderSvg(plotSpec(plot));
      writeFileAtomic(join(dir, 'plots', `${name}.svg`), svg);
      writeFileAtomic(join(dir, 'plots', `${name}.png`), svgToPng(svg));
      plotSvgs.set(name, svg);
    }
  }

  writeFileAtomic(join(dir, 'report.md'), renderMarkdown(written));
  writeFileAtomic(join(dir, 'report.html'), renderHtml(written, plotSvgs));
}
