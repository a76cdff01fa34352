import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The levels of `app.log`, as Lambda's JSON log format names them.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'WARN';
 * ```
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * One `app.log` line: Lambda's JSON log shape (`timestamp`, `level`, `message`, `requestId`),
 * the current event's `connectionId` and `routeKey`, then the caller's fields.
 *
 * @example
 * ```ts
 * const record: LogRecord = { timestamp: '2026-12-01T10:00:00.000Z', level: 'INFO', message: 'joined', requestId: 'r1', room: 'lobby' };
 * ```
 */
export interface LogRecord {
  timestamp: string;
  level: LogLevel;
  message: string;
  requestId?: string;
  connectionId?: string;
  routeKey?: string;
  [field: string]: unknown;
}

/**
 * Where `app.log` lines go: by default one JSON line each on stdout (which Lambda sends to
 * CloudWatch as it is). `wsapp local` sets its own, to show them under the event they belong to.
 *
 * @example
 * ```ts
 * app.log.setSink((record, line) => lines.push(line));
 * ```
 */
export type LogSink = (record: LogRecord, line: string) => void;

/**
 * The event an invocation runs for, as the logger stamps it on every line.
 *
 * @example
 * ```ts
 * const scope: LogScope = { requestId: 'r1', connectionId: 'c1', routeKey: '$default' };
 * ```
 */
export interface LogScope {
  requestId?: string;
  connectionId?: string;
  routeKey?: string;
}

const RANK: Record<LogLevel, number> = { DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };
// Lambda's ApplicationLogLevel values; TRACE shows everything, FATAL only what ERROR shows.
const THRESHOLDS: Record<string, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 4 };
const RESERVED = new Set(['timestamp', 'level', 'message', 'requestId', 'connectionId', 'routeKey']);

function stdoutSink(_record: LogRecord, line: string): void {
  process.stdout.write(`${line}\n`);
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * `app.log`: structured logging in Lambda's JSON log shape. Each line carries the request id,
 * connection id and route key of the invocation it was written in (an AsyncLocalStorage scope
 * per invocation, so concurrent invocations never mix them up); `AWS_LAMBDA_LOG_LEVEL` (which
 * the `log_level` setting packages to) hides lines below it, INFO by default.
 *
 * @example
 * ```ts
 * app.onWsMessage(async (event) => {
 *   app.log.info('message received', { bytes: event.body.length });
 * });
 * ```
 */
export class WsAppLogger {
  private readonly scopes = new AsyncLocalStorage<LogScope>();
  private sink: LogSink = stdoutSink;

  /** Writes a DEBUG line. */
  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('DEBUG', message, fields);
  }

  /** Writes an INFO line. */
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('INFO', message, fields);
  }

  /** Writes a WARN line. */
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('WARN', message, fields);
  }

  /** Writes an ERROR line. */
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('ERROR', message, fields);
  }

  /** Whether a line of `level` would be written under the current `AWS_LAMBDA_LOG_LEVEL`. */
  enabled(level: LogLevel): boolean {
    const threshold = THRESHOLDS[(process.env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase()] ?? RANK.INFO;
    return RANK[level] >= threshold;
  }

  /** Sends lines to `sink` instead of stdout; no argument puts stdout back. */
  setSink(sink?: LogSink): void {
    this.sink = sink ?? stdoutSink;
  }

  /** Runs `body` with `scope` stamped on every line written inside it (the app does this per invocation). */
  within<T>(scope: LogScope, body: () => T): T {
    return this.scopes.run(scope, body);
  }

  private write(level: LogLevel, message: string, fields: Record<string, unknown> | undefined): void {
    if (!this.enabled(level)) return;
    const record: LogRecord = { timestamp: new Date().toISOString(), level, message: String(message), ...this.scopes.getStore() };
    if (fields) {
      for (const [key, value] of Object.entries(fields)) if (!RESERVED.has(key)) record[key] = value;
    }
    const line = JSON.stringify(record, jsonSafe);
    try {
      this.sink(record, line);
    } catch {
      stdoutSink(record, line); // a sink that fails must not fail the handler, nor lose the line
    }
  }
}
