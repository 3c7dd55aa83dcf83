// Multi-head softmax self-attention, forward and backward, in float32 with wasm SIMD (issue 7:
// tfjs-wasm runs the small per-head batched matMuls of attention at 1–2 GFLOP/s). One call covers
// every instance b and head h, with no transposes:
//   P_bh = softmax(Q_bh K_bhᵀ) row-wise,  O_bh = P_bh V_bh,
// and, given dO, the gradients
//   dV_bh = P_bhᵀ dO_bh,  dP = dO_bh V_bhᵀ,  dS = P ⊙ (dP − rowsum(dP ⊙ P)),
//   dQ_bh = dS K_bh,  dK_bh = dSᵀ Q_bh.
// Layouts (row-major float32): qkv [B, T, 3W] with W = H·dh, columns [0, W) = Q, [W, 2W) = K,
// [2W, 3W) = V and head h in columns h·dh … h·dh + dh − 1 of each; out and dout [B, T, W];
// p [B, H, T, T]; dqkv like qkv. Scores carry no 1/√dh (the caller scales W_Q). Pointers are byte
// offsets into this module's memory, which the caller lays out; nothing here allocates.
//
// Each product runs four lanes at a time: four scores per pass with one query load (`dots`), and
// weighted sums of rows with eight accumulating lanes (`combine`). The backward first stores dS of
// one (b, h) in scratch, so that dK and dV are weighted sums down its columns, like dQ along its
// rows, instead of scattered rank-one updates.

/** The byte address of float `index` after `base`. */
// @ts-ignore: decorator
@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

/** The sum of the four lanes of v. */
// @ts-ignore: decorator
@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** out[j] = <a, rows[j]> for j < count, rows `stride` floats apart, vectors of `len` floats (4 at a time where possible). */
function dots(out: usize, a: usize, rows: usize, stride: i32, count: i32, len: i32): void {
  const vlen = len & ~3;
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const r0 = at(rows, j * stride);
    const r1 = at(rows, (j + 1) * stride);
    const r2 = at(rows, (j + 2) * stride);
    const r3 = at(rows, (j + 3) * stride);
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let a2 = f32x4.splat(0);
    let a3 = f32x4.splat(0);
    for (let c = 0; c < vlen; c += 4) {
      const q = v128.load(at(a, c));
      a0 = f32x4.add(a0, f32x4.mul(q, v128.load(at(r0, c))));
      a1 = f32x4.add(a1, f32x4.mul(q, v128.load(at(r1, c))));
      a2 = f32x4.add(a2, f32x4.mul(q, v128.load(at(r2, c))));
      a3 = f32x4.add(a3, f32x4.mul(q, v128.load(at(r3, c))));
    }
    // Transpose-and-add: lane t of `sums` is the full sum of a_t.
    const s01 = f32x4.add(v128.shuffle<f32>(a0, a1, 0, 1, 4, 5), v128.shuffle<f32>(a0, a1, 2, 3, 6, 7));
    const s23 = f32x4.add(v128.shuffle<f32>(a2, a3, 0, 1, 4, 5), v128.shuffle<f32>(a2, a3, 2, 3, 6, 7));
    let sums = f32x4.add(v128.shuffle<f32>(s01, s23, 0, 2, 4, 6), v128.shuffle<f32>(s01, s23, 1, 3, 5, 7));
    if (vlen < len) {
      for (let c = vlen; c < len; c++) {
        const q = load<f32>(at(a, c));
        sums = f32x4.add(sums, f32x4.mul(f32x4.splat(q), f32x4(load<f32>(at(r0, c)), load<f32>(at(r1, c)), load<f32>(at(r2, c)), load<f32>(at(r3, c)))));
      }
    }
    v128.store(at(out, j), sums);
  }
  for (; j < count; j++) {
    const r = at(rows, j * stride);
    let acc = f32x4.splat(0);
    for (let c = 0; c < vlen; c += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(at(a, c)), v128.load(at(r, c))));
    let s = hsum(acc);
    for (let c = vlen; c < len; c++) s += load<f32>(at(a, c)) * load<f32>(at(r, c));
    store<f32>(at(out, j), s);
  }
}

/** y[0..len) = Σ_j w[j·wStride] · rows[j] for j < count (rows `stride` apart); overwrites y. */
function combine(y: usize, w: usize, wStride: i32, rows: usize, stride: i32, count: i32, len: i32): void {
  const vlen = len & ~3;
  let c = 0;
  for (; c + 8 <= vlen; c += 8) {
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    for (let j = 0; j < count; j++) {
      const s = f32x4.splat(load<f32>(at(w, j * wStride)));
      const r = at(rows, j * stride + c);
      a0 = f32x4.add(a0, f32x4.mul(s, v128.load(r)));
      a1 = f32x4.add(a1, f32x4.mul(s, v128.load(r, 16)));
    }
    v128.store(at(y, c), a0);
    v128.store(at(y, c + 4), a1);
  }
  for (; c < vlen; c += 4) {
    let a0 = f32x4.splat(0);
    for (let j = 0; j < count; j++) a0 = f32x4.add(a0, f32x4.mul(f32x4.splat(load<f32>(at(w, j * wStride))), v128.load(at(rows, j * stride + c))));
    v128.store(at(y, c), a0);
  }
  for (; c < len; c++) {
    let s: f32 = 0;
    for (let j = 0; j < count; j++) s += load<f32>(at(w, j * wStride)) * load<f32>(at(rows, j * stride + c));
    store<f32>(at(y, c), s);
  }
}

/** Forward: fills out [B, T, W] and the attention weights p [B, H, T, T]. */
export function forward(B: i32, T: i32, H: i32, dh: i32, qkv: usize, out: usize, p: usize): void {
  const W = H * dh;
  const stride = 3 * W;
  for (let b = 0; b < B; b++) {
    const base = at(qkv, b * T * stride);
    for (let h = 0; h < H; h++) {
      const keys = at(base, W + h * dh);
      const values = at(base, 2 * W + h * dh);
      for (let i = 0; i < T; i++) {
        const row = at(p, ((b * H + h) * T + i) * T);
        dots(row, at(base, i * stride + h * dh), keys, stride, T, dh);
        let maximum = -Infinity as f32;
        for (let j = 0; j < T; j++) maximum = Mathf.max(maximum, load<f32>(at(row, j)));
        let sum: f32 = 0;
        for (let j = 0; j < T; j++) {
          const e = Mathf.exp(load<f32>(at(row, j)) - maximum);
          store<f32>(at(row, j), e);
          sum += e;
        }
        const inverse: f32 = 1 / sum;
        for (let j = 0; j < T; j++) store<f32>(at(row, j), load<f32>(at(row, j)) * inverse);
        combine(at(out, (b * T + i) * W + h * dh), row, 1, values, stride, T, dh);
      }
    }
  }
}

/** Backward: fills dqkv [B, T, 3W] from dout [B, T, W] and the forward's qkv and p; scratch holds T·T floats (dS of one (b, h)). */
export function backward(B: i32, T: i32, H: i32, dh: i32, qkv: usize, p: usize, dout: usize, dqkv: usize, scratch: usize): void {
  const W = H * dh;
  const stride = 3 * W;
  for (let b = 0; b < B; b++) {
    const base = at(qkv, b * T * stride);
    const grad = at(dqkv, b * T * stride);
    for (let h = 0; h < H; h++) {
      const weights = at(p, (b * H + h) * T * T);
      const keys = at(base, W + h * dh);
      const values = at(base, 2 * W + h * dh);
      const upstream = at(dout, b * T * W + h * dh);
      // dS = P ⊙ (dO Vᵀ − rowsum(P ⊙ dO Vᵀ)), row by row into scratch.
      for (let i = 0; i < T; i++) {
        const dS = at(scratch, i * T);
        dots(dS, at(upstream, i * W), values, stride, T, dh);
        const row = at(weights, i * T);
        let rowDot: f32 = 0;
        for (let j = 0; j < T; j++) rowDot += load<f32>(at(dS, j)) * load<f32>(at(row, j));
        for (let j = 0; j < T; j++) store<f32>(at(dS, j), load<f32>(at(row, j)) * (load<f32>(at(dS, j)) - rowDot));
      }
      for (let i = 0; i < T; i++) {
        // dQ_i = Σ_j dS_ij K_j;  dK_i = Σ_j dS_ji Q_j;  dV_i = Σ_j P_ji dO_j.
        combine(at(grad, i * stride + h * dh), at(scratch, i * T), 1, keys, stride, T, dh);
        combine(at(grad, i * stride + W + h * dh), at(scratch, i), T, at(base, h * dh), stride, T, dh);
        combine(at(grad, i * stride + 2 * W + h * dh), at(weights, i), T, upstream, W, T, dh);
      }
    }
  }
}

/** First byte after the module's static data: where a caller may lay out its arrays. */
export function heapBase(): usize {
  return __heap_base;
}
