import * as tf from '@tensorflow/tfjs';
import { fail } from '../theory/validate';

import { BACKEND_ENV, BACKENDS, type BackendName } from './backend-names';

function isBackendName(value: string): value is BackendName {
  return (BACKENDS as readonly string[]).includes(value);
}

/**
 * Registers `name` with tfjs. tfjs-node is an optional dependency, so it is required inside a
 * try/catch by the caller; wasm is pinned to its SIMD, single-threaded build (Node has no
 * SharedArrayBuffer workers for it), so runs are comparable across machines.
 */
function register(name: BackendName): void {
  if (name === 'tensorflow') {
    require('@tensorflow/tfjs-node');
  } else if (name === 'wasm') {
    require('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
}

async function tryBackend(name: BackendName): Promise<string | undefined> {
  try {
    register(name);
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

let active: BackendName | undefined;

/**
 * Chooses and initialises the tfjs backend, and returns its name. An explicit `preferred`, else
 * the TVEM_BACKEND variable, forces a backend: one that fails to load is an error naming it.
 * Otherwise the first of tensorflow (tfjs-node) → wasm → cpu that loads is used. Idempotent: a
 * call without an argument keeps the active backend (TVEM_BACKEND is read only when none is
 * active); an explicit argument naming another backend switches to it.
 */
export async function initBackend(preferred?: string): Promise<string> {
  if (preferred === undefined && active !== undefined && tf.getBackend() === active) return active;
  const envValue = process.env[BACKEND_ENV];
  const forced = preferred ?? (envValue !== undefined && envValue !== '' ? envValue : undefined);
  if (forced !== undefined && !isBackendName(forced)) {
    fail(preferred !== undefined ? 'backend' : BACKEND_ENV, forced, `one of ${BACKENDS.join(', ')}`);
  }
  if (forced !== undefined) {
    if (active === forced && tf.getBackend() === forced) return forced;
    const problem = await tryBackend(forced);
    if (problem !== undefined) {
      throw new Error(
        `the tfjs backend '${forced}' was requested${preferred !== undefined ? '' : ` by ${BACKEND_ENV}`} but failed to load: ${problem}`,
      );
    }
    active = forced;
    return forced;
  }
  const problems: string[] = [];
  for (const name of BACKENDS) {
    const problem = await tryBackend(name);
    if (problem === undefined) {
      active = name;
      return name;
    }
    problems.push(`${name}: ${problem}`);
  }
  throw new Error(`no tfjs backend could be loaded (${problems.join('; ')})`);
}

/** The active backend's name; fails when initBackend has not run. */
export function backendName(): string {
  if (active === undefined) throw new Error('no tfjs backend is active: call initBackend() first');
  return tf.getBackend();
}
