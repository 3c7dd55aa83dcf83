import type { ClaimId } from '../../bounds/registry';
import type { ClaimCheck } from '../claims/kit/claim-check';

/**
 * The implemented checks, loaded lazily so that a run of theory-only claims never loads
 * TensorFlow.js. `tensors` marks checks that need a tfjs backend. A claim missing here is
 * reported as not implemented.
 */
export interface CheckEntry {
  readonly tensors: boolean;
  readonly load: () => ClaimCheck;
}

export const CHECKS: Partial<Record<ClaimId, CheckEntry>> = {
  A1: { tensors: false, load: () => require('../claims/A1').check },
  A2: { tensors: false, load: () => require('../claims/A2').check },
  A3: { tensors: false, load: () => require('../claims/A3').check },
  B1: { tensors: true, load: () => require('../claims/B1').check },
  B2: { tensors: true, load: () => require('../claims/B2').check },
  B3: { tensors: true, load: () => require('../claims/B3').check },
  C1: { tensors: true, load: () => require('../claims/C1').check },
  C2: { tensors: true, load: () => require('../claims/C2').check },
  C3: { tensors: true, load: () => require('../claims/C3').check },
  D1: { tensors: false, load: () => require('../claims/D1').check },
  D2: { tensors: true, load: () => require('../claims/D2').check },
  E1: { tensors: true, load: () => require('../claims/E1').check },
  E2: { tensors: false, load: () => require('../claims/E2').check },
  E3: { tensors: true, load: () => require('../claims/E3').check },
  F1: { tensors: false, load: () => require('../claims/F1').check },
  F2: { tensors: false, load: () => require('../claims/F2').check },
  F3: { tensors: true, load: () => require('../claims/F3').check },
  F4: { tensors: true, load: () => require('../claims/F4').check },
  G1: { tensors: true, load: () => require('../claims/G1').check },
};
