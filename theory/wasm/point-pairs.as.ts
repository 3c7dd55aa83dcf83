// Passes over points held two at a time in wasm SIMD: Lloyd's fused pass (CLAIMS.md §2) and EM's
// squared distances. AssemblyScript, built by `npm run build:wasm` into point-pairs.wasm and
// driven by point-pairs.ts, which lays the arrays out in this module's memory. Results are
// bit-identical to the plain float64 loops (properties/reference/plain-lloyd.ts,
// theory/em.ts's squaredDistances): the two f64x2 lanes hold two different points, never two
// coordinates, so each ‖X_i − μ_a‖² is summed over c = 0..d−1 in the same order, with a separate
// multiply and add (wasm has no implicit FMA), and the objective is summed over i in order.

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

let changedCount: i32 = 0;

/** How many labels the last `pass` changed. */
export function changed(): i32 {
  return changedCount;
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
 */
export function pass(n: i32, d: i32, k: i32, pairs: usize, centers: usize, labels: usize, sums: usize, counts: usize): f64 {
  let objective: f64 = 0;
  let changes: i32 = 0;
  for (let p = 0; p < (n + 1) >> 1; p++) {
    const row = pairs + (<usize>(p * d) << 4);
    let best = f64x2.splat(Infinity);
    let arg = i64x2.splat(0);
    for (let a = 0; a < k; a++) {
      const distance = pairDistances(row, centers + (<usize>(a * d) << 4), d);
      // Centers in index order with a strict <, per lane: ties go to the smallest index.
      const closer = f64x2.lt(distance, best);
      best = v128.bitselect(distance, best, closer);
      arg = v128.bitselect(i64x2.splat(a), arg, closer);
    }
    for (let lane = 0; lane < 2; lane++) {
      const i = 2 * p + lane;
      if (i >= n) break;
      const label = <i32>(lane == 0 ? i64x2.extract_lane(arg, 0) : i64x2.extract_lane(arg, 1));
      objective += lane == 0 ? f64x2.extract_lane(best, 0) : f64x2.extract_lane(best, 1);
      const labelAt = labels + (<usize>i << 2);
      if (load<i32>(labelAt) != label) {
        changes++;
        store<i32>(labelAt, label);
      }
      const countAt = counts + (<usize>label << 2);
      store<i32>(countAt, load<i32>(countAt) + 1);
      // The M-step's sums: this lane's coordinates, 16 bytes apart.
      const target = sums + (<usize>(label * d) << 3);
      const source = row + (<usize>lane << 3);
      for (let c = 0; c < d; c++) {
        const at = target + (<usize>c << 3);
        store<f64>(at, load<f64>(at) + load<f64>(source + (<usize>c << 4)));
      }
    }
  }
  changedCount = changes;
  return objective;
}

/**
 * D_ia = ‖X_i − μ_a‖² for every point and center into `out` (n×k f64, row-major), from the same
 * `pairs` and `centers` layouts as `pass`, with each sum in the plain order over c (the n×k
 * matrix both EM steps read, theory/em.ts).
 */
export function squaredDistances(n: i32, d: i32, k: i32, pairs: usize, centers: usize, out: usize): void {
  for (let p = 0; p < (n + 1) >> 1; p++) {
    const row = pairs + (<usize>(p * d) << 4);
    const first = out + (<usize>(2 * p * k) << 3);
    const second = first + (<usize>k << 3);
    const both = 2 * p + 1 < n;
    for (let a = 0; a < k; a++) {
      const distance = pairDistances(row, centers + (<usize>(a * d) << 4), d);
      store<f64>(first + (<usize>a << 3), f64x2.extract_lane(distance, 0));
      if (both) store<f64>(second + (<usize>a << 3), f64x2.extract_lane(distance, 1));
    }
  }
}
