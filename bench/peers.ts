import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The outside implementations that the bench and the peer cross-checks compare against. The
 * interpreters are the system ones unless TVEM_PYTHON / TVEM_RSCRIPT name others.
 */
export interface Peer {
  readonly name: string;
  /** The interpreter that runs this peer's scripts. */
  readonly command: string;
  /** Arguments that make the interpreter print the peer's version, or fail when it is missing. */
  readonly versionProbe: readonly string[];
  readonly installHint: string;
}

/** Debian's python3-sklearn lives under /usr/bin/python3, which a pyenv python3 on PATH would hide. */
export const PYTHON = process.env.TVEM_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const RSCRIPT = process.env.TVEM_RSCRIPT ?? 'Rscript';

export const SCIKIT_LEARN: Peer = {
  name: 'scikit-learn',
  command: PYTHON,
  versionProbe: ['-c', 'import numpy, scipy, threadpoolctl, sklearn; print(sklearn.__version__)'],
  installHint: `install python3-sklearn (apt) or scikit-learn (pip) for ${PYTHON}, or set TVEM_PYTHON to a Python that has it`,
};

/** PyTorch on CPU (Debian's python3-torch), run by the same Python as scikit-learn. */
export const PYTORCH: Peer = {
  name: 'PyTorch',
  command: PYTHON,
  versionProbe: ['-c', 'import torch; print(torch.__version__)'],
  installHint: `install python3-torch (apt) or torch (pip) for ${PYTHON}, or set TVEM_PYTHON to a Python that has it`,
};

export const MCLUST: Peer = {
  name: 'R mclust',
  command: RSCRIPT,
  versionProbe: ['-e', 'suppressMessages({library(mclust); library(jsonlite)}); cat(as.character(packageVersion("mclust")))'],
  installHint: `install r-cran-mclust and r-cran-jsonlite (apt) or install.packages(c("mclust", "jsonlite")) for ${RSCRIPT}, or set TVEM_RSCRIPT`,
};

/** Folder of the Python and R scripts that drive the peers. */
export const PEER_SCRIPTS = join(__dirname, 'peers');

const versions = new Map<Peer, string | undefined>();

/** The peer's version, or undefined when it (or its interpreter) is not installed. Probed once per process. */
export function peerVersion(peer: Peer): string | undefined {
  if (!versions.has(peer)) {
    const probe = spawnSync(peer.command, peer.versionProbe, { encoding: 'utf8', timeout: 60_000 });
    versions.set(peer, probe.status === 0 ? probe.stdout.trim() : undefined);
  }
  return versions.get(peer);
}

/** Why a peer cannot run, in one line that says what to install. */
export function missingPeerMessage(peer: Peer): string {
  return `${peer.name} is not installed: ${peer.installHint}`;
}

/** Fails with an install hint unless the peer is installed; returns its version. */
export function requirePeer(peer: Peer): string {
  const version = peerVersion(peer);
  if (version === undefined) throw new Error(missingPeerMessage(peer));
  return version;
}

/** Runs one peer script (a path) with JSON on stdin and parses the JSON it prints. */
export function runPeerScript(peer: Peer, script: string, input: unknown, timeoutMs = 120_000): unknown {
  requirePeer(peer);
  const result = spawnSync(peer.command, [script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const why = result.error?.message ?? result.stderr.trim().split('\n').slice(-3).join(' | ');
    throw new Error(`${peer.name} script ${script} exited with ${result.status ?? result.signal}: ${why}`);
  }
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`${peer.name} script ${script} printed no JSON: ${result.stdout.slice(0, 200)}`);
  }
}
