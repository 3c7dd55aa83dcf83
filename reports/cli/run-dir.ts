import { join } from 'node:path';
import { PROJECT_ROOT } from '../../model/training/package-versions';

/** reports/out/<timestamp>-seed<seed>[-quick]: where `reproduce` and `merge` write without --out. */
export function defaultRunDir(seed: number, quick: boolean): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join(PROJECT_ROOT, 'reports', 'out', `${stamp}-seed${seed}${quick ? '-quick' : ''}`);
}
