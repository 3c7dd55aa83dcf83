import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHECK_KINDS, CLAIM_IDS, type ClaimId, claimEntry, PROVENANCES } from '../bounds/registry';
import { type ClaimResult, type Headline, type Plot, type Series, type SeriesPoint, VERDICTS } from '../reports/claims/kit/claim-check';
import { counterexampleText } from '../reports/render/counterexample-text';
import { formatNumber } from '../reports/render/format-number';
import { renderHtml } from '../reports/render/html-report';
import { renderMarkdown } from '../reports/render/markdown-report';
import { plotSpec } from '../reports/render/plot-spec';
import { validateResults } from '../reports/render/validate-results';
import { writeReport } from '../reports/render/write-report';
import { resultsJsonSchema } from '../reports/run/results-json-schema';
import type { ClaimRecord, RunEnvironment, RunResults } from '../reports/run/run-results';

const REPO_ROOT = resolve(__dirname, '..');
const HOSTILE_TEXT = '<script>alert("x")</script> & |Lloyd − oracle| ≤ 0.01';

/** Φ(−Δ/2) for Δ = 2, 4, 8, 16, 32 (σ = 1). */
const DELTAS = [2, 4, 8, 16, 32];
const PHI_TAIL = [0.158655, 0.0227501, 3.16712e-5, 6.22096e-16, 6.38875e-58];

// Every field of the results types, checked by tsc: a field added to a type must be added here (and to its zod schema).
const RUN_RESULTS_FIELDS: Record<keyof RunResults, true> = {
  schemaVersion: true,
  startedAt: true,
  finishedAt: true,
  seed: true,
  quick: true,
  environment: true,
  claims: true,
};
const ENVIRONMENT_FIELDS: Record<keyof RunEnvironment, true> = {
  tvemVersion: true,
  node: true,
  packages: true,
  backend: true,
  gitSha: true,
  cores: true,
  platform: true,
  peakRss: true,
};
const CLAIM_RECORD_FIELDS: Record<keyof ClaimRecord, true> = {
  id: true,
  title: true,
  statement: true,
  provenance: true,
  kind: true,
  status: true,
  result: true,
  error: true,
  backend: true,
  seconds: true,
  trainingSeconds: true,
  evaluationSeconds: true,
  replay: true,
};
const CLAIM_RESULT_FIELDS: Record<keyof ClaimResult, true> = {
  id: true,
  verdict: true,
  summary: true,
  headline: true,
  numbers: true,
  samples: true,
  failureProbability: true,
  counterexample: true,
  plots: true,
  notes: true,
  proof: true,
};
const HEADLINE_FIELDS: Record<keyof Headline, true> = { bound: true, measured: true, margin: true };
const PLOT_FIELDS: Record<keyof Plot, true> = { title: true, xLabel: true, yLabel: true, logX: true, logY: true, series: true };
const SERIES_FIELDS: Record<keyof Series, true> = { name: true, role: true, points: true };
const SERIES_POINT_FIELDS: Record<keyof SeriesPoint, true> = { x: true, y: true, lower: true, upper: true };

function record(id: ClaimId, rest: Pick<ClaimRecord, 'status'> & Partial<ClaimRecord>): ClaimRecord {
  const { title, statement, provenance, kind } = claimEntry(id);
  return { id, title, statement, provenance, kind, replay: `npx tvem reproduce --claims ${id} --seed 20250211`, ...rest };
}

const f1Plot: Plot = {
  title: 'F1: oracle error against the union bound (k = 3, simplex)',
  xLabel: 'Δ/σ',
  yLabel: 'per-point error',
  logY: true,
  series: [
    {
      name: 'oracle (measured)',
      role: 'measured',
      points: [
        { x: 2, y: 0.3121, lower: 0.305, upper: 0.319 },
        { x: 4, y: 0.0449, lower: 0.041, upper: 0.049 },
        { x: 8, y: 6.1e-5, lower: 1.2e-5, upper: 2.1e-4 },
        { x: 16, y: 0, lower: 0, upper: 3e-6 },
        { x: 32, y: 0, lower: 0, upper: 3e-6 },
      ],
    },
    { name: '(k−1)·Φ(−Δ/2σ)', role: 'bound', points: DELTAS.map((x, i) => ({ x, y: 2 * PHI_TAIL[i]! })) },
    { name: 'exp(−Δ²/8σ²)', role: 'reference', points: DELTAS.map((x) => ({ x, y: Math.exp((-x * x) / 8) })) },
  ],
};

const b2Plot: Plot = {
  title: 'B2: E-step error against the temperature bound (k = 4, β = 1)',
  xLabel: 'margin g',
  yLabel: '‖w − e‖₁',
  logY: true,
  series: [
    { name: '2(k−1)·exp(−βg/2)', role: 'bound', points: [1, 2, 4, 8, 16, 24].map((g) => ({ x: g, y: 6 * Math.exp(-g / 2) })) },
    { name: 'worst measured', role: 'measured', points: [1, 2, 4, 8, 16, 24].map((g) => ({ x: g, y: 1.3 * Math.exp(-g / 2) })) },
  ],
};

const d2Plot: Plot = {
  title: 'D2: trained approximator error against heads (x ↦ ‖x‖², d = 2)',
  xLabel: 'heads M',
  yLabel: 'sup error',
  logX: true,
  logY: true,
  series: [
    {
      name: 'trained',
      role: 'measured',
      points: [4, 8, 16, 32, 64].map((m, i) => ({
        x: m,
        y: 0.8 * m ** -0.42,
        lower: 0.7 * m ** -0.42,
        upper: (0.9 + 0.05 * i) * m ** -0.42,
      })),
    },
    { name: 'slope −1/d', role: 'reference', points: [4, 64].map((m) => ({ x: m, y: 0.8 * m ** -0.5 })) },
  ],
};

function result(id: ClaimId, rest: Omit<ClaimResult, 'id'>): ClaimResult {
  return { id, ...rest };
}

/** A realistic run: every outcome, plots with bands and log axes, a counterexample, hostile text. */
const SAMPLE_RESULTS: RunResults = {
  schemaVersion: 1,
  startedAt: '2025-02-11T09:00:00.000Z',
  finishedAt: '2025-02-11T09:41:17.512Z',
  seed: 20250211,
  quick: false,
  environment: {
    tvemVersion: '0.1.0',
    node: 'v20.20.2',
    packages: { '@tensorflow/tfjs': '4.22.0', 'fast-check': '4.10.2', vega: '6.4.0' },
    backend: 'tensorflow',
    gitSha: '7dd50953c1f0a9b2e4d6c8a0b1c2d3e4f5a6b7c8',
    cores: 8,
    platform: 'linux x64',
    peakRss: { processMiB: 1210.4, workersMiB: 655.2 },
  },
  claims: [
    record('A1', {
      status: 'implemented',
      seconds: 1.84,
      result: result('A1', {
        verdict: 'holds',
        summary: 'optimal assignment equals brute force on all 1000 cases (k ≤ 6)',
        headline: { bound: 'h = brute force over k! relabellings', measured: 'max |difference| 0 over 1000 cases', margin: 0 },
        numbers: { cases: 1000, maxDifference: 0, maxK: 6 },
        samples: 1000,
        failureProbability: 0,
      }),
    }),
    record('B2', {
      status: 'implemented',
      seconds: 3.2,
      result: result('B2', {
        verdict: 'holds',
        summary: 'worst ratio measured/bound 0.217 over 5000 points',
        headline: { bound: '‖w − e_ẑ‖₁ / (2(k−1)e^{−βg/2}) ≤ 1', measured: '0.217 at case 12, point 3 (k=4, β=2.5)', margin: 0.78333334 },
        numbers: { worstRatio: 0.21666666, worstMargin: 0.0123456, points: 5000, beta: 1 },
        samples: 5000,
        failureProbability: 0,
        plots: [b2Plot],
      }),
    }),
    record('F1', {
      status: 'implemented',
      seconds: 12.5,
      result: result('F1', {
        verdict: 'holds',
        summary: 'oracle error within the union bound at every Δ; bound at Δ = 32 is 1.28e-57',
        headline: { bound: '2(k−1)Φ(−Δ/2σ)', measured: 'upper 0.999999 of the bound at Δ/σ = 2' },
        numbers: { smallestBound: 2 * PHI_TAIL[4]!, ratioAtDelta2: 3.68, upperConfidence: 0.999999 },
        samples: 2_000_000,
        failureProbability: 1e-6,
        plots: [f1Plot],
        notes: ['Clopper–Pearson upper bounds at level 1 − 1e-6 / 5 per Δ.'],
      }),
    }),
    record('F2', {
      status: 'implemented',
      seconds: 40.1,
      result: result('F2', {
        verdict: 'violated',
        summary: `single run error 0.0712 > exp(−Δ²/16σ²) = 0.0527 at Δ/σ = 3.2; ${HOSTILE_TEXT}`,
        headline: {
          bound: `(b) every run ≤ exp(−Δ²/16σ²) = 0.0527 at simplex k=8 Δ/σ=3.2 | ${HOSTILE_TEXT}`,
          measured: '0.0712',
          margin: -0.0185,
        },
        numbers: { worstSingleRun: 0.0712, singleRunBound: 0.0527, meanGap: 0.0031, fastCheckPath: '0:1:1:3', withinRegime: true },
        samples: 400,
        failureProbability: 1e-4,
        counterexample: {
          k: 8,
          n: 1000,
          delta: 3.2,
          lambda0: 0.3,
          iterations: 28,
          error: 0.0712,
          labels: Array.from({ length: 1000 }, (_, i) => (i * 7) % 8),
        },
        notes: ['Smallest counterexample after shrinking.', HOSTILE_TEXT],
      }),
    }),
    record('D2', {
      status: 'implemented',
      seconds: 95,
      trainingSeconds: 81.5,
      evaluationSeconds: 13.5,
      backend: 'tensorflow',
      result: result('D2', {
        verdict: 'inconclusive',
        summary: 'fitted slope −0.42 ± 0.09 against −1/d = −0.5',
        headline: { bound: 'halving from M = 2 to M = 8', measured: 'ratio 0.56 (upper 0.61)', margin: -0.11 },
        numbers: { slope: -0.42, slopeStandardError: 0.09, target: -0.5 },
        samples: 5,
        failureProbability: 0.05,
        plots: [d2Plot],
      }),
    }),
    record('C3', { status: 'not implemented' }),
    record('E1', { status: 'error', error: `tfjs backend failed: ${HOSTILE_TEXT}\n    at model/blocks.ts:42` }),
    record('G1', { status: 'not selected' }),
  ],
};

/** The sample after a trip through JSON, with `edit` applied: what a results.json file holds. */
// biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary fields of a JSON document
function sampleJson(edit: (json: any) => void = () => {}): unknown {
  const json = JSON.parse(JSON.stringify(SAMPLE_RESULTS));
  edit(json);
  return JSON.parse(JSON.stringify(json));
}

const NO_SVGS_NEEDED = new Map(
  SAMPLE_RESULTS.claims.flatMap((r) =>
    (r.result?.plots ?? []).map((_, i) => [`${r.id}-${i + 1}`, '<svg data-test="plot"></svg>'] as const),
  ),
);

describe('report: results.json schema', () => {
  test('report: accepts a well-formed RunResults', () => {
    expect(validateResults(sampleJson())).toEqual(sampleJson());
  });

  test('report: rejects a missing field, naming its path', () => {
    expect(() => validateResults(sampleJson((j) => delete j.claims[1].result.verdict))).toThrow(
      /^invalid run results at \/claims\/1\/result: must have required property 'verdict'$/,
    );
    expect(() => validateResults(sampleJson((j) => delete j.environment.gitSha))).toThrow(/at \/environment: .*'gitSha'/);
  });

  test('report: rejects an unknown verdict, listing the allowed ones', () => {
    expect(() => validateResults(sampleJson((j) => (j.claims[0].result.verdict = 'passes')))).toThrow(
      /\/claims\/0\/result\/verdict: .*"holds", "violated", "inconclusive"/,
    );
  });

  test("report: 'reported' is accepted for a report claim (E3) and refused for any other kind", () => {
    const e3 = record('E3', {
      status: 'implemented',
      result: result('E3', {
        verdict: 'reported',
        summary: '',
        headline: { bound: 'a report', measured: '3 layers per Lloyd step' },
        numbers: {},
        samples: 1,
        failureProbability: 0,
      }),
    });
    expect(() => validateResults(sampleJson((j) => j.claims.push(JSON.parse(JSON.stringify(e3)))))).not.toThrow();
    expect(() =>
      validateResults(sampleJson((j) => j.claims.push({ ...JSON.parse(JSON.stringify(e3)), result: { ...e3.result, verdict: 'holds' } }))),
    ).toThrow(/\/claims\/8\/result\/verdict: must be equal to constant \("reported"\)/);
    expect(() => validateResults(sampleJson((j) => (j.claims[0].result.verdict = 'reported')))).toThrow(/\/claims\/0\/result\/verdict/);
  });

  test('report: rejects NaN, which JSON writes as null', () => {
    expect(() => validateResults(sampleJson((j) => (j.claims[2].result.numbers.ratioAtDelta2 = NaN)))).toThrow(
      /\/claims\/2\/result\/numbers\/ratioAtDelta2: must be number,string,boolean/,
    );
    expect(() => validateResults(sampleJson((j) => (j.claims[2].result.plots[0].series[0].points[1].y = Infinity)))).toThrow(
      /\/claims\/2\/result\/plots\/0\/series\/0\/points\/1\/y: must be number/,
    );
  });

  test('report: rejects an implemented claim without result, an error without message, stray fields and misfiled results', () => {
    expect(() => validateResults(sampleJson((j) => delete j.claims[0].result))).toThrow(
      /\/claims\/0: must have required property 'result'/,
    );
    expect(() => validateResults(sampleJson((j) => delete j.claims[6].error))).toThrow(/\/claims\/6: must have required property 'error'/);
    expect(() => validateResults(sampleJson((j) => (j.claims[0].verdit = 'holds')))).toThrow(
      /\/claims\/0: must NOT have additional properties \('verdit'\)/,
    );
    expect(() => validateResults(sampleJson((j) => (j.claims[1].result.id = 'B3')))).toThrow(
      /\/claims\/1\/result\/id: result for B3 filed under claim B2/,
    );
    expect(() => validateResults(sampleJson((j) => j.claims.push(j.claims[0])))).toThrow(/\/claims\/8\/id: claim A1 appears twice/);
    expect(() => validateResults('not an object')).toThrow(/^invalid run results at \(root\): must be object$/);
  });

  /** The generated JSON Schema, typed loosely enough to look into. */
  interface ObjectSchema {
    properties: Record<string, { enum?: unknown[] }>;
  }
  const schema = resultsJsonSchema() as unknown as ObjectSchema & {
    definitions: Record<
      'claimId' | 'environment' | 'claimRecord' | 'claimResult' | 'headline' | 'plot' | 'series' | 'seriesPoint',
      ObjectSchema
    > & {
      claimId: { enum: unknown[] };
    };
  };

  test('report: the schema lists the same ids, verdicts, provenances and kinds as the code', () => {
    const { definitions } = schema;
    expect(definitions.claimId.enum).toEqual([...CLAIM_IDS]);
    expect(definitions.claimResult.properties.verdict!.enum).toEqual([...VERDICTS]);
    expect(definitions.claimRecord.properties.provenance!.enum).toEqual([...PROVENANCES]);
    expect(definitions.claimRecord.properties.kind!.enum).toEqual([...CHECK_KINDS]);
  });

  test('report: the schema has exactly the fields of the RunResults types', () => {
    const { definitions } = schema;
    const fieldsOf = (object: ObjectSchema) => Object.keys(object.properties).sort();
    expect(fieldsOf(schema)).toEqual(Object.keys(RUN_RESULTS_FIELDS).sort());
    expect(fieldsOf(definitions.environment)).toEqual(Object.keys(ENVIRONMENT_FIELDS).sort());
    expect(fieldsOf(definitions.claimRecord)).toEqual(Object.keys(CLAIM_RECORD_FIELDS).sort());
    expect(fieldsOf(definitions.claimResult)).toEqual(Object.keys(CLAIM_RESULT_FIELDS).sort());
    expect(fieldsOf(definitions.headline)).toEqual(Object.keys(HEADLINE_FIELDS).sort());
    expect(fieldsOf(definitions.plot)).toEqual(Object.keys(PLOT_FIELDS).sort());
    expect(fieldsOf(definitions.series)).toEqual(Object.keys(SERIES_FIELDS).sort());
    expect(fieldsOf(definitions.seriesPoint)).toEqual(Object.keys(SERIES_POINT_FIELDS).sort());
  });

  test('report: writeReport refuses invalid results before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvem-report-'));
    try {
      const invalid = sampleJson((j) => (j.claims[3].result.samples = -1)) as RunResults;
      await expect(writeReport(dir, invalid)).rejects.toThrow(/\/claims\/3\/result\/samples: must be >= 0/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('report: text', () => {
  test('report: numbers print readably, never as NaN or Infinity', () => {
    expect(formatNumber(6.38875e-58)).toBe('6.39e-58');
    expect(formatNumber(6e-58)).toBe('6e-58');
    expect(formatNumber(0.21666666)).toBe('0.217');
    expect(formatNumber(2_000_000)).toBe('2e6');
    expect(formatNumber(5000)).toBe('5000');
    expect(formatNumber(-0.42)).toBe('-0.42');
    expect(formatNumber(0.999999)).toBe('0.999999');
    expect(formatNumber(1 - 1e-12)).toBe('≈1');
    expect(formatNumber(1234.5)).toBe('1234.5');
    expect(formatNumber(-0)).toBe('0');
    expect([NaN, Infinity, -Infinity].map(formatNumber).join(' ')).not.toMatch(/NaN|Infinity/);
  });

  test('report: counterexamples are cut to a readable size', () => {
    const text = counterexampleText(SAMPLE_RESULTS.claims[3]!.result!.counterexample);
    expect(text).toContain('"labels": [0, 7, 6, 5');
    expect(text).toContain('"… 976 more items"');
    expect(text.split('\n').length).toBeLessThan(12);
  });

  test('report: markdown has every claim section, escapes text, prints no NaN or undefined', () => {
    const markdown = renderMarkdown(validateResults(sampleJson()));
    for (const claim of SAMPLE_RESULTS.claims) {
      expect(markdown).toContain(`<a id="${claim.id}"></a>\n\n## ${claim.id}: `);
      expect(markdown).toContain(`| [${claim.id}](#${claim.id}) |`);
      expect(markdown).toContain(claim.replay);
    }
    expect(markdown).toContain('![F1: oracle error against the union bound (k = 3, simplex)](plots/F1-1.png)');
    expect(markdown).toContain('**not implemented**');
    for (const [name, value] of [
      ['smallestBound', '1.28e-57'],
      ['ratioAtDelta2', '3.68'],
      ['upperConfidence', '0.999999'],
    ])
      expect(markdown).toContain(`| ${name} | ${value} |`);
    expect(markdown).toContain('\\<script\\>');
    expect(withoutCodeBlocks(markdown)).not.toMatch(/(^|[^\\])<script/);
    expect(markdown).not.toMatch(/NaN|undefined|Infinity/);
    const summaryRows = markdown.split('\n').filter((line) => line.startsWith('| ['));
    expect(summaryRows).toHaveLength(SAMPLE_RESULTS.claims.length);
    for (const row of summaryRows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(11);
  });

  test('report: the claims table shows bound, measured, margin and failure probability, "—" where a result or a margin is missing (issue 12)', () => {
    const results = validateResults(sampleJson());
    const markdown = renderMarkdown(results);
    expect(markdown).toContain('| Claim | Title | Provenance | Kind | Verdict | Bound | Measured | Margin | Failure probability |');
    expect(markdown).not.toContain('Key numbers');
    const row = (id: string) => markdown.split('\n').find((line) => line.startsWith(`| [${id}](#${id}) |`))!;
    const cells = (id: string) =>
      row(id)
        .split(/(?<!\\)\|/)
        .slice(6, 10)
        .map((cell) => cell.trim());
    expect(cells('B2')).toEqual([
      '‖w − e\\_ẑ‖₁ / (2(k−1)e^{−βg/2}) ≤ 1',
      '0.217 at case 12, point 3 (k=4, β=2.5)',
      '0.783',
      '0 (deterministic check)',
    ]);
    expect(cells('F2')[2]).toBe('-0.0185');
    expect(cells('F2')[3]).toBe('1e-4');
    expect(cells('A1')).toEqual([
      'h = brute force over k! relabellings',
      'max \\|difference\\| 0 over 1000 cases',
      '0',
      '0 (deterministic check)',
    ]);
    expect(cells('F1')[2]).toBe('—');
    expect(cells('C3')).toEqual(['—', '—', '—', '—']);
    expect(cells('E1')[1]).toMatch(/^tfjs backend failed/);
    expect(markdown).toContain('- **Bound:** ‖w − e\\_ẑ‖₁ / (2(k−1)e^{−βg/2}) ≤ 1');
    expect(markdown).toContain('- **Margin:** 0.783');

    const html = renderHtml(results, NO_SVGS_NEEDED);
    const header = html.match(/<table class="summary">\n<thead><tr>(.*)<\/tr><\/thead>/)![1]!;
    expect(header.match(/<th>([^<]*)<\/th>/g)!.map((h) => h.slice(4, -5))).toEqual([
      'Claim',
      'Title',
      'Provenance',
      'Kind',
      'Verdict',
      'Bound',
      'Measured',
      'Margin',
      'Failure probability',
    ]);
    const htmlRow = (id: string) => html.split('\n').find((line) => line.includes(`<a href="#${id}">`))!;
    const htmlCells = (id: string) => [...htmlRow(id).matchAll(/<td[^>]*>(.*?)<\/td>/g)].slice(5).map((m) => m[1]);
    expect(htmlCells('B2')).toEqual([
      '‖w − e_ẑ‖₁ / (2(k−1)e^{−βg/2}) ≤ 1',
      '0.217 at case 12, point 3 (k=4, β=2.5)',
      '0.783',
      '0 (deterministic check)',
    ]);
    expect(htmlCells('A1')).toEqual([
      'h = brute force over k! relabellings',
      'max |difference| 0 over 1000 cases',
      '0',
      '0 (deterministic check)',
    ]);
    expect(htmlCells('G1')).toEqual(['—', '—', '—', '—']);
    expect(htmlRow('F2')).toContain('&lt;script&gt;');
  });

  test('report: every result has a headline, its margin is optional, a stray field in it is refused', () => {
    expect(() => validateResults(sampleJson((j) => delete j.claims[1].result.headline.margin))).not.toThrow();
    expect(() => validateResults(sampleJson((j) => delete j.claims[1].result.headline))).toThrow(
      /\/claims\/1\/result: must have required property 'headline'/,
    );
    expect(() => validateResults(sampleJson((j) => (j.claims[1].result.headline.worst = 1)))).toThrow(
      /\/claims\/1\/result\/headline: must NOT have additional properties \('worst'\)/,
    );
    expect(() => validateResults(sampleJson((j) => delete j.claims[1].result.headline.bound))).toThrow(
      /\/claims\/1\/result\/headline: must have required property 'bound'/,
    );
  });

  test('report: html has every claim section coloured by outcome, escapes text, prints no NaN or undefined', () => {
    const html = renderHtml(validateResults(sampleJson()), NO_SVGS_NEEDED);
    for (const claim of SAMPLE_RESULTS.claims) expect(html).toContain(`id="${claim.id}"`);
    for (const outcome of ['holds', 'violated', 'inconclusive', 'not-implemented', 'not-selected', 'error']) {
      expect(html).toContain(`<tr class="outcome-${outcome}">`);
    }
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="A1"'));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; |Lloyd');
    expect(html).not.toContain('<script');
    expect(html.match(/<svg data-test="plot">/g)).toHaveLength(3);
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });

  test('report: a report claim (kind report) is shown with a neutral reported badge, never a verdict', () => {
    const e3 = record('E3', {
      status: 'implemented',
      result: result('E3', {
        verdict: 'reported',
        summary: 'report, no verdict: 3 layers and 2 heads per Lloyd step',
        headline: { bound: 'a report', measured: '3 layers and 2 heads per Lloyd step' },
        numbers: { measuredLayersPerStep: 3, tgmmLayersPerEmStep: 2 },
        samples: 3,
        failureProbability: 0,
      }),
    });
    const results = validateResults(JSON.parse(JSON.stringify({ ...SAMPLE_RESULTS, claims: [e3] })));
    const html = renderHtml(results, new Map());
    expect(html).toContain('<tr class="outcome-reported">');
    expect(html).toContain('<span class="badge outcome-reported">reported</span>');
    expect(html).toMatch(/\.outcome-reported \{[^}]*--strong/);
    for (const verdict of ['holds', 'violated', 'inconclusive']) expect(html).not.toContain(`outcome-${verdict}">`);
    const markdown = renderMarkdown(results);
    expect(markdown).toContain('| [E3](#E3) | Depth and heads per Lloyd step | paper | report | **reported** |');
    expect(markdown).toContain('- **Verdict:** none (reported: a report shows numbers with no verdict)');
    expect(markdown).toContain('Outcomes: reported: 1.');
  });

  test('report: log axes leave out non-positive points and raise bands to the smallest positive value', () => {
    const spec = plotSpec(f1Plot) as {
      data: { values: { x: number; y: number; lower?: number }[] };
      title: { subtitle: string };
      layer: { mark: { type: string } }[];
    };
    const rows: { x: number; y: number; lower?: number }[] = spec.data.values;
    expect(rows.every((row) => row.y > 0)).toBe(true);
    expect(rows.filter((row) => row.lower !== undefined).every((row) => row.lower! > 0)).toBe(true);
    expect(spec.title.subtitle).toBe('2 points with non-positive values not shown on the log scale');
    expect(spec.layer.map((layer) => layer.mark.type)).toEqual(['area', 'rule', 'line', 'point']);
  });
});

describe('report: output folder (child process: vega is ESM-only)', () => {
  test('report: writeReport writes results.json, decodable SVG and PNG plots, report.md and a self-contained report.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvem-report-'));
    try {
      const input = join(dir, 'input.json');
      writeFileSync(input, JSON.stringify(SAMPLE_RESULTS));
      const out = join(dir, 'out');
      const script =
        "require('tsx/cjs/api').register(); const [out, input] = process.argv.slice(1); require('./reports/render/write-report.ts').writeReport(out, JSON.parse(require('node:fs').readFileSync(input, 'utf8'))).catch((e) => { console.error(e); process.exit(1); });";
      const child = spawnSync(process.execPath, ['-e', script, out, input], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);

      expect(validateResults(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')))).toEqual(sampleJson());
      const plots = ['B2-1', 'F1-1', 'D2-1'];
      expect(readdirSync(join(out, 'plots')).sort()).toEqual(plots.flatMap((p) => [`${p}.png`, `${p}.svg`]).sort());
      for (const plot of plots) {
        expect(readFileSync(join(out, 'plots', `${plot}.svg`), 'utf8')).toMatch(/^<svg [^>]*width="\d+"/);
        const { width, height } = pngSize(readFileSync(join(out, 'plots', `${plot}.png`)));
        expect(width).toBeGreaterThan(0);
        expect(height).toBeGreaterThan(0);
      }

      const markdown = readFileSync(join(out, 'report.md'), 'utf8');
      for (const link of markdown.match(/\(plots\/[^)]+\.png\)/g) ?? []) expect(existsSync(join(out, link.slice(1, -1)))).toBe(true);

      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html.match(/<figure>\n<svg /g)).toHaveLength(plots.length);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|(src|href)="https?:|url\(\s*['"]?https?:/i);
      expect(html).not.toMatch(/NaN|undefined|Infinity/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Markdown without its fenced code blocks, whose text is literal. */
function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}

/** Width and height from a PNG's signature and IHDR chunk; throws if the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
