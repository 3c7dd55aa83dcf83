/**
 * Persistent float64 side of `tvem bench`: a child process that runs theory/lloyd.ts and
 * theory/em.ts, speaking the same line protocol as peers/sklearn_worker.py so that both sides
 * are timed inside their own process and their peak RSS is comparable.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { em } from '../theory/em';
import { lloyd } from '../theory/lloyd';
import { fromRows, type Matrix } from '../theory/matrix';
import type { FitRequest } from './bench-dataset';

const loaded = new Map<string, Matrix>();

function loadPoints(request: FitRequest): Matrix {
  let points = loaded.get(request.points);
  if (!points) {
    const bytes = readFileSync(request.points);
    // Copy into a fresh, 8-byte-aligned buffer; the file is raw little-endian float64, row-major.
    const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (data.length !== request.n * request.d)
      throw new Error(`${request.points} holds ${data.length} numbers, not n·d = ${request.n * request.d}`);
    points = { rows: request.n, cols: request.d, data };
    loaded.set(request.points, points);
  }
  return points;
}

function fitModel(request: FitRequest): { seconds: number; iterations: number } {
  const points = loadPoints(request);
  const init = fromRows('init', request.init);
  const start = performance.now();
  const run =
    request.op === 'lloyd'
      ? lloyd(points, init, { maxIterations: request.maxIterations })
      : em(points, init, { covariance: 'per-cluster', maxIterations: request.maxIterations, tolerance: 0, sigma2: request.sigma2 });
  return { seconds: (performance.now() - start) / 1000, iterations: run.iterations };
}

function answer(message: { op?: unknown }): unknown {
  switch (message.op) {
    case 'hello':
      return { node: process.version };
    case 'lloyd':
    case 'em':
      return fitModel(message as FitRequest);
    case 'memory':
      return { maxRssKiB: process.resourceUsage().maxRSS };
    default:
      return { error: `unknown op ${JSON.stringify(message.op)}; expected hello, lloyd, em or memory` };
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  let reply: unknown;
  try {
    reply = answer(JSON.parse(line) as { op?: unknown });
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
});
