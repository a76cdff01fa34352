/**
 * How long a logged line may wait for the next write, in milliseconds: short for a person
 * watching, long enough to batch a burst of events into one write.
 *
 * @example
 * ```ts
 * setTimeout(() => assertLogged(), FLUSH_INTERVAL_MS + 10);
 * ```
 */
export const FLUSH_INTERVAL_MS = 25;

/**
 * Lines bound for a stream, written in batches at most every {@link FLUSH_INTERVAL_MS} instead of
 * one write per line, so a busy `wsapp local` does not spend a system call (or, on a pipe, a
 * wait for the reader) on every event it logs.
 *
 * @example
 * ```ts
 * const out = lineWriter(process.stdout);
 * out.write('12:00:01.042 MESSAGE $default ... ok 200');
 * out.flush(); // before process.exit
 * ```
 */
export interface LineWriter {
  write(line: string): void;
  /** Writes the pending lines now. */
  flush(): void;
}

/**
 * Creates a {@link LineWriter} for a stream. Pending lines are also written when the process
 * exits.
 *
 * @example
 * ```ts
 * const err = lineWriter(process.stderr);
 * ```
 */
export function lineWriter(stream: NodeJS.WritableStream): LineWriter {
  let timer: NodeJS.Timeout | undefined;
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    clearTimeout(timer);
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  process.once('exit', flush);
  return {
    write(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        timer = setTimeout(flush, FLUSH_INTERVAL_MS);
      }
    },
    flush,
  };
}
