import { SCIKIT_LEARN, type Peer } from './peers';

/** PyTorch on CPU (Debian's python3-torch), run by the same Python as scikit-learn (TVEM_PYTHON or /usr/bin/python3). */
export const PYTORCH: Peer = {
  name: 'PyTorch',
  command: SCIKIT_LEARN.command,
  versionProbe: ['-c', 'import torch; print(torch.__version__)'],
  installHint: `install python3-torch (apt) or torch (pip) for ${SCIKIT_LEARN.command}, or set TVEM_PYTHON to a Python that has it`,
};
