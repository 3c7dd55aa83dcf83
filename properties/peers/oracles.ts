import { join } from 'node:path';

/** The Python and R scripts that only the peer cross-checks run (scikit-learn, mclust, brute force). */
export function oracleScript(name: string): string {
  return join(__dirname, 'oracles', name);
}
