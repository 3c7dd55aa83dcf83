import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A persistent child process that answers one JSON line on stdout for each JSON line sent to its
 * stdin. Requests are answered in order; a reply carrying `error`, or the process exiting, rejects.
 */
export class LineWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: { resolve: (reply: Record<string, unknown>) => void; reject: (error: Error) => void }[] = [];
  private stderr = '';
  private exited: Error | undefined;

  constructor(
    private readonly label: string,
    command: string,
    args: readonly string[],
  ) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.settle(line));
    const fail = (why: string): void => {
      this.exited = new Error(
        `${this.label} worker ${why}${this.stderr ? `: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`,
      );
      for (const pending of this.waiting.splice(0)) pending.reject(this.exited);
    };
    this.child.on('error', (error) => fail(`could not start (${error.message})`));
    this.child.on('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
  }

  request(message: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Closes stdin and waits for the process to end. */
  close(): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }

  private settle(line: string): void {
    const pending = this.waiting.shift();
    if (!pending) return;
    let reply: Record<string, unknown>;
    try {
      reply = JSON.parse(line) as Record<string, unknown>;
    } catch {
      pending.reject(new Error(`${this.label} worker printed a line that is not JSON: ${line.slice(0, 200)}`));
      return;
    }
    if (typeof reply.error === 'string') pending.reject(new Error(`${this.label} worker: ${reply.error}`));
    else pending.resolve(reply);
  }
}
