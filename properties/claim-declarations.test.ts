import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_IDS } from '../bounds/registry';

/**
 * The shape of the claim checks: each a short declaration (plan → measure → judge → present) in
 * its own file, whose run() composes at most 50 lines, reading the registry's typed constants
 * (no casts) and importing nothing from a sibling claim.
 */
const ROOT = join(__dirname, '..');
const CLAIMS_DIR = join(ROOT, 'reports', 'claims');
const KIT_DIR = join(CLAIMS_DIR, 'kit');
const MAX_RUN_LINES = 50;

/** Lines of the body of each `run(…) {` method in a source file, found by brace matching. */
function runBodies(source: string): number[] {
  const bodies: number[] = [];
  const pattern = /\brun\([^)]*\)\s*\{/g;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    let depth = 1;
    let i = match.index + match[0].length;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '{') depth++;
      else if (source[i] === '}') depth--;
    }
    bodies.push(source.slice(match.index + match[0].length, i - 1).split('\n').length - 2);
  }
  return bodies;
}

function sources(dir: string): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

describe('claim checks as declarations', () => {
  const claimFiles = sources(CLAIMS_DIR);
  const all = [...claimFiles, ...sources(KIT_DIR)];

  test('every claim id has its own check file', () => {
    for (const id of CLAIM_IDS) expect(claimFiles.map((f) => f.name)).toContain(`${id}.ts`);
  });

  test.each(all.map((f) => [f.name, f.text] as const))(`%s: every run() is at most ${MAX_RUN_LINES} lines`, (_name, text) => {
    for (const lines of runBodies(text)) expect(lines).toBeLessThanOrEqual(MAX_RUN_LINES);
  });

  test('the line counter sees a long run()', () => {
    const long = `const check = { async run(context) {\n${'  step();\n'.repeat(MAX_RUN_LINES + 1)}} };`;
    expect(runBodies(long)).toEqual([MAX_RUN_LINES + 1]);
  });

  test.each(claimFiles.map((f) => [f.name, f.text] as const))(
    '%s imports no sibling claim and casts no registry constant',
    (_name, text) => {
      expect(text).not.toMatch(/from '\.\/[A-G][0-9]'/);
      expect(text).not.toMatch(/constants as /);
    },
  );
});

describe('the repository reads without anything outside it', () => {
  test('no source file cites SPEC or a path outside the repository', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|cjs)$/.test(entry.name) && /\bSPEC\b|\.\.\/shared\//.test(readFileSync(path, 'utf8'))) offenders.push(path);
      }
    };
    for (const dir of ['theory', 'bounds', 'model', 'reports', 'bench', 'properties', 'bin']) walk(join(ROOT, dir));
    expect(offenders.filter((path) => !path.endsWith('claim-declarations.test.ts'))).toEqual([]);
  });

  test('the README sends readers to no file outside the repository', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).not.toMatch(/\bSPEC\b|\.\.\/shared\//);
  });
});
