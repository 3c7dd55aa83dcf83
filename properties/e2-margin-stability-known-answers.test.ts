import { e2LargestStableRadius, e2MoveCenters, e2Nearest, e2SquaredDistances, e2StabilitySlack } from '../bounds/e2-margin-stability';

// Known answers for claim E2's stability condition (bounds/e2-margin-stability.ts), worked by hand.

describe('E2: slack ‖x − μ_b‖² − ‖x − μ_a*‖² − 2ε(‖x − μ_a*‖ + ‖x − μ_b‖) − 2ε², minimised over b', () => {
  it('E2: squared distances 1, 9, 16, ε = 0.5: min(9 − 1 − 4.5, 16 − 1 − 5.5) = 3.5', () => {
    expect(e2StabilitySlack([1, 9, 16], 0, 0.5)).toBe(3.5);
    expect(e2StabilitySlack([16, 9, 1], 2, 0.5)).toBe(3.5);
    expect(e2StabilitySlack([9, 1, 16], 1, 0)).toBe(8);
  });

  it('E2: one center has no rival: +∞; a nearest that is not nearest gives a negative slack', () => {
    expect(e2StabilitySlack([4], 0, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(e2StabilitySlack([4, 1], 0, 0)).toBe(-3);
  });

  it('E2: the largest stable radius is the root: 2√2 − 2 for distances 1, 9, 16, where the slack is 0', () => {
    const radius = e2LargestStableRadius([1, 9, 16], 0);
    expect(radius).toBeCloseTo(2 * Math.SQRT2 - 2, 14);
    expect(e2StabilitySlack([1, 9, 16], 0, radius)).toBeCloseTo(0, 13);
    // Rival 2 alone: (−5 + √55)/2.
    expect(e2LargestStableRadius([1, 16], 0)).toBeCloseTo((-5 + Math.sqrt(55)) / 2, 14);
    expect(e2LargestStableRadius([16, 1, 9], 1)).toBeCloseTo(2 * Math.SQRT2 - 2, 14);
    expect(e2LargestStableRadius([4], 0)).toBe(Number.POSITIVE_INFINITY);
    // At x itself (own distance 0) against a rival at squared distance 4: (−2 + √(4 + 8))/2.
    expect(e2LargestStableRadius([0, 4], 0)).toBeCloseTo((-2 + Math.sqrt(12)) / 2, 14);
  });

  it('E2: bad input names the parameter and the value', () => {
    expect(() => e2StabilitySlack([], 0, 1)).toThrow('squaredDistances must be a non-empty list, got []');
    expect(() => e2StabilitySlack([1, 2, 3], 3, 1)).toThrow('nearest must be an index in [0, 2], got 3');
    expect(() => e2StabilitySlack([1, 2, 3], -1, 1)).toThrow('nearest must be an index in [0, 2], got -1');
    expect(() => e2StabilitySlack([1, 2, 3], 0.5, 1)).toThrow('nearest must be an index in [0, 2], got 0.5');
    expect(() => e2StabilitySlack([1, 2], 0, -1)).toThrow('epsilon must be a finite number >= 0, got -1');
    expect(() => e2StabilitySlack([1, 2], 0, Number.NaN)).toThrow('epsilon must be a finite number >= 0, got NaN');
    expect(() => e2StabilitySlack([1, 2], 0, Number.POSITIVE_INFINITY)).toThrow('epsilon must be a finite number >= 0, got Infinity');
    expect(e2StabilitySlack([1, 2], 1, 0)).toBe(-1);
  });
});

describe('E2: distances, nearest center, and the centers’ moves', () => {
  it('E2: squared distances from (1, 2) to (0, 0), (1, 0), (3, 5)', () => {
    expect(
      e2SquaredDistances(
        [1, 2],
        [
          [0, 0],
          [1, 0],
          [3, 5],
        ],
      ),
    ).toEqual([5, 4, 13]);
  });

  it('E2: nearest ties to the smallest index', () => {
    expect(e2Nearest([3, 1, 1, 2])).toBe(1);
    expect(e2Nearest([2, 2])).toBe(0);
    expect(e2Nearest([5])).toBe(0);
    expect(e2Nearest([5, 4, 3])).toBe(2);
  });

  it('E2: adversarial moves: the nearest center away from x, the others towards x, each by ε', () => {
    const moved = e2MoveCenters(
      [0, 0],
      [
        [1, 0],
        [0, 2],
      ],
      0,
      0.5,
      [
        { direction: [9, 9], lengthShare: 0, adversarial: true },
        { direction: [9, 9], lengthShare: 0, adversarial: true },
      ],
    );
    expect(moved).toEqual([
      [1.5, 0],
      [0, 1.5],
    ]);
  });

  it('E2: a given move goes lengthShare·ε along its direction', () => {
    const moved = e2MoveCenters(
      [0, 0],
      [
        [1, 1],
        [2, 2],
      ],
      0,
      2,
      [
        { direction: [3, 4], lengthShare: 0.5, adversarial: false },
        { direction: [0, -1], lengthShare: 1, adversarial: false },
      ],
    );
    expect(moved[0]![0]).toBeCloseTo(1.6, 15);
    expect(moved[0]![1]).toBeCloseTo(1.8, 15);
    expect(moved[1]).toEqual([2, 0]);
  });

  it('E2: a zero direction, or an adversarial center at x, moves along e₁', () => {
    const moved = e2MoveCenters(
      [1, 1],
      [
        [1, 1],
        [3, 3],
      ],
      0,
      0.25,
      [
        { direction: [0, 0], lengthShare: 1, adversarial: true },
        { direction: [0, 0], lengthShare: 1, adversarial: false },
      ],
    );
    expect(moved).toEqual([
      [1.25, 1],
      [3.25, 3],
    ]);
    const tiny = e2MoveCenters([0], [[0]], 0, 1, [{ direction: [1e-200], lengthShare: 1, adversarial: false }]);
    expect(tiny).toEqual([[1]]);
  });

  it('E2: one move per center', () => {
    expect(() => e2MoveCenters([0], [[1], [2]], 0, 1, [{ direction: [1], lengthShare: 1, adversarial: false }])).toThrow(
      'moves length must be equal to the number of centers (2), got 1',
    );
  });
});
