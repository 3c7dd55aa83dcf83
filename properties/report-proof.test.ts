import { claimVariant } from '../bounds/proofs/check-steps';
import { CLAIM_IDS, CLAIMS, type ClaimId, claimEntry, type ProofStep } from '../bounds/registry';
import { e2Check } from '../reports/claims/E2';
import type { ClaimResult } from '../reports/claims/kit/claim-check';
import { renderHtml } from '../reports/render/html-report';
import { renderMarkdown } from '../reports/render/markdown-report';
import { claimRng } from '../reports/run/claim-streams';
import type { ClaimRecord, RunResults } from '../reports/run/run-results';

/*
 * The proofs in the report: every claim's statement formula and every proof step is typeset as an
 * inline SVG (MathJax, rendered at report time), the steps table shows the checked steps, a broken
 * claim's section opens with its first failing step, and report.html references nothing outside
 * itself.
 */

const SEED = 20250209;

function record(id: ClaimId, result?: ClaimResult): ClaimRecord {
  const { title, statement, provenance, kind } = claimEntry(id);
  const base = { id, title, statement, provenance, kind, replay: `npx tvem reproduce --only ${id}` };
  return result ? { ...base, status: 'implemented', result } : { ...base, status: 'not selected' };
}

function results(claims: Partial<Record<ClaimId, ClaimResult>>): RunResults {
  return {
    schemaVersion: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:01:00.000Z',
    seed: SEED,
    quick: true,
    environment: {
      tvemVersion: '0.1.0',
      node: 'v20',
      packages: {},
      backend: 'none',
      gitSha: 'unknown',
      cores: 1,
      platform: 'linux-x64',
    },
    claims: CLAIM_IDS.map((id) => record(id, claims[id])),
  };
}

async function runE2(claim = CLAIMS.E2 as Parameters<typeof e2Check>[0]): Promise<ClaimResult> {
  return e2Check(claim).run({ seed: SEED, rng: claimRng(SEED, 'E2'), quick: true, scale: { cases: 200 }, progress: { tick: () => {} } });
}

/** Every reference in `html` that would leave the document: http(s) URLs (XML namespaces aside), src/href not to an anchor, @import, url( not to an anchor. */
function externalReferences(html: string): string[] {
  const withoutNamespaces = html.replaceAll('http://www.w3.org/2000/svg', '').replaceAll('http://www.w3.org/1999/xlink', '');
  const patterns = [
    /https?:\/\/[^\s"'<>)]*/g,
    /\b(?:src|href)\s*=\s*(?:"(?!#)|'(?!#)|(?!["'#]))[^\s"'>]*/gi,
    /@import\b/gi,
    /url\(\s*(?:"(?!#)|'(?!#)|(?!["'#]))[^)]*\)/gi,
  ];
  return patterns.flatMap((p) => [...withoutNamespaces.matchAll(p)].map((m) => m[0]));
}

const stepsOf = (id: ClaimId): readonly ProofStep[] => (CLAIMS[id] as { steps?: readonly ProofStep[] }).steps ?? [];
const ALL_STEPS = CLAIM_IDS.flatMap((id) => stepsOf(id).map((s) => s.id));
const WITH_BOUND = CLAIM_IDS.filter((id) => (CLAIMS[id] as { bound?: unknown }).bound !== undefined);

/** The HTML of one table row (`<tr … data-step="id">…</tr>`) of a steps table. */
function stepRow(html: string, id: string): string | undefined {
  return html.match(new RegExp(`<tr [^>]*data-step="${id.replace('.', '\\.')}">.*?</tr>`, 's'))?.[0];
}

describe('report: proofs typeset inline, steps tables, self-contained HTML', () => {
  let html: string;
  let markdown: string;
  let e2: ClaimResult;
  beforeAll(async () => {
    e2 = await runE2();
    const run = results({ E2: e2 });
    html = renderHtml(run, new Map());
    markdown = renderMarkdown(run);
  }, 60_000);

  test('the registry has proof steps to show (B1, B2, C2, D1, E2, F1)', () => {
    expect(ALL_STEPS.length).toBeGreaterThanOrEqual(19);
  });

  test('report.html has no external reference: no http(s) URL but XML namespaces, no src/href/url( out of the page, no @import', () => {
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object/i);
  });

  test('negative control: the reference scan finds an outside URL, a src, an href, an @import and a url(', () => {
    const found = externalReferences(
      '<img src="a.png"><a href="https://x.test/">x</a><style>@import "y.css"; p { background: url(z.png) }</style><a href="#ok">ok</a>',
    );
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  test.each(ALL_STEPS)('%s: its formula is in its steps-table row as an inline SVG', (id) => {
    const row = stepRow(html, id);
    expect(row).toBeDefined();
    expect(row).toMatch(/<td class="formula"[^>]*><svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(row).not.toContain('merror');
  });

  test.each(WITH_BOUND)(
    '%s: its statement formula (the end statement) is typeset as an inline SVG, and its row ends the steps table',
    (id) => {
      expect(html).toMatch(new RegExp(`<div class="formula statement" data-formula="${id}"[^>]*><svg `));
      expect(stepRow(html, id)).toMatch(/<svg /);
    },
  );

  test('the steps table of a checked claim shows cases, the tightest slack and the verdict per step', () => {
    for (const step of e2.proof!.steps) {
      const row = stepRow(html, step.id)!;
      expect(row).toContain(`${step.casesChecked} cases`);
      expect(row).toContain(step.tightest!.caseLabel);
      expect(row).toContain(`>${step.verdict}`);
    }
    expect(stepRow(html, 'B2.3')).toContain('not run');
  });

  test('report.md shows the statement formulas as TeX and the steps as code', () => {
    expect(markdown).toContain('$$\n');
    expect(markdown).toContain('**Proof steps**');
    for (const id of ALL_STEPS) expect(markdown).toContain(`| ${id} (`);
    expect(markdown).toContain('| `abs(Dp_c - D_c) <= 2 * epsilon * r_c + epsilon ^ 2` |'.replace('`a', '` a').replace('2` |', '2 ` |'));
  });

  test('a broken claim’s section opens with its first failing step, typeset', async () => {
    const wrong = claimVariant(CLAIMS.E2, { steps: { 'E2.1': { rhs: '2 * epsilon * r_c' } } });
    const broken = await runE2(wrong);
    expect(broken.verdict).toBe('violated');
    const page = renderHtml(results({ E2: broken }), new Map());
    const section = page.match(/<section class="claim[^"]*" id="E2">.*?<\/section>/s)![0];
    const afterHeading = section.slice(section.indexOf('</h2>') + 5).trimStart();
    expect(afterHeading.startsWith('<div class="first-failing">')).toBe(true);
    expect(afterHeading).toMatch(/^<div class="first-failing"><p><strong>Broken proof: [^<]*First failing step: E2\.1, at case \d+/);
    expect(afterHeading.slice(0, afterHeading.indexOf('</div></div>'))).toContain('<svg ');
    const md = renderMarkdown(results({ E2: broken }));
    const mdSection = md.slice(md.indexOf('## E2:'));
    expect(mdSection.split('\n\n')[1]).toMatch(/^\*\*Broken proof: .*First failing step: E2\.1/);
    expect(externalReferences(page)).toEqual([]);
  }, 60_000);
});
