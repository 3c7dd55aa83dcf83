import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIM_IDS } from '../bounds/registry';
import { validateResults } from '../reports/render/validate-results';
import { runTvem } from './cli-process';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('report: tvem reproduce --quick --only A1,B2 end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tvem-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let status: number | null = null;
  beforeAll(() => {
    status = runTvem(['reproduce', '--quick', '--only', 'A1,B2', '--out', dir]).status;
  });

  test('exits 0 and results.json validates against the schema', () => {
    expect(status).toBe(0);
    const results = validateResults(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')));
    expect(results.claims.map((c) => c.id)).toEqual([...CLAIM_IDS]);
    expect(results.claims.filter((c) => c.status === 'implemented').map((c) => c.id)).toEqual(['A1', 'B2']);
  });

  test('report.html has a section for every claim, and report.md too', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    for (const id of CLAIM_IDS) {
      expect(html).toContain(`id="${id}"`);
      expect(markdown).toContain(`## ${id}:`);
    }
    expect(html).toContain('<svg');
    // No number rendered as NaN or undefined (the words may appear in prose, e.g. 'no NaN/Infinity').
    expect(html).not.toMatch(/[=:>(]\s*(NaN|undefined|Infinity)\b/);
  });

  test('the PNG plots decode', () => {
    const pngs = readdirSync(join(dir, 'plots')).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(0);
    for (const file of pngs) {
      const { width, height } = pngSize(readFileSync(join(dir, 'plots', file)));
      expect(width).toBeGreaterThan(100);
      expect(height).toBeGreaterThan(100);
    }
  });
});
