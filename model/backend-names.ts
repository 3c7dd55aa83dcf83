/**
 * The tfjs backends we know how to load, in order of preference, and the variable that forces one.
 * Kept apart from backend.ts so that the CLI and the run config can name them without loading tfjs.
 */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** The environment variable that forces a backend (one of BACKENDS). */
export const BACKEND_ENV = 'TVEM_BACKEND';
