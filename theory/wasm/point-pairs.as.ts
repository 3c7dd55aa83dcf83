// Passes over points held two at a time in wasm SIMD: Lloyd's fused pass (CLAIMS.md §2) and EM's
// passes (squared distances with the variance spread, E-step, M-step sums). AssemblyScript, built
// by `npm run build:wasm` into point-pairs.wasm and driven by point-pairs.ts, which lays the arrays
// out in this module's memory. Results are bit-identical to the plain float64 loops
// (properties/reference/plain-lloyd.ts and plain-em.ts, theory/em.ts's squaredDistances): the two
// f64x2 lanes hold two different points (or, in the M-step, two coordinates of separate sums),
// never two terms of one sum, so each ‖X_i − μ_a‖² is summed over c = 0..d−1 in the same order,
// with a separate multiply and add (wasm has no implicit FMA), and every sum over points runs over
// i in order. Two pairs and up to three centers are taken at a time only to give the CPU
// independent sums to overlap.

/** Where free memory begins: the caller's arrays go at or after this address. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * (‖X_2p − μ_a‖², ‖X_2p+1 − μ_a‖²) for the pair at `row` and the center at `center`, each summed
 * over c = 0..d−1 in order.
 */
// @ts-ignore: decorator
@inline
function pairDistances(row: usize, center: usize, d: i32): v128 {
  let distance = f64x2.splat(0);
  for (let c = 0; c < d; c++) {
    const t = f64x2.sub(v128.load(row + (<usize>c << 4)), v128.load(center + (<usize>c << 4)));
    distance = f64x2.add(distance, f64x2.mul(t, t));
  }
  return distance;
}

/**
 * Lays the row-major n×d points at `rows` out as pairs at `pairs` (the layout of `pass`; an odd
 * n's last lane 1 gets 0, a finite value that is never read) and returns the row-major index of
 * the first coordinate that is not finite, or −1 when all are: one pass for the copy and the check
 * of the callers' input validation.
 */
export function layPairs(n: i32, d: i32, rows: usize, pairs: usize): i32 {
  let firstNonFinite: i32 = -1;
  for (let i = 0; i < n; i++) {
    const source = rows + (<usize>(i * d) << 3);
    const target = pairs + (<usize>((i >> 1) * d) << 4) + (<usize>(i & 1) << 3);
    for (let c = 0; c < d; c++) {
      const x = load<f64>(source + (<usize>c << 3));
      store<f64>(target + (<usize>c << 4), x);
      // x − x is 0 for a finite x, NaN for ±∞ and NaN
      if (x - x != 0 && firstNonFinite < 0) firstNonFinite = i * d + c;
    }
  }
  if (n & 1) {
    const target = pairs + (<usize>((n >> 1) * d) << 4) + 8;
    for (let c = 0; c < d; c++) store<f64>(target + (<usize>c << 4), 0);
  }
  return firstNonFinite;
}

let changedCount: i32 = 0;

/** How many labels the last `pass` changed. */
export function changed(): i32 {
  return changedCount;
}

/** Takes a candidate center into a lane-wise argmin: strict <, so ties keep the smaller index. */
// @ts-ignore: decorator
@inline
function closerOf(distance: v128, best: v128): v128 {
  return f64x2.lt(distance, best);
}

/**
 * The second half of `pass` for the pair at `row` (points 2p and 2p+1 < n) once its nearest
 * centers are known: updates labels, counts and sums point by point, counts changed labels in
 * `changedCount`, and returns the objective with this pair's distances added in index order.
 */
// @ts-ignore: decorator
@inline
function assignPair(
  objective: f64,
  p: i32,
  n: i32,
  d: i32,
  row: usize,
  best: v128,
  arg: v128,
  labels: usize,
  sums: usize,
  counts: usize,
): f64 {
  for (let lane = 0; lane < 2; lane++) {
    const i = 2 * p + lane;
    if (i >= n) break;
    const label = <i32>(lane == 0 ? i64x2.extract_lane(arg, 0) : i64x2.extract_lane(arg, 1));
    objective += lane == 0 ? f64x2.extract_lane(best, 0) : f64x2.extract_lane(best, 1);
    const labelAt = labels + (<usize>i << 2);
    if (load<i32>(labelAt) != label) {
      changedCount++;
      store<i32>(labelAt, label);
    }
    const countAt = counts + (<usize>label << 2);
    store<i32>(countAt, load<i32>(countAt) + 1);
    // The M-step's sums: this lane's coordinates (16 bytes apart in the pair layout), two at a
    // time, each sum still over the points in order.
    const target = sums + (<usize>(label * d) << 3);
    let c = 0;
    for (; c + 1 < d; c += 2) {
      const at = target + (<usize>c << 3);
      const here = v128.load(row + (<usize>c << 4));
      const next = v128.load(row + (<usize>c << 4), 16);
      const x = lane == 0 ? v128.shuffle<f64>(here, next, 0, 2) : v128.shuffle<f64>(here, next, 1, 3);
      v128.store(at, f64x2.add(v128.load(at), x));
    }
    if (c < d) {
      const at = target + (<usize>c << 3);
      store<f64>(at, load<f64>(at) + load<f64>(row + (<usize>c << 4) + (<usize>lane << 3)));
    }
  }
  return objective;
}

/**
 * One Lloyd pass over n points in d dimensions and k centers. Assigns each point to its nearest
 * center, ties to the smallest index (ẑ_i of CLAIMS.md §2), overwrites `labels` (n i32), adds each
 * point to its cluster's row of `sums` (k×d f64) and to its `counts` (k i32), both zeroed by the
 * caller, and returns the k-means objective Σ_i min_a ‖X_i − μ_a‖².
 *
 * `pairs` holds the points two at a time: for p < ⌈n/2⌉ and c < d, the f64x2 at
 * pairs[p·d + c] is (X_{2p}[c], X_{2p+1}[c]) (an odd n's last pair repeats any finite value in
 * lane 1, which is never read). `centers` holds each μ_a[c] twice, as the f64x2 at
 * centers[a·d + c]. Every address is a byte address.
 *
 * Two pairs and two centers at a time: four independent sums, each still over c in order, share
 * each load; the argmin then takes the centers in index order, and the pairs are assigned in order.
 */
export function pass(n: i32, d: i32, k: i32, pairs: usize, centers: usize, labels: usize, sums: usize, counts: usize): f64 {
  let objective: f64 = 0;
  changedCount = 0;
  const pairCount = (n + 1) >> 1;
  const stride = <usize>d << 4;
  let p = 0;
  for (; p + 1 < pairCount; p += 2) {
    const row = pairs + <usize>p * stride;
    const nextRow = row + stride;
    let best = f64x2.splat(Infinity);
    let arg = i64x2.splat(0);
    let nextBest = f64x2.splat(Infinity);
    let nextArg = i64x2.splat(0);
    let a = 0;
    for (; a + 2 < k; a += 3) {
      const first = centers + <usize>a * stride;
      const second = first + stride;
      const third = second + stride;
      let s00 = f64x2.splat(0);
      let s01 = f64x2.splat(0);
      let s02 = f64x2.splat(0);
      let s10 = f64x2.splat(0);
      let s11 = f64x2.splat(0);
      let s12 = f64x2.splat(0);
      for (let o: usize = 0; o < stride; o += 16) {
        const x = v128.load(row + o);
        const y = v128.load(nextRow + o);
        const m0 = v128.load(first + o);
        const m1 = v128.load(second + o);
        const m2 = v128.load(third + o);
        const t00 = f64x2.sub(x, m0);
        const t01 = f64x2.sub(x, m1);
        const t02 = f64x2.sub(x, m2);
        const t10 = f64x2.sub(y, m0);
        const t11 = f64x2.sub(y, m1);
        const t12 = f64x2.sub(y, m2);
        s00 = f64x2.add(s00, f64x2.mul(t00, t00));
        s01 = f64x2.add(s01, f64x2.mul(t01, t01));
        s02 = f64x2.add(s02, f64x2.mul(t02, t02));
        s10 = f64x2.add(s10, f64x2.mul(t10, t10));
        s11 = f64x2.add(s11, f64x2.mul(t11, t11));
        s12 = f64x2.add(s12, f64x2.mul(t12, t12));
      }
      let closer = closerOf(s00, best);
      best = v128.bitselect(s00, best, closer);
      arg = v128.bitselect(i64x2.splat(a), arg, closer);
      closer = closerOf(s01, best);
      best = v128.bitselect(s01, best, closer);
      arg = v128.bitselect(i64x2.splat(a + 1), arg, closer);
      closer = closerOf(s02, best);
      best = v128.bitselect(s02, best, closer);
      arg = v128.bitselect(i64x2.splat(a + 2), arg, closer);
      closer = closerOf(s10, nextBest);
      nextBest = v128.bitselect(s10, nextBest, closer);
      nextArg = v128.bitselect(i64x2.splat(a), nextArg, closer);
      closer = closerOf(s11, nextBest);
      nextBest = v128.bitselect(s11, nextBest, closer);
      nextArg = v128.bitselect(i64x2.splat(a + 1), nextArg, closer);
      closer = closerOf(s12, nextBest);
      nextBest = v128.bitselect(s12, nextBest, closer);
      nextArg = v128.bitselect(i64x2.splat(a + 2), nextArg, closer);
    }
    if (a + 1 < k) {
      const first = centers + <usize>a * stride;
      const second = first + stride;
      let s00 = f64x2.splat(0);
      let s01 = f64x2.splat(0);
      let s10 = f64x2.splat(0);
      let s11 = f64x2.splat(0);
      for (let o: usize = 0; o < stride; o += 16) {
        const x = v128.load(row + o);
        const y = v128.load(nextRow + o);
        const m0 = v128.load(first + o);
        const m1 = v128.load(second + o);
        const t00 = f64x2.sub(x, m0);
        const t01 = f64x2.sub(x, m1);
        const t10 = f64x2.sub(y, m0);
        const t11 = f64x2.sub(y, m1);
        s00 = f64x2.add(s00, f64x2.mul(t00, t00));
        s01 = f64x2.add(s01, f64x2.mul(t01, t01));
        s10 = f64x2.add(s10, f64x2.mul(t10, t10));
        s11 = f64x2.add(s11, f64x2.mul(t11, t11));
      }
      let closer = closerOf(s00, best);
      best = v128.bitselect(s00, best, closer);
      arg = v128.bitselect(i64x2.splat(a), arg, closer);
      closer = closerOf(s01, best);
      best = v128.bitselect(s01, best, closer);
      arg = v128.bitselect(i64x2.splat(a + 1), arg, closer);
      closer = closerOf(s10, nextBest);
      nextBest = v128.bitselect(s10, nextBest, closer);
      nextArg = v128.bitselect(i64x2.splat(a), nextArg, closer);
      closer = closerOf(s11, nextBest);
      nextBest = v128.bitselect(s11, nextBest, closer);
      nextArg = v128.bitselect(i64x2.splat(a + 1), nextArg, closer);
      a += 2;
    }
    if (a < k) {
      const center = centers + <usize>a * stride;
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      for (let o: usize = 0; o < stride; o += 16) {
        const m = v128.load(center + o);
        const t0 = f64x2.sub(v128.load(row + o), m);
        const t1 = f64x2.sub(v128.load(nextRow + o), m);
        s0 = f64x2.add(s0, f64x2.mul(t0, t0));
        s1 = f64x2.add(s1, f64x2.mul(t1, t1));
      }
      let closer = closerOf(s0, best);
      best = v128.bitselect(s0, best, closer);
      arg = v128.bitselect(i64x2.splat(a), arg, closer);
      closer = closerOf(s1, nextBest);
      nextBest = v128.bitselect(s1, nextBest, closer);
      nextArg = v128.bitselect(i64x2.splat(a), nextArg, closer);
    }
    objective = assignPair(objective, p, n, d, row, best, arg, labels, sums, counts);
    objective = assignPair(objective, p + 1, n, d, nextRow, nextBest, nextArg, labels, sums, counts);
  }
  if (p < pairCount) {
    const row = pairs + <usize>p * stride;
    let best = f64x2.splat(Infinity);
    let arg = i64x2.splat(0);
    for (let a = 0; a < k; a++) {
      const distance = pairDistances(row, centers + <usize>a * stride, d);
      const closer = closerOf(distance, best);
      best = v128.bitselect(distance, best, closer);
      arg = v128.bitselect(i64x2.splat(a), arg, closer);
    }
    objective = assignPair(objective, p, n, d, row, best, arg, labels, sums, counts);
  }
  return objective;
}

/**
 * Stores the pair p's distances to center a (lanes: points 2p and 2p+1, the second only when
 * 2p + 1 < n) into `out` (n×k f64), and with `withSpread` adds w_ia·D_ia to spread[a], point by point.
 */
// @ts-ignore: decorator
@inline
function storePair(withSpread: bool, p: i32, n: i32, k: i32, a: i32, distance: v128, out: usize, w: usize, spread: usize): void {
  const at = <usize>(2 * p * k + a) << 3;
  const nextAt = at + (<usize>k << 3);
  const both = 2 * p + 1 < n;
  const d0 = f64x2.extract_lane(distance, 0);
  store<f64>(out + at, d0);
  if (both) store<f64>(out + nextAt, f64x2.extract_lane(distance, 1));
  if (withSpread) {
    const spreadAt = spread + (<usize>a << 3);
    let s = load<f64>(spreadAt) + load<f64>(w + at) * d0;
    if (both) s += load<f64>(w + nextAt) * f64x2.extract_lane(distance, 1);
    store<f64>(spreadAt, s);
  }
}

/**
 * D_ia for every point and center (two pairs and two centers at a time, four independent sums each
 * over c in order), with `withSpread` also the spread Σ_i w_ia D_ia of each center, its terms added
 * in point order.
 */
// @ts-ignore: decorator
@inline
function distancePass(withSpread: bool, n: i32, d: i32, k: i32, pairs: usize, centers: usize, out: usize, w: usize, spread: usize): void {
  const pairCount = (n + 1) >> 1;
  const stride = <usize>d << 4;
  let p = 0;
  for (; p + 1 < pairCount; p += 2) {
    const row = pairs + <usize>p * stride;
    const nextRow = row + stride;
    let a = 0;
    for (; a + 1 < k; a += 2) {
      const first = centers + <usize>a * stride;
      const second = first + stride;
      let s00 = f64x2.splat(0);
      let s01 = f64x2.splat(0);
      let s10 = f64x2.splat(0);
      let s11 = f64x2.splat(0);
      for (let o: usize = 0; o < stride; o += 16) {
        const x = v128.load(row + o);
        const y = v128.load(nextRow + o);
        const m0 = v128.load(first + o);
        const m1 = v128.load(second + o);
        const t00 = f64x2.sub(x, m0);
        const t01 = f64x2.sub(x, m1);
        const t10 = f64x2.sub(y, m0);
        const t11 = f64x2.sub(y, m1);
        s00 = f64x2.add(s00, f64x2.mul(t00, t00));
        s01 = f64x2.add(s01, f64x2.mul(t01, t01));
        s10 = f64x2.add(s10, f64x2.mul(t10, t10));
        s11 = f64x2.add(s11, f64x2.mul(t11, t11));
      }
      storePair(withSpread, p, n, k, a, s00, out, w, spread);
      storePair(withSpread, p + 1, n, k, a, s10, out, w, spread);
      storePair(withSpread, p, n, k, a + 1, s01, out, w, spread);
      storePair(withSpread, p + 1, n, k, a + 1, s11, out, w, spread);
    }
    if (a < k) {
      const center = centers + <usize>a * stride;
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      for (let o: usize = 0; o < stride; o += 16) {
        const m = v128.load(center + o);
        const t0 = f64x2.sub(v128.load(row + o), m);
        const t1 = f64x2.sub(v128.load(nextRow + o), m);
        s0 = f64x2.add(s0, f64x2.mul(t0, t0));
        s1 = f64x2.add(s1, f64x2.mul(t1, t1));
      }
      storePair(withSpread, p, n, k, a, s0, out, w, spread);
      storePair(withSpread, p + 1, n, k, a, s1, out, w, spread);
    }
  }
  if (p < pairCount) {
    const row = pairs + <usize>p * stride;
    for (let a = 0; a < k; a++) storePair(withSpread, p, n, k, a, pairDistances(row, centers + <usize>a * stride, d), out, w, spread);
  }
}

/**
 * D_ia = ‖X_i − μ_a‖² for every point and center into `out` (n×k f64, row-major), from the same
 * `pairs` and `centers` layouts as `pass`, with each sum in the plain order over c (the n×k
 * matrix both EM steps read, theory/em.ts).
 */
export function squaredDistances(n: i32, d: i32, k: i32, pairs: usize, centers: usize, out: usize): void {
  distancePass(false, n, d, k, pairs, centers, out, 0, 0);
}

/**
 * EM's pass over its new centers (theory/em.ts): D_ia = ‖X_i − μ_a‖² into `out`, as
 * `squaredDistances` does, and spread[a] += w_ia·D_ia for every point in index order, where `w`
 * (n×k f64, row-major) holds the responsibilities of the previous E-step and `spread` (k f64) was
 * zeroed by the caller: the plain loop's Σ_i w_ia‖X_i − μ_a‖², term by term in the same order.
 */
export function distancesAndSpread(n: i32, d: i32, k: i32, pairs: usize, centers: usize, out: usize, w: usize, spread: usize): void {
  distancePass(true, n, d, k, pairs, centers, out, w, spread);
}

/**
 * The EM M-step's sums (theory/mstep.ts's mStep): for every point i in index order and every
 * cluster a with w_ia ≠ 0, mass[a] += w_ia and sums[a·d + c] += w_ia·X_i[c], each a separate
 * multiply and add as in the plain loop; two coordinates per f64x2, so every sum still runs over i
 * in order. `points` is row-major n×d f64, `w` n×k f64, `sums` k×d f64 and `mass` k f64, the last
 * two zeroed by the caller. (A skipped w_ia = 0 would add ±0 to a sum that is never −0: no change.)
 */
export function weightedSums(n: i32, d: i32, k: i32, points: usize, w: usize, sums: usize, mass: usize): void {
  for (let i = 0; i < n; i++) {
    const x = points + (<usize>(i * d) << 3);
    const weights = w + (<usize>(i * k) << 3);
    for (let a = 0; a < k; a++) {
      const weight = load<f64>(weights + (<usize>a << 3));
      if (weight == 0) continue;
      const massAt = mass + (<usize>a << 3);
      store<f64>(massAt, load<f64>(massAt) + weight);
      const target = sums + (<usize>(a * d) << 3);
      const splat = f64x2.splat(weight);
      let c = 0;
      for (; c + 1 < d; c += 2) {
        const at = target + (<usize>c << 3);
        v128.store(at, f64x2.add(v128.load(at), f64x2.mul(splat, v128.load(x + (<usize>c << 3)))));
      }
      if (c < d) {
        const at = target + (<usize>c << 3);
        store<f64>(at, load<f64>(at) + weight * load<f64>(x + (<usize>c << 3)));
      }
    }
  }
}

// e^x exactly as V8's Math.exp computes it: fdlibm's __ieee754_exp as ported in V8's
// src/base/ieee754.cc (`exp`), operation for operation. Every step is an IEEE-754 binary64 operation
// rounded to nearest (wasm has no implicit FMA and no extended precision, nor does that C++ code
// compiled for x86-64 without FMA), so the results are the same bits; properties/exp-kernel.test.ts
// checks them against Math.exp over every branch and millions of arguments.
const EXP_O_THRESHOLD: f64 = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF
const EXP_U_THRESHOLD: f64 = -7.45133219101941108420e2; // 0xC0874910 D52D3051
const LN2_HI: f64 = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2: f64 = 1.44269504088896338700e0; // 0x3FF71547 652B82FE
const EXP_P1: f64 = 1.66666666666666019037e-1; // 0x3FC55555 5555553E
const EXP_P2: f64 = -2.77777777770155933842e-3; // 0xBF66C16C 16BEBD93
const EXP_P3: f64 = 6.61375632143793436117e-5; // 0x3F11566A AF25DE2C
const EXP_P4: f64 = -1.65339022054652515390e-6; // 0xBEBBBD41 C5D26BF1
const EXP_P5: f64 = 4.13813679705723846039e-8; // 0x3E663769 72BEA4D0
const EXP_E: f64 = 2.718281828459045; // 0x4005BF0A 8B145769
const TWO_M1000: f64 = 9.33263618503218878990e-302; // 2^-1000
const TWO_1023: f64 = 8.988465674311579539e307; // 2^1023

/** V8's Math.exp (fdlibm's exp), bit for bit. */
// @ts-ignore: decorator
@inline
function fdlibmExp(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  let hx = <u32>(bits >> 32);
  const xsb = <i32>(hx >> 31); // sign bit of x
  hx &= 0x7fffffff; // high word of |x|
  // filter out non-finite arguments
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | <u32>bits) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0; // exp(±∞) = ∞, 0
    }
    if (x > EXP_O_THRESHOLD) return Infinity; // huge·huge: overflow
    if (x < EXP_U_THRESHOLD) return 0.0; // twom1000·twom1000: underflow
  }
  let hi: f64 = 0;
  let lo: f64 = 0;
  let k: i32 = 0;
  // argument reduction
  if (hx > 0x3fd62e42) {
    // |x| > 0.5·ln2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5·ln2
      if (x == 1.0) return EXP_E;
      hi = x - (xsb == 0 ? LN2_HI : -LN2_HI);
      lo = xsb == 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI; // t·LN2_HI is exact here
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28: huge + x > one always holds
    return 1.0 + x;
  }
  // x is now in the primary range
  const t = x * x;
  const twopk =
    k >= -1021
      ? reinterpret<f64>(<u64>(<u32>(0x3ff00000 + (k << 20))) << 32)
      : reinterpret<f64>(<u64>(<u32>0x3ff00000 + (<u32>(k + 1000) << 20)) << 32);
  const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * TWO_1023;
    return y * twopk;
  }
  return y * twopk * TWO_M1000;
}

/** out[j] = e^{x[j]} for j < count, by `fdlibmExp` (for the tests that compare it with Math.exp). */
export function expInto(count: i32, x: usize, out: usize): void {
  for (let j = 0; j < count; j++) store<f64>(out + (<usize>j << 3), fdlibmExp(load<f64>(x + (<usize>j << 3))));
}

/**
 * EM's E-step (theory/em.ts) from D (n×k f64) into w (n×k f64), as the plain loop does it: for each
 * point, s_a = logWeights[a] − D_ia·halfPrecisions[a], its maximum m, e_a = exp(s_a − m) (V8's
 * Math.exp, bit for bit), their total T summed in order, and w_ia = e_a / T. Stores m and T of
 * each point in `rowMax` and `rowTotal` (n f64) for the caller's log-likelihood Σ_i m + log T.
 */
export function eStep(n: i32, k: i32, distances: usize, w: usize, logWeights: usize, halfPrecisions: usize, rowMax: usize, rowTotal: usize): void {
  for (let i = 0; i < n; i++) {
    const row = <usize>(i * k) << 3;
    const D = distances + row;
    const W = w + row;
    let max: f64 = -Infinity;
    for (let a = 0; a < k; a++) {
      const at = <usize>a << 3;
      const s = load<f64>(logWeights + at) - load<f64>(D + at) * load<f64>(halfPrecisions + at);
      store<f64>(W + at, s);
      if (s > max) max = s;
    }
    let total: f64 = 0;
    for (let a = 0; a < k; a++) {
      const at = <usize>a << 3;
      const e = fdlibmExp(load<f64>(W + at) - max);
      store<f64>(W + at, e);
      total += e;
    }
    for (let a = 0; a < k; a++) {
      const at = <usize>a << 3;
      store<f64>(W + at, load<f64>(W + at) / total);
    }
    store<f64>(rowMax + (<usize>i << 3), max);
    store<f64>(rowTotal + (<usize>i << 3), total);
  }
}
