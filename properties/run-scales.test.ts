import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIM_IDS } from '../bounds/registry';
import type { ClaimCheck } from '../reports/claims/kit/claim-check';
import { CHECKS } from '../reports/run/claim-checks';
import { CLAIM_STREAM_IDS } from '../reports/run/claim-streams';
import type { RunConfig } from '../reports/run/run-config';
import { readRunConfig, writeRunJson } from '../reports/run/run-json';
import { resolveScales } from '../reports/run/scales';

/** A check registry entry whose check declares `scales`, never run here. */
function entry(scales: ClaimCheck['scales']) {
  const check: ClaimCheck = {
    id: 'A1',
    scales,
    run: () => Promise.reject(new Error('not run in this test')),
  };
  return { tensors: false, load: () => check };
}

const FAKE_CHECKS = {
  A1: entry({ quick: { cases: 30 }, default: { cases: 3000 } }),
  B2: entry({ quick: { cases: 4 }, default: { cases: 40 } }),
  F1: entry({ quick: { ks: [2, 3], deltas: [2, 4] }, default: { ks: [2, 3, 5], deltas: [2, 4, 8, 16, 32] } }),
  G1: {
    tensors: true,
    load: (): ClaimCheck => {
      throw new Error('cannot load');
    },
  },
};

describe('run: each claim resolves its scale, saved in run.json', () => {
  test('--quick picks scales.quick, else scales.default', () => {
    expect(resolveScales(['A1', 'B2', 'F1'], true, FAKE_CHECKS)).toEqual({
      A1: { cases: 30 },
      B2: { cases: 4 },
      F1: { ks: [2, 3], deltas: [2, 4] },
    });
    expect(resolveScales(['A1', 'B2', 'F1'], false, FAKE_CHECKS)).toEqual({
      A1: { cases: 3000 },
      B2: { cases: 40 },
      F1: { ks: [2, 3, 5], deltas: [2, 4, 8, 16, 32] },
    });
  });

  test('only the claims asked for, keyed in registry order; a check that fails to load is left to its run', () => {
    const scales = resolveScales(['F1', 'G1', 'A1'], true, FAKE_CHECKS);
    expect(Object.keys(scales)).toEqual(['A1', 'F1']);
    expect(resolveScales(['B2', 'G1'], true, FAKE_CHECKS)).toEqual({ B2: { cases: 4 } });
  });

  test('run.json holds the configuration and the resolved scales beside it, and reads back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tvem-run-json-'));
    try {
      const config: RunConfig = { seed: 7, quick: true, only: ['A1', 'F1'], shard: { index: 1, count: 1 } };
      const scales = resolveScales(config.only, config.quick, FAKE_CHECKS);
      writeRunJson(dir, config, scales);
      expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'))).toEqual({ ...config, scales });
      expect(Object.keys(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')))).toEqual(['seed', 'quick', 'only', 'shard', 'scales']);
      expect(readRunConfig(dir)).toEqual({ ...config, scales });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the real checks: each resolved scale is the one the check declares for the run scale', () => {
    const ids = CLAIM_IDS.filter((id) => CHECKS[id] !== undefined && !CHECKS[id]!.tensors);
    for (const quick of [true, false]) {
      const scales = resolveScales(ids, quick);
      for (const id of ids) {
        expect(scales[id]).toEqual(CHECKS[id]!.load().scales?.[quick ? 'quick' : 'default']);
      }
    }
  });
});

describe('run: claim random streams', () => {
  test('every claim has its own stream id, and the ids are the registry positions the results were made with', () => {
    expect(Object.keys(CLAIM_STREAM_IDS)).toEqual([...CLAIM_IDS]);
    expect(CLAIM_IDS.map((id) => CLAIM_STREAM_IDS[id])).toEqual(CLAIM_IDS.map((_, position) => position));
  });
});
