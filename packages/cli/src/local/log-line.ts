import type { LogRecord } from '@wsapp/framework';

/** The keys every line has; the ids are those of the event line printed above it. */
const STAMPED = new Set(['timestamp', 'level', 'message', 'requestId', 'connectionId', 'routeKey']);

interface ErrorLike {
  name: string;
  message: string;
  stack?: string;
}

function errorLike(value: unknown): ErrorLike | undefined {
  if (value instanceof Error) return value;
  const candidate = value as Partial<ErrorLike> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.name === 'string' && typeof candidate.message === 'string'
    ? (candidate as ErrorLike)
    : undefined;
}

/** A value as `key=value` shows it: plain words as they are, anything else as JSON. */
function shown(value: unknown): string {
  if (typeof value === 'string' && /^[^\s"=]+$/.test(value)) return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? String(value);
}

/** An error's stack under its line, without the first line (`Name: message`, already shown). */
function stackLines(error: ErrorLike): string[] {
  const lines = (error.stack ?? '').split('\n').slice(1).map((line) => line.trim()).filter((line) => line !== '');
  return lines.map((line) => `      ${line}`);
}

/**
 * One `app.log` record as `wsapp local` shows it on a terminal, under the event line of its
 * invocation: `  LEVEL message key=value ...` (the ids and the time are the event line's),
 * then the stack of each error field, indented.
 *
 * @example
 * ```ts
 * readableLogLines({ timestamp: '2026-12-01T10:00:00.000Z', level: 'INFO', message: 'joined', requestId: 'r1', room: 'lobby' });
 * // ['  INFO joined room=lobby']
 * ```
 */
export function readableLogLines(record: LogRecord): string[] {
  const fields: string[] = [];
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (STAMPED.has(key)) continue;
    const error = errorLike(value);
    if (error) {
      fields.push(`${key}=${shown(`${error.name}: ${error.message}`)}`);
      stacks.push(...stackLines(error));
    } else {
      fields.push(`${key}=${shown(value)}`);
    }
  }
  return [[`  ${record.level}`, record.message, ...fields].join(' '), ...stacks];
}
