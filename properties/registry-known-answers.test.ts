import { CHECK_KINDS, CLAIM_IDS, CLAIMS, claimEntry, isClaimId, PROVENANCES, RELATIONS, STEP_KINDS } from '../bounds/registry';

// Known answers for the claim registry's lookups (bounds/registry.ts, CLAIMS.md §3).

describe('CLAIMS.md §3: the registry', () => {
  it('§3: the claim ids A1…G1, in order, each keyed to its own entry', () => {
    expect(CLAIM_IDS).toEqual([
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'B3',
      'C1',
      'C2',
      'C3',
      'D1',
      'D2',
      'E1',
      'E2',
      'E3',
      'F1',
      'F2',
      'F3',
      'F4',
      'G1',
    ]);
    for (const id of CLAIM_IDS) {
      expect(claimEntry(id)).toBe(CLAIMS[id]);
      expect(claimEntry(id).id).toBe(id);
    }
  });

  it('§3: isClaimId accepts exactly the registry ids', () => {
    expect(isClaimId('B2')).toBe(true);
    expect(isClaimId('G1')).toBe(true);
    expect(isClaimId('A1')).toBe(true);
    expect(isClaimId('b2')).toBe(false);
    expect(isClaimId('G2')).toBe(false);
    expect(isClaimId('')).toBe(false);
    expect(isClaimId('B2.1')).toBe(false);
  });

  it('§3: the vocabularies of provenance, kind, relation and step kind', () => {
    expect(PROVENANCES).toEqual(['paper', 'standard', 'explicit', 'paper → explicit']);
    expect(CHECK_KINDS).toEqual(['exact', 'bound', 'statistical', 'trend', 'report']);
    expect(RELATIONS).toEqual(['=', '<=', '<']);
    expect(STEP_KINDS).toEqual(['identity', 'inequality', 'algebra']);
  });

  it('§3: constants the bounds read (B2 factor 2, C2 1e-5, E1 110, F3 2 and 0.01)', () => {
    expect(claimEntry('B2').constants.factor).toBe(2);
    expect(claimEntry('C2').constants.float32RelativeTolerance).toBe(1e-5);
    expect(claimEntry('E1').constants.marginThreshold).toBe(110);
    expect(claimEntry('F3').constants).toMatchObject({ factor: 2, additive: 0.01 });
    expect(claimEntry('B1').constants).toMatchObject({ float64Tau: 1e-12, float32Tau: 1e-6, maxK: 13 });
  });
});
