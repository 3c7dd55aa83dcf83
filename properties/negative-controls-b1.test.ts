import { type B1Heads, b1Check } from '../reports/claims/B1';
import type { CheckContext } from '../reports/claims/kit/claim-check';
import type { Matrix } from '../theory/matrix';
import { Rng } from '../theory/rng';
import { testSeed } from './seed';

/**
 * Negative control of B1 (CLAIMS.md §4): the real check (b1Check) with its heads swapped for an
 * attention head whose key offset is wrong must say `violated`.
 */

const SILENT = { tick: () => {} };

function context<Scale>(scale: Scale, name: string): CheckContext<Scale> {
  const seed = testSeed(name);
  return { seed, rng: new Rng(seed), quick: true, scale, progress: SILENT };
}

/**
 * Claim B1's head in float64 with key offsets `offset(‖μ_a‖², a)` in place of −‖μ_a‖²/2: scores
 * β(⟨X_i, μ_a⟩ + offset), softmax over a (maximum subtracted).
 */
function headWithKeyOffset(offset: (normSquared: number, a: number) => number) {
  return (points: Matrix, centers: Matrix, beta: number): Matrix => {
    const { rows: n, cols: d } = points;
    const k = centers.rows;
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const scores = Array.from({ length: k }, (_, a) => {
        let dot = 0;
        let norm = 0;
        for (let c = 0; c < d; c++) {
          dot += points.data[i * d + c]! * centers.data[a * d + c]!;
          norm += centers.data[a * d + c]! ** 2;
        }
        return beta * (dot + offset(norm, a));
      });
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const total = e.reduce((x, y) => x + y, 0);
      e.forEach((v, a) => {
        out[i * k + a] = v / total;
      });
    }
    return { rows: n, cols: k, data: out };
  };
}

describe('negative control of B1', () => {
  it('B1 negative control: an attention head with a wrong key offset', async () => {
    // Key 0's offset is −‖μ_0‖²/2 + 0.01 (the others right). The same +0.01 on EVERY key would be
    // invisible: it shifts every score of a point by 0.01·β, which the softmax ignores.
    const wrong = headWithKeyOffset((norm, a) => -norm / 2 + (a === 0 ? 0.01 : 0));
    const heads: B1Heads = { float64: wrong, float32: wrong };
    const result = await b1Check(undefined, heads).run(context({ cases: 6 }, 'B1 negative control'));
    expect(result.verdict).toBe('violated');
    expect(result.counterexample).toBeDefined();
  });

  it('B1 negative control, its control: the head with the right offset −‖μ_a‖²/2 (and a common +0.01) is within the bound', async () => {
    const right = headWithKeyOffset((norm) => -norm / 2 + 0.01);
    const heads: B1Heads = { float64: right, float32: right };
    const result = await b1Check(undefined, heads).run(context({ cases: 6 }, 'B1 negative control'));
    expect(result.numbers.float32Failures).toBe(0);
    expect(result.numbers.float64Failures).toBe(0);
  });
});
