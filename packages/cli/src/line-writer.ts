/**
 * Lines bound for a stream, written in batches: one write per turn of the event loop instead of
 * one per line, so a busy `wsapp local` does not spend a system call on every event it logs.
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
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
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
        setImmediate(flush);
      }
    },
    flush,
  };
}
