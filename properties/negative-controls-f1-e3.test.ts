import { f1Check } from '../reports/claims/F1';
import type { CheckContext } from '../reports/claims/kit/claim-check';
import { oracleLabels } from '../theory/estep';
import { type Matrix, zeros } from '../theory/matrix';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * Negative controls (CLAIMS.md §4) of F1: the real check (f1Check) with its oracle swapped for a
 * broken one must say `violated`. E3 is of kind `report` and has no verdict, so no negative control
 * (CLAIMS.md §3: a report cannot be falsified).
 */

const SILENT = { tick: () => {} };

function context<Scale>(scale: Scale, name: string): CheckContext<Scale> {
  const seed = testSeed(name);
  return { seed, rng: new Rng(seed), quick: true, scale, progress: SILENT };
}

/** A small F1 grid: k = 2 and 3 at Δ/σ = 2 and 4, every cell affordable. */
const SCALE = { ks: [2, 3], deltas: [2, 4], maxPointsPerCell: 400_000 };

/** The centers with center 0 moved a third of the way towards center 1: the labelling boundary shifts. */
function perturbed(centers: Matrix): Matrix {
  const { rows, cols } = centers;
  const moved = zeros(rows, cols);
  moved.data.set(centers.data);
  for (let c = 0; c < cols; c++) moved.data[c] = centers.data[c]! + (centers.data[cols + c]! - centers.data[c]!) / 3;
  return moved;
}

describe('negative control of F1', () => {
  it('F1 negative control: an oracle that labels by perturbed centers (center 0 moved Δ/3 towards center 1)', async () => {
    const check = f1Check(undefined, { oracle: (points, centers) => oracleLabels(points, perturbed(centers)) });
    const result = await check.run(context(SCALE, 'F1 negative control'));
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toBeDefined();
    expect(result.summary).toMatch(/^violated on the tested cells \(\d+ of 6\)/);
  });

  it('F1 control of the control: the unbroken check holds on the same cells, all tested', async () => {
    const result = await f1Check().run(context(SCALE, 'F1 negative control'));
    expect(result.verdict).toBe('holds');
    expect(result.summary).toMatch(/^holds on the tested cells \(6 of 6\); not tested: none/);
    expect(result.numbers).toMatchObject({ cells: 6, testedCells: 6, notTestedCells: 0 });
  });

  it('F1: cells beyond the budget are listed as not tested, counted apart, and never counted as holding', async () => {
    const scale = { ks: [2], deltas: [2, 16], maxPointsPerCell: 400_000 };
    const result = await f1Check().run(context(scale, 'F1 untested cells'));
    expect(result.verdict).toBe('holds');
    expect(result.summary).toMatch(/^holds on the tested cells \(1 of 2\); not tested: simplex k=2 d=2 Δ\/σ=16 \(too costly\)/);
    expect(result.numbers).toMatchObject({
      cells: 2,
      testedCells: 1,
      resolvedCells: 1,
      notTestedCells: 1,
      notTestedTooCostly: 1,
      notTestedVacuous: 0,
      testedRegime: 'simplex k=2 d=2: Δ/σ ∈ {2}',
      'notTested[simplex k=2 d=2 Δ/σ=16]': 'too costly',
    });
    expect(result.notes?.some((n) => n.startsWith('not tested (too costly') && n.includes('Δ/σ=16'))).toBe(true);
  });

  it('F1: with no cell tested the verdict is inconclusive, not holds', async () => {
    const scale = { ks: [2], deltas: [16], maxPointsPerCell: 1000 };
    const result = await f1Check().run(context(scale, 'F1 no tested cell'));
    expect(result.verdict).toBe('inconclusive');
    expect(result.summary).toMatch(/^inconclusive on the tested cells \(0 of 1\)/);
  });
});
