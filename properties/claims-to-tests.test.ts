import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  claimsToTests,
  claimsToTestsTable,
  README_TABLE_BEGIN,
  README_TABLE_END,
  readTestTitles,
  titlesOf,
  uncoveredIds,
} from './claims-to-tests';

const ROOT = join(__dirname, '..');
const rows = claimsToTests(readTestTitles(__dirname));

describe('the claims-to-tests map (issue 14)', () => {
  test('every claim has a property file and, unless it is a report, a negative control; every proof step has a property file', () => {
    expect(uncoveredIds(rows)).toEqual([]);
  });

  test('the README shows the map as generated (npm run claims-doc writes it)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shown = readme.slice(readme.indexOf(README_TABLE_BEGIN), readme.indexOf(README_TABLE_END) + README_TABLE_END.length);
    // Biome pads the table's columns; compare the cells.
    const cells = (table: string) => table.split('\n').map((line) => line.split('|').map((cell) => cell.trim().replace(/^-+$/, '-')));
    expect(cells(shown)).toEqual(cells(claimsToTestsTable(rows)));
  });

  test('titles are read as written: plain, test.prop, templates and escaped quotes; other strings are not titles', () => {
    const source = [
      "describe('B2: the allowance', () => {",
      "  test.prop([fc.nat()], { numRuns: 5 })('C2.3: a property', (n) => {",
      "    expect(label('A1: not a title')).toBe(1);",
      '  });',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template title as it is written in a test file
      '  it(`${step.id}: one per step`, () => {});',
      "  test('F3: it\\'s quoted', () => {});",
      '});',
    ].join('\n');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template title as it is written in a test file
    expect(titlesOf(source)).toEqual(['B2: the allowance', 'C2.3: a property', '${step.id}: one per step', "F3: it\\'s quoted"]);
  });

  test('negative control of the map: a claim whose only negative control is missing is named as uncovered', () => {
    const files = readTestTitles(__dirname).map((f) =>
      f.file === 'negative-controls-f3.test.ts' ? { ...f, titles: f.titles.filter((t) => !t.startsWith('F3 negative control')) } : f,
    );
    expect(uncoveredIds(claimsToTests(files))).toEqual(['F3']);
  });

  test('a step counts for its own id only; a claim counts the titles of its steps', () => {
    const map = claimsToTests([{ file: 'x.test.ts', titles: ['B2.4: a step', 'B2.4 negative control: broken'] }]);
    const byId = new Map(map.map((r) => [r.id, r]));
    expect(byId.get('B2.4')?.properties).toEqual(['x.test.ts']);
    expect(byId.get('B2.4')?.negativeControls).toEqual(['x.test.ts']);
    expect(byId.get('B2.3')?.properties).toEqual([]);
    expect(byId.get('B2')?.properties).toEqual(['x.test.ts']);
    expect(byId.get('B2')?.negativeControls).toEqual(['x.test.ts']);
    expect(byId.get('B1')?.properties).toEqual([]);
  });
});
