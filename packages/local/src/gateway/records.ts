/**
 * How an event ended: `ok` (including no handler), `refused` (a non-2xx `$connect`), `error`
 * (the handler threw, crashed, or returned a malformed `$connect` response), `timeout`, or
 * `forbidden` (no route and no `$default`).
 *
 * @example
 * ```ts
 * const failed = (outcome: GatewayEventOutcome) => outcome === 'error' || outcome === 'timeout';
 * ```
 */
export type GatewayEventOutcome = 'ok' | 'refused' | 'error' | 'timeout' | 'forbidden';

/**
 * One event the gateway handled, as reported to the `onEvent` callback (for logging).
 *
 * @example
 * ```ts
 * onEvent: (r) => console.log(`${r.routeKey} ${r.connectionId} ${r.durationMs}ms ${r.outcome}`);
 * ```
 */
export interface GatewayEventRecord {
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  routeKey: string;
  connectionId: string;
  requestId: string;
  durationMs: number;
  outcome: GatewayEventOutcome;
  /** Whether a handler ran (false for a route the app does not register, e.g. no `$connect`). */
  handled: boolean;
  /** The handler's status code, when it returned one. */
  statusCode?: number;
  /** For `$disconnect`: the close code and reason; for a failure: what went wrong. */
  detail?: string;
}
