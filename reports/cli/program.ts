import { Command, CommanderError } from 'commander';
import { projectVersion } from '../run/environment';
import { benchCommand } from './bench';
import { clusterCommand } from './cluster';
import { mergeCommand } from './merge';
import { reproduceCommand } from './reproduce';
import { sampleCommand } from './sample';
import { trainCommand } from './train';

/** The `tvem` program: one command per file of reports/cli/, each validating its options with its own zod schema. */
export function buildProgram(): Command {
  const program = new Command('tvem')
    .description('Checks the claims of "Transformers versus the EM Algorithm in Multi-class Clustering" (arXiv:2502.06007)')
    .version(projectVersion());
  for (const command of [sampleCommand(), clusterCommand(), reproduceCommand(), trainCommand(), benchCommand(), mergeCommand()])
    program.addCommand(command);
  return program;
}

/** Runs the CLI. Bad input prints one line to stderr and exits 2, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  // Ctrl-C or a kill: every write is synchronous and atomic (temp file + rename), so a signal is
  // handled between writes and the finished cells on disk are complete.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`tvem: interrupted by ${signal}; finished results are kept, continue with --resume\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  // A reader that stops early (`tvem sample --count 1000 | head -1`): stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`) });
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its one-line message already; help and version exit 0.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tvem: ${message.split('\n')[0]}\n`);
    if (process.env.TVEM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  }
}
