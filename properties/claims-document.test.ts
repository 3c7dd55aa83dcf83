import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLAIMS_DOCUMENT_PATH, claimsDocument } from '../bounds/claims-document';
import { CLAIM_IDS, CLAIMS, type ClaimEntry } from '../bounds/registry';

const ROOT = join(__dirname, '..');
/** The folders whose code comments cite the claims document by section. */
const CITING_FOLDERS = ['theory', 'bounds', 'model', 'reports', 'bench', 'properties'] as const;
/** A section citation: the document's name, then § and the section number (possibly across a comment line break). */
const CITATION = /CLAIMS\.md[\s*/]*§\s*(\d+)/g;

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Source {
  readonly file: string;
  readonly text: string;
}

function citations(source: Source): { file: string; section: number }[] {
  return [...source.text.matchAll(CITATION)].map((m) => ({ file: source.file, section: Number(m[1]) }));
}

/** Each citation in `sources` of a section that `document` lacks, as `file: §n`. */
function unresolvedCitations(sources: readonly Source[], document: string): string[] {
  const sections = new Set(sectionNumbers(document));
  return sources
    .flatMap(citations)
    .filter((c) => !sections.has(c.section))
    .map((c) => `${c.file}: §${c.section}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The numbers of the document's `## §n` sections, in order. */
function sectionNumbers(document: string): number[] {
  return [...document.matchAll(/^## §(\d+) /gm)].map((m) => Number(m[1]));
}

/** Claim `id`'s subsection: from its `### id:` heading to the next heading of level 2 or 3. */
function claimSubsection(document: string, id: string): string | undefined {
  const start = document.indexOf(`\n### ${id}: `);
  if (start < 0) return undefined;
  const rest = document.slice(start + 1);
  const headingEnd = rest.indexOf('\n');
  const end = rest.slice(headingEnd).search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, headingEnd + end);
}

describe(`the claims document (${CLAIMS_DOCUMENT_PATH})`, () => {
  const document = claimsDocument();

  test('is up to date with the registry', () => {
    const onDisk = readFileSync(join(ROOT, CLAIMS_DOCUMENT_PATH), 'utf8');
    if (onDisk === document) return;
    const generated = document.split('\n');
    const stale = onDisk.split('\n');
    const line = Array.from({ length: Math.max(stale.length, generated.length) }, (_, i) => i).find((i) => stale[i] !== generated[i]) ?? 0;
    throw new Error(
      `${CLAIMS_DOCUMENT_PATH} is out of date with bounds/registry.ts (first difference at line ${line + 1}): ` +
        'run `npm run claims-doc` and commit the result.',
    );
  });

  test('has sections §1 to §4, in order', () => {
    expect(sectionNumbers(document)).toEqual([1, 2, 3, 4]);
  });

  test('states every claim of the registry, in the table and in its own subsection with each constant and its exact value', () => {
    for (const id of CLAIM_IDS) {
      const claim = CLAIMS[id];
      const row = document.split('\n').find((line) => line.startsWith(`| ${id} `));
      expect(row?.split('|').map((cell) => cell.trim())).toEqual(['', id, claim.provenance, claim.kind, claim.title, '']);
      const section = claimSubsection(document, id);
      expect(section).toBeDefined();
      expect(section).toContain(`\`${claim.provenance}\``);
      expect(section).toContain(`\`${claim.kind}\``);
      const constants = Object.entries(claim.constants);
      if (constants.length === 0) expect(section).toContain('Constants: none.');
      for (const [name, value] of constants)
        expect(section).toMatch(new RegExp(`\\| \`${name}\` +\\| \`${escapeRegExp(String(value))}\` +\\|`));
    }
  });

  test("shows each proved claim's end-statement formula and its proof, step by step, as the registry's mathjs text", () => {
    for (const id of CLAIM_IDS) {
      const claim: ClaimEntry = CLAIMS[id];
      const section = claimSubsection(document, id)!;
      if (claim.bound !== undefined) expect(section).toContain(`End statement, as checked: `);
      if (claim.bound !== undefined) expect(section).toContain(`\`${claim.bound.lhs} ${claim.bound.relation} ${claim.bound.rhs}\``);
      for (const step of claim.steps ?? []) {
        expect(section).toContain(`- ${step.id}. **${step.kind}.** `);
        expect(section).toContain(`\`${step.lhs} ${step.relation} ${step.rhs}\``);
      }
      if (claim.steps === undefined) expect(section).not.toContain('Proof (');
    }
    expect(['B1', 'B2', 'C2', 'D1', 'E2', 'F1'].every((id) => claimSubsection(document, id)?.includes('Proof ('))).toBe(true);
  });

  test('has every section that a code comment cites', () => {
    const sources = CITING_FOLDERS.flatMap((folder) =>
      typeScriptFiles(join(ROOT, folder)).map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') })),
    );
    expect(sources.flatMap(citations).length).toBeGreaterThan(0);
    expect(unresolvedCitations(sources, document)).toEqual([]);
  });

  test('the citation scan finds citations across comment line breaks and flags a missing section (negative control)', () => {
    const cite = (section: string) => `CLAIMS.md ${section}`;
    const text = `/** ${cite('§2')}, and\n * ${'CLAIMS.md'}\n * §4, and ${cite('§9')}. */`;
    expect(citations({ file: 'x.ts', text }).map((c) => c.section)).toEqual([2, 4, 9]);
    expect(unresolvedCitations([{ file: 'x.ts', text }], document)).toEqual(['x.ts: §9']);
  });
});
