import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClaimId } from '../../bounds/registry';
import { writeFileAtomic } from '../../model/atomic-file';
import { InputError } from '../../theory/validate';
import { validateClaimRecord } from '../render/validate-results';
import type { ClaimRecord } from './run-results';

/** A run directory keeps each finished claim as cells/<id>.json, written atomically as it finishes. */
const CELLS = 'cells';

export function writeCell(dir: string, record: ClaimRecord): void {
  writeFileAtomic(join(dir, CELLS, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

/** Reads the finished cells of a run directory, rejecting corrupted or foreign ones. */
export function readCells(dir: string): Map<ClaimId, ClaimRecord> {
  const cells = new Map<ClaimId, ClaimRecord>();
  const folder = join(dir, CELLS);
  if (!existsSync(folder)) return cells;
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const path = join(folder, name);
    let record: ClaimRecord;
    try {
      record = validateClaimRecord(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      throw new InputError(`${path} is corrupted: ${error instanceof SyntaxError ? 'not JSON' : (error as Error).message}`);
    }
    if (`${record.id}.json` !== name) throw new InputError(`${path} holds claim ${record.id}, not ${name.replace('.json', '')}`);
    cells.set(record.id, record);
  }
  return cells;
}
