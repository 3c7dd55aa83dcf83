import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { assertInteger } from './validate';

type Generator = ReturnType<typeof xoroshiro128plus>;

/**
 * A seeded random generator. One seed drives a whole run; independent streams (one per
 * experiment cell) are split from it by `split(streamId)`, which is deterministic in
 * (seed, streamId) and does not consume from the parent.
 */
export class Rng {
  readonly seed: number;
  private readonly generator: Generator;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    assertInteger('seed', seed, 0, 0xffffffff);
    this.seed = seed;
    this.generator = xoroshiro128plus(seed | 0);
  }

  /** An independent stream for cell `streamId`, keyed by (seed, streamId) through splitmix32. */
  split(streamId: number): Rng {
    assertInteger('streamId', streamId, 0, 0xffffffff);
    return new Rng(splitmix32((this.seed ^ splitmix32(streamId + 0x9e3779b9)) >>> 0));
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return uniformFloat64(this.generator);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    assertInteger('n', n, 1);
    return uniformInt(this.generator, 0, n - 1);
  }

  /** Standard normal, by the Marsaglia polar method. */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * f;
        return u * f;
      }
    }
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
