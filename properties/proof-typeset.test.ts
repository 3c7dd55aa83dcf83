import { relationTex } from '../bounds/proofs/formula';
import { CLAIM_IDS, CLAIMS, type ProofStep } from '../bounds/registry';
import { typesetSvg } from '../reports/render/typeset';

const steps: ProofStep[] = CLAIM_IDS.flatMap((id) => [...((CLAIMS[id] as { steps?: readonly ProofStep[] }).steps ?? [])]);

/** Every URL-like reference in an SVG string except the SVG (and XLink) namespace declarations. */
function externalReferences(svg: string): string[] {
  const withoutNamespaces = svg.replaceAll('http://www.w3.org/2000/svg', '').replaceAll('http://www.w3.org/1999/xlink', '');
  return [...withoutNamespaces.matchAll(/https?:|url\(|xlink:href="(?!#)|href="(?!#)/g)].map((m) => m[0]);
}

describe('typesetting (MathJax SVG, inline, self-contained)', () => {
  test.each(steps.map((s) => [s.id, s] as const))('%s: its toTex typesets to an inline <svg> with no external reference', (_, step) => {
    const svg = typesetSvg(relationTex(step.lhs, step.relation, step.rhs));
    expect(svg).toContain('<svg');
    expect(svg).not.toContain('merror');
    expect(externalReferences(svg)).toEqual([]);
  });

  test('negative control: the reference scan finds a url( and an http reference', () => {
    expect(
      externalReferences('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.test/a.png"/><path style="fill:url(#a)"/></svg>'),
    ).toHaveLength(3);
  });
});
