import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from './plot-spec';

/**
 * Renders a vega-lite spec to SVG text, headless (no canvas: vega estimates text widths).
 * vega and vega-lite are ESM-only with top-level await, so they are loaded by dynamic import
 * here, never at module load: this module stays requirable from CommonJS and jest.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises SVG text to PNG at twice its size, with the system's fonts. */
export function svgToPng(svg: string): Uint8Array {
  const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', logLevel: 'off' }).render();
  return image.asPng();
}
