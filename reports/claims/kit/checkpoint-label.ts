import { basename, isAbsolute, relative, sep } from 'node:path';
import { CHECKPOINT_ROOT_ENV } from '../../../model/training/cached-training';
import { PROJECT_ROOT } from '../../../model/training/package-versions';

/**
 * How notes and results name a checkpoint (issue 12): its path relative to the project when it
 * lies inside it (e.g. `.cache/checkpoints/<key>`), else `$TVEM_CHECKPOINT_ROOT/<key>`, its cache
 * key under the moved cache. Never an absolute path of the machine that ran the check.
 */
export function checkpointLabel(directory: string, projectRoot: string = PROJECT_ROOT): string {
  const inside = relative(projectRoot, directory);
  const outside = inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  return outside ? `$${CHECKPOINT_ROOT_ENV}/${basename(directory)}` : inside.split(sep).join('/');
}

/** `text` (e.g. why a cached checkpoint was rejected) with every mention of the checkpoint's directory replaced by its label. */
export function withCheckpointLabel(text: string, directory: string): string {
  return text.split(directory).join(checkpointLabel(directory));
}
