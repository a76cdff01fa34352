/**
 * How an event ended: `ok` (including no handler, and an authorizer that allowed), `refused`
 * (a non-2xx `$connect`, or an authorizer's 401 or 403), `error` (the handler threw, crashed, or
 * returned a malformed response), `timeout`, or `forbidden` (no route and no `$default`).
 *
 * @example
 * ```ts
 * const failed = (outcome: GatewayEventOutcome) => outcome === 'error' || outcome === 'timeout';
 * ```
 */
export type GatewayEventOutcome = 'ok' | 'refused' | 'error' | 'timeout' | 'forbidden';

/**
 * What the `$connect` authorizer decided: `allow`; `deny` (its policy does not allow the
 * connection: 403); `unauthorized` (it failed with `Unauthorized`: 401); `missing-identity` (an
 * identity source was missing or empty, so it was not invoked: 401); `error` (it failed
 * otherwise, or answered a malformed response: 500); `timeout` (500).
 *
 * @example
 * ```ts
 * const refused = (verdict: AuthorizerVerdict) => verdict !== 'allow';
 * ```
 */
export type AuthorizerVerdict = 'allow' | 'deny' | 'unauthorized' | 'missing-identity' | 'error' | 'timeout';

/**
 * One event the gateway handled, as reported to the `onEvent` callback (for logging). The
 * `$connect` authorizer is an event of its own (`AUTHORIZER`), reported before `CONNECT`.
 *
 * @example
 * ```ts
 * onEvent: (r) => console.log(`${r.routeKey} ${r.connectionId} ${r.durationMs}ms ${r.outcome}`);
 * ```
 */
export interface GatewayEventRecord {
  eventType: 'AUTHORIZER' | 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  routeKey: string;
  connectionId: string;
  requestId: string;
  durationMs: number;
  outcome: GatewayEventOutcome;
  /** Whether a handler ran (false for a route the app does not register, e.g. no `$connect`, or an authorizer not invoked). */
  handled: boolean;
  /** The handler's status code, when it returned one; for `AUTHORIZER`, the status of a refused handshake. */
  statusCode?: number;
  /** For `AUTHORIZER`: what the authorizer decided. */
  verdict?: AuthorizerVerdict;
  /** `MOCK` for a route API Gateway answers itself (the heartbeat), without invoking a function. */
  integration?: 'MOCK';
  /** For `$disconnect`: the close code and reason; for the authorizer: its decision; for a failure: what went wrong. */
  detail?: string;
}
