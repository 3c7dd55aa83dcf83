// Layer normalisation over the last axis, forward and backward, in float32 with wasm SIMD (issue 7:
// built from tfjs ops it took about twenty kernel launches per layer and step, and plain
// JavaScript loops run at about 3 ns per element on the bench machine). For each row x of
// `width` floats:
//   mean = Σ x / width,  var = Σ (x − mean)² / width (population, as tf.moments),
//   inverse = 1/sqrt(var + ε),  x̂ = (x − mean)·inverse,  y = γ ⊙ x̂ + β,
// and, given ∂y, with g = γ ⊙ ∂y:
//   ∂x = (g − mean(g) − x̂·mean(g ⊙ x̂))·inverse,  ∂γ = Σ_rows ∂y ⊙ x̂,  ∂β = Σ_rows ∂y.
// Arrays are row-major float32 at byte offsets the caller lays out; `stats` holds (mean, inverse)
// per row, so the backward recomputes x̂ instead of storing it.

// @ts-ignore: decorator
@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 2);
}

/** Σ of `width` floats from `row`, four lanes at a time. */
function rowSum(row: usize, width: i32): f32 {
  let acc = f32x4.splat(0);
  let c = 0;
  for (; c + 4 <= width; c += 4) acc = f32x4.add(acc, v128.load(at(row, c)));
  let sum = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (; c < width; c++) sum += load<f32>(at(row, c));
  return sum;
}

/** Fills y (rows × width) and stats (rows × 2: mean, inverse std). */
export function forward(rows: i32, width: i32, epsilon: f32, x: usize, gain: usize, bias: usize, y: usize, stats: usize): void {
  const n = <f32>width;
  for (let r = 0; r < rows; r++) {
    const row = at(x, r * width);
    const mean = rowSum(row, width) / n;
    const vMean = f32x4.splat(mean);
    let acc = f32x4.splat(0);
    let c = 0;
    for (; c + 4 <= width; c += 4) {
      const t = f32x4.sub(v128.load(at(row, c)), vMean);
      acc = f32x4.add(acc, f32x4.mul(t, t));
    }
    let squares = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
    for (; c < width; c++) {
      const t = load<f32>(at(row, c)) - mean;
      squares += t * t;
    }
    const inverse: f32 = 1 / Mathf.sqrt(squares / n + epsilon);
    store<f32>(at(stats, 2 * r), mean);
    store<f32>(at(stats, 2 * r + 1), inverse);
    const vInverse = f32x4.splat(inverse);
    const out = at(y, r * width);
    c = 0;
    for (; c + 4 <= width; c += 4) {
      const xHat = f32x4.mul(f32x4.sub(v128.load(at(row, c)), vMean), vInverse);
      v128.store(at(out, c), f32x4.add(f32x4.mul(v128.load(at(gain, c)), xHat), v128.load(at(bias, c))));
    }
    for (; c < width; c++) store<f32>(at(out, c), load<f32>(at(gain, c)) * ((load<f32>(at(row, c)) - mean) * inverse) + load<f32>(at(bias, c)));
  }
}

/** Fills dx (rows × width), dGain and dBias (width each) from dy and the forward's x and stats. */
export function backward(rows: i32, width: i32, x: usize, gain: usize, stats: usize, dy: usize, dx: usize, dGain: usize, dBias: usize): void {
  const n = <f32>width;
  memory.fill(dGain, 0, <usize>width << 2);
  memory.fill(dBias, 0, <usize>width << 2);
  for (let r = 0; r < rows; r++) {
    const row = at(x, r * width);
    const up = at(dy, r * width);
    const mean = load<f32>(at(stats, 2 * r));
    const inverse = load<f32>(at(stats, 2 * r + 1));
    const vMean = f32x4.splat(mean);
    const vInverse = f32x4.splat(inverse);
    let accG = f32x4.splat(0);
    let accGX = f32x4.splat(0);
    let c = 0;
    for (; c + 4 <= width; c += 4) {
      const d = v128.load(at(up, c));
      const xHat = f32x4.mul(f32x4.sub(v128.load(at(row, c)), vMean), vInverse);
      const g = f32x4.mul(v128.load(at(gain, c)), d);
      accG = f32x4.add(accG, g);
      accGX = f32x4.add(accGX, f32x4.mul(g, xHat));
      v128.store(at(dGain, c), f32x4.add(v128.load(at(dGain, c)), f32x4.mul(d, xHat)));
      v128.store(at(dBias, c), f32x4.add(v128.load(at(dBias, c)), d));
    }
    let sumG = f32x4.extract_lane(accG, 0) + f32x4.extract_lane(accG, 1) + (f32x4.extract_lane(accG, 2) + f32x4.extract_lane(accG, 3));
    let sumGX = f32x4.extract_lane(accGX, 0) + f32x4.extract_lane(accGX, 1) + (f32x4.extract_lane(accGX, 2) + f32x4.extract_lane(accGX, 3));
    for (let t = c; t < width; t++) {
      const d = load<f32>(at(up, t));
      const xHat = (load<f32>(at(row, t)) - mean) * inverse;
      const g = load<f32>(at(gain, t)) * d;
      sumG += g;
      sumGX += g * xHat;
      store<f32>(at(dGain, t), load<f32>(at(dGain, t)) + d * xHat);
      store<f32>(at(dBias, t), load<f32>(at(dBias, t)) + d);
    }
    const meanG = sumG / n;
    const meanGX = sumGX / n;
    const vMeanG = f32x4.splat(meanG);
    const vMeanGX = f32x4.splat(meanGX);
    const out = at(dx, r * width);
    c = 0;
    for (; c + 4 <= width; c += 4) {
      const xHat = f32x4.mul(f32x4.sub(v128.load(at(row, c)), vMean), vInverse);
      const g = f32x4.mul(v128.load(at(gain, c)), v128.load(at(up, c)));
      v128.store(at(out, c), f32x4.mul(f32x4.sub(f32x4.sub(g, vMeanG), f32x4.mul(xHat, vMeanGX)), vInverse));
    }
    for (; c < width; c++) {
      const xHat = (load<f32>(at(row, c)) - mean) * inverse;
      const g = load<f32>(at(gain, c)) * load<f32>(at(up, c));
      store<f32>(at(out, c), (g - meanG - xHat * meanGX) * inverse);
    }
  }
}

/** First byte after the module's static data: where a caller may lay out its arrays. */
export function heapBase(): usize {
  return __heap_base;
}
