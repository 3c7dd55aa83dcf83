import { test } from '@fast-check/jest';
import fc from 'fast-check';
import { samplePretrainingTask } from '../model/clustering/clustering-task';
import { parseClusteringExperiment, toldClusters } from '../model/clustering/config';
import { clusteringPreset, type PresetFamily } from '../model/clustering/presets';
import { mixtureWeights } from '../theory/mixture';
import { Rng } from '../theory/rng';

/**
 * model/clustering/presets.ts and config.ts, claim G1: pre-training on a setting's own family
 * (variant, m told) with its own seed, while the default family keeps the seed F3 and F4 share.
 */

const runSeed = fc.integer({ min: 0, max: 0xffffffff });
const quick = fc.boolean();

/** G1's families at k = 3 (bounds/registry.ts constants), with the init each trains with. */
const FAMILIES: readonly { family: PresetFamily; init: 'perturbed-truth' | 'none' }[] = [
  { family: {}, init: 'perturbed-truth' },
  { family: { variant: { kind: 'anisotropic', lambdaMin: 0.25, lambdaMax: 2.25 } }, init: 'perturbed-truth' },
  { family: { variant: { kind: 'imbalanced', alpha: 0.1 } }, init: 'perturbed-truth' },
  { family: { variant: { kind: 'imbalanced', alpha: 0.05 } }, init: 'perturbed-truth' },
  { family: { variant: { kind: 'heavy-tailed', nu: 3 } }, init: 'perturbed-truth' },
  { family: {}, init: 'none' },
  { family: { clustersTold: 2 }, init: 'none' },
  { family: { clustersTold: 4 }, init: 'none' },
];

describe('G1: family presets', () => {
  test.prop([runSeed, quick, fc.integer({ min: 2, max: 4 }), fc.constantFrom('perturbed-truth', 'kmeans++', 'none' as const)])(
    'G1: the default family (isotropic, m = k, spelled out or absent) keeps the (run seed, k, init) seed F3 and F4 share',
    (seed, q, k, init) => {
      const absent = clusteringPreset({ runSeed: seed, quick: q, k, init });
      const spelled = clusteringPreset({ runSeed: seed, quick: q, k, init, family: { variant: { kind: 'isotropic' }, clustersTold: k } });
      expect(spelled).toEqual(absent);
      const today = new Rng(seed).split(0x5f3).split(16 * k + ['perturbed-truth', 'kmeans++', 'none'].indexOf(init)).seed;
      expect(absent.seed).toBe(today);
      expect([absent.variant, absent.clustersTold]).toEqual([{ kind: 'isotropic' }, null]);
    },
  );

  test.prop([runSeed, quick])('G1: the eight families of G1 get eight distinct seeds and carry their variant and m', (seed, q) => {
    const configs = FAMILIES.map(({ family, init }) => clusteringPreset({ runSeed: seed, quick: q, k: 3, init, family }));
    expect(new Set(configs.map((c) => c.seed)).size).toBe(FAMILIES.length);
    configs.forEach((c, i) => {
      const { family, init } = FAMILIES[i]!;
      expect(c.init).toBe(init);
      expect(c.variant).toEqual(family.variant ?? { kind: 'isotropic' });
      expect(toldClusters(c)).toBe(family.clustersTold ?? 3);
    });
  });

  test.prop([runSeed, fc.integer({ min: 0, max: 0xffffffff })])(
    "G1: pre-training tasks come from the config's family (imbalanced: the small cluster's share)",
    (seed, taskSeed) => {
      const config = clusteringPreset({ runSeed: seed, quick: true, k: 3, family: { variant: { kind: 'imbalanced', alpha: 0.1 } } });
      const { instance } = samplePretrainingTask(config, new Rng(taskSeed));
      expect(instance.spec.variant).toEqual({ kind: 'imbalanced', alpha: 0.1 });
      expect(mixtureWeights(instance.spec)[0]).toBeCloseTo(0.1, 12);
      expect(instance.labels.filter((z) => z === 0).length).toBe(3);
    },
  );

  test.each([
    [{ k: 3, clustersTold: 4 }, /clustersTold: m = 4 ≠ k = 3 needs init 'none'/],
    [{ k: 3, variant: { kind: 'imbalanced', alpha: 0.5 } }, /variant: /],
    [{ k: 3, n: 16, variant: { kind: 'imbalanced', alpha: 0.01 } }, /variant: .*cluster 0/],
    [{ variant: { kind: 'heavy-tailed', nu: 2 } }, /variant: .*nu/],
    [{ variant: { kind: 'anisotropic', lambdaMin: 2, lambdaMax: 1 } }, /variant: .*lambdaMax/],
    [{ variant: { kind: 'spherical' } }, /variant/],
    [{ init: 'none', clustersTold: 6 }, /clustersTold/],
  ])('G1: the bad family %j is rejected naming the field', (input, message) => {
    expect(() => parseClusteringExperiment(input)).toThrow(message);
  });

  test('G1: an old config without variant or clustersTold reads as the isotropic family with m = k', () => {
    const config = parseClusteringExperiment({ k: 3, init: 'none' });
    expect([config.variant, config.clustersTold, toldClusters(config)]).toEqual([{ kind: 'isotropic' }, null, 3]);
  });
});
