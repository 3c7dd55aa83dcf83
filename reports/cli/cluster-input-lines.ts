import { createReadStream, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { InputError } from '../../theory/validate';

/** One JSON value read by `tvem cluster`: the index-th instance (0-based), and where it came from. */
export interface InputDocument {
  readonly index: number;
  readonly value: unknown;
  /** e.g. "stdin line 3" (JSON Lines) or "stdin" (one document over several lines). */
  readonly where: string;
  /** Whether errors about this document should name its line (JSON Lines). */
  readonly fromLine: boolean;
}

/** The readable behind `--input` (a file, or - for stdin); an unreadable file is a one-line error. */
function openInput(source: string): Readable {
  if (source === '-') return process.stdin;
  try {
    return createReadStream('', { fd: openSync(source, 'r') });
  } catch (error) {
    throw new InputError(`--input ${source} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * Reads `--input` line by line: JSON Lines (one instance per line; blank lines are skipped and
 * do not count as instances) when its first non-blank line is a JSON value, else one JSON
 * document over several lines (e.g. pretty-printed). Yields each instance as soon as its line is
 * read, so a long stream is never held in memory. A line that is not JSON is a one-line
 * InputError naming its number.
 */
export async function* readInputDocuments(source: string): AsyncGenerator<InputDocument> {
  const name = source === '-' ? 'stdin' : source;
  const input = openInput(source);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let index = 0;
  /** Set when the first non-blank line is not JSON: the lines of what must be one document. */
  let document: string[] | undefined;
  let firstLine = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (document) {
        document.push(line);
        continue;
      }
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        if (index > 0) throw new InputError(`${name} line ${lineNumber} is not valid JSON`);
        document = [line];
        firstLine = lineNumber;
        continue;
      }
      yield { index, value, where: `${name} line ${lineNumber}`, fromLine: true };
      index++;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A read failure (e.g. --input names a folder): one line naming the input, as for a missing file.
    throw error instanceof InputError || typeof code !== 'string' ? error : new InputError(`--input ${source} cannot be read (${code})`);
  } finally {
    lines.close();
  }
  if (document) {
    let value: unknown;
    try {
      value = JSON.parse(document.join('\n'));
    } catch {
      throw new InputError(`${name} line ${firstLine} is not valid JSON (nor is the whole input one JSON document)`);
    }
    yield { index: 0, value, where: name, fromLine: false };
  } else if (index === 0) {
    throw new InputError(`${name} holds no instance (it is empty)`);
  }
}
