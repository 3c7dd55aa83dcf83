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

/** Σ_c a[c]·b[c] over `len` floats, four lanes at a time. */
// @ts-ignore: decorator
@inline
function dot(a: usize, b: usize, len: i32): f32 {
  let acc = f32x4.splat(0);
  let c = 0;
  for (; c + 4 <= len; c += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(a + (<usize>c << 2)), v128.load(b + (<usize>c << 2))));
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; c < len; c++) s += load<f32>(a + (<usize>c << 2)) * load<f32>(b + (<usize>c << 2));
  return s;
}

/** y[c] += alpha·x[c] over `len` floats. */
// @ts-ignore: decorator
@inline
function axpy(y: usize, alpha: f32, x: usize, len: i32): void {
  const va = f32x4.splat(alpha);
  let c = 0;
  for (; c + 4 <= len; c += 4) {
    const at = y + (<usize>c << 2);
    v128.store(at, f32x4.add(v128.load(at), f32x4.mul(va, v128.load(x + (<usize>c << 2)))));
  }
  for (; c < len; c++) {
    const at = y + (<usize>c << 2);
    store<f32>(at, load<f32>(at) + alpha * load<f32>(x + (<usize>c << 2)));
  }
}

/** Byte offset of token i's head-h slice in the part (0 = Q, 1 = K, 2 = V) of instance b. */
// @ts-ignore: decorator
@inline
function slot(base: usize, b: i32, i: i32, T: i32, W: i32, part: i32, h: i32, dh: i32): usize {
  return base + (<usize>((b * T + i) * 3 * W + part * W + h * dh) << 2);
}

/** Forward: fills out [B, T, W] and the attention weights p [B, H, T, T]. */
export function forward(B: i32, T: i32, H: i32, dh: i32, qkv: usize, out: usize, p: usize): void {
  const W = H * dh;
  memory.fill(out, 0, <usize>(B * T * W) << 2);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < T; i++) {
        const q = slot(qkv, b, i, T, W, 0, h, dh);
        const row = p + (<usize>(((b * H + h) * T + i) * T) << 2);
        let max = -Infinity as f32;
        for (let j = 0; j < T; j++) {
          const s = dot(q, slot(qkv, b, j, T, W, 1, h, dh), dh);
          store<f32>(row + (<usize>j << 2), s);
          max = Mathf.max(max, s);
        }
        let sum: f32 = 0;
        for (let j = 0; j < T; j++) {
          const e = Mathf.exp(load<f32>(row + (<usize>j << 2)) - max);
          store<f32>(row + (<usize>j << 2), e);
          sum += e;
        }
        const inverse: f32 = 1 / sum;
        const o = out + (<usize>((b * T + i) * W + h * dh) << 2);
        for (let j = 0; j < T; j++) {
          const weight = load<f32>(row + (<usize>j << 2)) * inverse;
          store<f32>(row + (<usize>j << 2), weight);
          axpy(o, weight, slot(qkv, b, j, T, W, 2, h, dh), dh);
        }
      }
    }
  }
}

/**
 * Backward: fills dqkv [B, T, 3W] from dout [B, T, W], the forward's qkv and p. `scratch` holds
 * T floats (one row of dP).
 */
export function backward(B: i32, T: i32, H: i32, dh: i32, qkv: usize, p: usize, dout: usize, dqkv: usize, scratch: usize): void {
  const W = H * dh;
  memory.fill(dqkv, 0, <usize>(B * T * 3 * W) << 2);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < T; i++) {
        const dO = dout + (<usize>((b * T + i) * W + h * dh) << 2);
        const row = p + (<usize>(((b * H + h) * T + i) * T) << 2);
        let rowDot: f32 = 0;
        for (let j = 0; j < T; j++) {
          const dP = dot(dO, slot(qkv, b, j, T, W, 2, h, dh), dh);
          store<f32>(scratch + (<usize>j << 2), dP);
          rowDot += dP * load<f32>(row + (<usize>j << 2));
        }
        const q = slot(qkv, b, i, T, W, 0, h, dh);
        const dQ = slot(dqkv, b, i, T, W, 0, h, dh);
        for (let j = 0; j < T; j++) {
          const weight = load<f32>(row + (<usize>j << 2));
          const dS = weight * (load<f32>(scratch + (<usize>j << 2)) - rowDot);
          axpy(dQ, dS, slot(qkv, b, j, T, W, 1, h, dh), dh);
          axpy(slot(dqkv, b, j, T, W, 1, h, dh), dS, q, dh);
          axpy(slot(dqkv, b, j, T, W, 2, h, dh), weight, dO, dh);
        }
      }
    }
  }
}

/** First byte after the module's static data: where a caller may lay out its arrays. */
export function heapBase(): usize {
  return __heap_base;
}
