import { CHECK_KINDS, CLAIM_IDS, CLAIMS, type ClaimEntry, PROVENANCES, type StatementFormula } from './registry';
import {
  CHECK_KIND_DEFINITIONS,
  CLAIMS_INTRODUCTION,
  MODEL_AND_NOTATION,
  PAPER_ABSTRACT_CLAIMS,
  PAPER_CITATION,
  PROVENANCE_DEFINITIONS,
  REFERENCE_ALGORITHMS,
  type SpecBlock,
  type SpecBullet,
  type SpecSection,
  STATISTICAL_CHECK_RULES,
} from './spec-text';

/** Where the generated document lives, relative to the repository root (`npm run claims-doc` writes it). */
export const CLAIMS_DOCUMENT_PATH = 'bounds/CLAIMS.md';

/** The heading of section §`number`: code comments cite it as `CLAIMS.md §n`. */
export function sectionHeading(number: number, title: string): string {
  return `## §${number} ${title}`;
}

/**
 * The claims document (bounds/CLAIMS.md) as Markdown: §1 Model and notation, §2 Reference
 * algorithms, §3 Claims (from the registry, bounds/registry.ts), §4 Rules for statistical checks.
 * Pure: the same registry and spec text give the same string.
 */
export function claimsDocument(): string {
  const parts = [
    introduction(),
    specSection(MODEL_AND_NOTATION),
    specSection(REFERENCE_ALGORITHMS),
    claimsSection(),
    specSection(STATISTICAL_CHECK_RULES),
  ];
  return `${parts.join('\n\n')}\n`;
}

function introduction(): string {
  return [
    '# Claims checked by transformers-vs-em',
    '<!-- Generated from bounds/registry.ts and bounds/spec-text.ts: do not edit by hand; run `npm run claims-doc`. -->',
    `The paper: ${PAPER_CITATION}`,
    'What the paper claims, in its own abstract:',
    PAPER_ABSTRACT_CLAIMS.map((claim, i) => `${i + 1}. ${claim}`).join('\n'),
    'This document is what the project verifies, readable without anything outside the repository: the model and notation (§1), ' +
      'the reference algorithms the checks compare against (§2), every claim with its provenance, check kind and constants (§3), ' +
      'and the rules every statistical check follows (§4). Code comments cite its sections as `CLAIMS.md §n` and its claims by id.',
    'It is generated from the claim registry, [bounds/registry.ts](registry.ts), and the prose in [bounds/spec-text.ts](spec-text.ts): ' +
      'do not edit it by hand; run `npm run claims-doc`. A test fails when it is out of date.',
  ].join('\n\n');
}

function specSection(section: SpecSection): string {
  return [sectionHeading(section.number, section.title), ...section.blocks.map(block)].join('\n\n');
}

function block(b: SpecBlock): string {
  return b.kind === 'paragraph' ? b.text : bulletList(b.items, 0);
}

function bulletList(items: readonly SpecBullet[], depth: number): string {
  return items.map((item) => bullet(item, depth)).join('\n');
}

function bullet(item: SpecBullet, depth: number): string {
  const text = [item.lead === undefined ? '' : `**${item.lead}**`, item.text].filter((s) => s !== '').join(' ');
  const line = `${'  '.repeat(depth)}- ${text}`;
  return item.items === undefined ? line : `${line}\n${bulletList(item.items, depth + 1)}`;
}

function claimsSection(): string {
  const claims: readonly ClaimEntry[] = CLAIM_IDS.map((id) => CLAIMS[id]);
  return [
    sectionHeading(3, 'Claims'),
    ...CLAIMS_INTRODUCTION,
    'Provenance tags:',
    PROVENANCES.map((p) => `- \`${p}\`: ${PROVENANCE_DEFINITIONS[p]}`).join('\n'),
    'Check kinds:',
    CHECK_KINDS.map((k) => `- \`${k}\`: ${CHECK_KIND_DEFINITIONS[k]}`).join('\n'),
    table(
      ['id', 'provenance', 'kind', 'title'],
      claims.map((c) => [c.id, c.provenance, c.kind, inline(c.title)]),
    ),
    ...claims.map(claimSubsection),
  ].join('\n\n');
}

function claimSubsection(claim: ClaimEntry): string {
  const constants = Object.entries(claim.constants);
  return [
    `### ${claim.id}: ${inline(claim.title)}`,
    inline(claim.statement),
    `- **Provenance:** \`${claim.provenance}\`\n- **Kind:** \`${claim.kind}\``,
    constants.length === 0
      ? 'Constants: none.'
      : `Constants:\n\n${table(
          ['name', 'value'],
          constants.map(([name, value]) => [`\`${name}\``, `\`${String(value)}\``]),
        )}`,
    ...proofSection(claim),
  ].join('\n\n');
}

/** `lhs relation rhs` (and its hypothesis) as the mathjs text of the registry, in code spans. */
function formulaText(f: StatementFormula): string {
  const given = f.given === undefined ? '' : `given \`${f.given.lhs} ${f.given.relation} ${f.given.rhs}\`: `;
  return `${given}\`${f.lhs} ${f.relation} ${f.rhs}\``;
}

/**
 * A claim's end-statement formula, definitions and proof (its steps, in order) from the registry;
 * nothing for a claim without them. Each formula is the mathjs text the checks compile
 * (bounds/proofs/formula.ts).
 */
function proofSection(claim: ClaimEntry): string[] {
  const out: string[] = [];
  if (claim.bound !== undefined) out.push(`End statement, as checked: ${formulaText(claim.bound)}`);
  const definitions = Object.entries(claim.definitions ?? {});
  if (definitions.length > 0) out.push(`Definitions: ${definitions.map(([name, text]) => `\`${name} = ${text}\``).join(', ')}.`);
  if (claim.steps !== undefined && claim.steps.length > 0)
    out.push(
      `Proof (${claim.steps.length} steps; each checked on every case, algebra steps also symbolically):`,
      claim.steps
        .map((step) => `${step.id}. **${step.kind}.** ${inline(step.statement)} ${formulaText(step)}`)
        .map((line) => `- ${line}`)
        .join('\n'),
    );
  return out;
}

/**
 * A Markdown table with `|` inside a cell escaped, its columns padded to equal width as Biome's
 * Markdown formatter lays them out (so that `biome check` leaves the generated file alone).
 */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => cell.replaceAll('|', '\\|')));
  const width = (text: string) => [...text].length;
  const widths = header.map((_, column) => Math.max(3, ...cells.map((row) => width(row[column] ?? ''))));
  const pad = (text: string, w: number) => text + ' '.repeat(w - width(text));
  const line = (row: readonly string[]) => `| ${widths.map((w, column) => pad(row[column] ?? '', w)).join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/**
 * Registry text is plain, not Markdown: escape the characters that could start emphasis, code,
 * strikethrough or HTML. (Brackets stay: with no link definitions, `[a, b]` is literal text.)
 */
function inline(text: string): string {
  return text.replace(/[\\`*<~]/g, (c) => `\\${c}`);
}
