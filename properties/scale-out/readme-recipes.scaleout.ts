import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, readmeShellBlocks } from './scale-out-kit';

// The scripts the README shows are the ones the other two tests run: each is shown verbatim in a
// ```sh block of the README's section on sharding.
describe('README recipes equal the committed example scripts', () => {
  const blocks = readmeShellBlocks('## Long runs, resuming and sharding');

  test.each(['slurm-array.sh', 'parallel.sh'])('README.md shows examples/%s verbatim', (name) => {
    const committed = readFileSync(join(REPO, 'examples', name), 'utf8');
    expect(blocks).toContain(committed);
  });
});
