import { AsyncLocalStorage } from 'node:async_hooks';
import {
  isAuthorizerRequest,
  type LambdaContext,
  type LogRecord,
  type WebsocketAuthorizerRequest,
  type WebsocketLambdaEvent,
  type WsApp,
} from '@wsapp/framework';
import type { GatewayEventRecord } from '@wsapp/local';
import { readableLogLines } from './log-line';

/**
 * Where the collected lines go, and how: readable lines on a terminal, the JSON lines as
 * Lambda writes them otherwise.
 *
 * @example
 * ```ts
 * const target: LogTarget = { info: (line) => console.log(line), readable: process.stdout.isTTY === true };
 * ```
 */
export interface LogTarget {
  info(line: string): void;
  readable: boolean;
}

/**
 * The `app.log` lines of each invocation, held until the gateway reports the invocation, so
 * that they print right under its event line.
 *
 * @example
 * ```ts
 * const logs = invocationLogs({ info: print, readable: true });
 * const app = logs.attach(loadedApp);
 * // onEvent: print(formatEventLine(record, color)); logs.linesFor(record).forEach(print);
 * ```
 */
export interface InvocationLogs {
  /**
   * Sends `app.log` of `app` here (the app attached before gets stdout back) and returns the app
   * to run: the same app, whose every invocation collects its own lines.
   */
  attach(app: WsApp): WsApp;
  /** Takes the lines of the invocation a record reports; lines it writes later print at once. */
  linesFor(record: GatewayEventRecord): string[];
  /** Gives the attached app's `app.log` stdout back. */
  release(): void;
}

interface Invocation {
  lines: string[];
  printed: boolean;
}

type InvokedEvent = WebsocketLambdaEvent | WebsocketAuthorizerRequest;

/** The invocation an event starts and the record that reports it share this key. */
function keyOf(kind: string, requestId: string, connectionId: string): string {
  return `${kind} ${requestId} ${connectionId}`;
}

function eventKey(event: InvokedEvent): string {
  const { eventType, requestId, connectionId } = event.requestContext;
  return keyOf(isAuthorizerRequest(event) ? 'AUTHORIZER' : eventType, requestId, connectionId);
}

/**
 * Collects `app.log` lines per invocation for `wsapp local` (an async context per invocation,
 * so that concurrent invocations keep theirs apart), to print under the event line the gateway
 * reports when the invocation ends. Lines written outside any invocation, or after its event
 * line, print at once.
 *
 * @example
 * ```ts
 * const logs = invocationLogs({ info: output.info, readable: output.color });
 * const gateway = await startLocalGateway(logs.attach(app), {
 *   onEvent: (record) => [formatEventLine(record, output.color), ...logs.linesFor(record)].forEach(output.info),
 * });
 * ```
 */
export function invocationLogs(target: LogTarget): InvocationLogs {
  const running = new AsyncLocalStorage<Invocation>();
  const pending = new Map<string, Invocation>();
  let attached: WsApp | undefined;
  const sink = (record: LogRecord, line: string): void => {
    const lines = target.readable ? readableLogLines(record) : [line];
    const invocation = running.getStore();
    if (invocation && !invocation.printed) invocation.lines.push(...lines);
    else for (const text of lines) target.info(text);
  };
  return {
    attach(app) {
      attached?.log.setSink();
      attached = app;
      app.log.setSink(sink);
      const call = app.handler as (event: InvokedEvent, context?: LambdaContext) => Promise<unknown>;
      const handler = ((event: InvokedEvent, context?: LambdaContext) => {
        const invocation: Invocation = { lines: [], printed: false };
        pending.set(eventKey(event), invocation);
        return running.run(invocation, () => call(event, context));
      }) as WsApp['handler'];
      return new Proxy(app, { get: (on, key) => (key === 'handler' ? handler : Reflect.get(on, key, on)) });
    },
    linesFor(record) {
      const key = keyOf(record.eventType, record.requestId, record.connectionId);
      const invocation = pending.get(key);
      if (!invocation) return [];
      pending.delete(key);
      invocation.printed = true;
      return invocation.lines.splice(0);
    },
    release() {
      attached?.log.setSink();
      attached = undefined;
    },
  };
}
