import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { SVG } from 'mathjax-full/js/output/svg.js';

/**
 * TeX → inline SVG with MathJax's SVG output, in Node at report time, so the HTML report stays
 * self-contained: `fontCache: 'none'` writes every glyph's path into the SVG itself (no <use>
 * of a shared font cache, no external font, no URL). One document, built on first use.
 */
let convert: ((tex: string, display: boolean) => string) | undefined;

function converter(): (tex: string, display: boolean) => string {
  if (convert !== undefined) return convert;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const document = mathjax.document('', {
    InputJax: new TeX({ packages: AllPackages.filter((p) => p !== 'bussproofs') }),
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  convert = (tex, display) => adaptor.innerHTML(document.convert(tex, { display }));
  return convert;
}

/** `tex` as an inline SVG element string (inline math unless `display`). */
export function typesetSvg(tex: string, display = false): string {
  return converter()(tex, display);
}
