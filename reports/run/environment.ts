import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { installedVersion, PROJECT_ROOT } from '../../model/training/package-versions';
import type { PeakRss, RunEnvironment } from './run-results';

/** Packages whose versions can change a result; recorded in every run. */
const RECORDED_PACKAGES = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-node',
  'fast-check',
  'ml-matrix',
  'mathjs',
  'munkres',
  'pure-rand',
  '@stdlib/stats-base-dists-normal-logcdf',
  '@stdlib/stats-base-dists-beta-quantile',
  'vega',
  'vega-lite',
  '@resvg/resvg-js',
];

export function projectVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function gitSha(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** The environment of a run on `backend`, with its peak RSS when measured (peak-rss.ts). */
export function runEnvironment(backend: string, peakRss: PeakRss | undefined): RunEnvironment {
  const packages: Record<string, string> = {};
  for (const name of RECORDED_PACKAGES) {
    const version = installedVersion(name);
    if (version) packages[name] = version;
  }
  return {
    tvemVersion: projectVersion(),
    node: process.version,
    packages,
    backend,
    gitSha: gitSha(),
    cores: availableParallelism(),
    platform: `${process.platform}-${process.arch}`,
    ...(peakRss ? { peakRss } : {}),
  };
}
