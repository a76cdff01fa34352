import type { AnyApp, WsAppContract } from './app-contract';

/**
 * The client's heartbeat: every `intervalMs` it sends `{"action": routeKey}` (with the client's
 * `routeField`) and expects a frame whose text is exactly `response` within `timeoutMs`; that
 * frame is not delivered to `'message'` listeners. A missed answer counts as a drop. The
 * defaults match `app.heartbeat()`'s, which API Gateway answers itself (no Lambda invocation).
 *
 * @example
 * ```ts
 * const heartbeat: HeartbeatOptions = { routeKey: 'ping', response: '{"action":"pong"}', intervalMs: 5 * 60_000 };
 * ```
 */
export interface HeartbeatOptions<RouteKey extends string = string, Response extends string = string> {
  routeKey: RouteKey;
  response: Response;
  /** Time between heartbeats (default 9 minutes, under API Gateway's 10-minute idle cut). */
  intervalMs?: number;
  /** How long the answer may take (default 10 000 ms). */
  timeoutMs?: number;
}

/**
 * The default heartbeat, the same as the server's `app.heartbeat()` with no options.
 *
 * @example
 * ```ts
 * DEFAULT_HEARTBEAT.routeKey; // 'ping'
 * ```
 */
export const DEFAULT_HEARTBEAT = { routeKey: 'ping', response: '{"action":"pong"}' } as const;

/** The default heartbeat's type. */
type DefaultHeartbeat = typeof DEFAULT_HEARTBEAT;

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type HeartbeatOf<App extends WsAppContract> = App['~wsapp']['heartbeat'];

/**
 * The `heartbeat` option for an app, from the app's type:
 * - no type parameter: optional (the default), any heartbeat or `false`;
 * - the app's heartbeat is the default (`app.heartbeat()`): optional, and if given it must be the same;
 * - another heartbeat (`app.heartbeat({ routeKey: 'hb' })`): required, that one or `false`;
 * - no heartbeat: required, one the app answers (a two-way route) or `false`.
 *
 * @example
 * ```ts
 * type Option = HeartbeatOption<typeof app>; // { heartbeat?: HeartbeatOptions<'ping', '{"action":"pong"}'> | false }
 * ```
 */
export type HeartbeatOption<App extends WsAppContract> =
  Equals<App, AnyApp> extends true
    ? { heartbeat?: HeartbeatOptions | false }
    : undefined extends HeartbeatOf<App>
      ? { heartbeat: HeartbeatOptions | false }
      : HeartbeatOf<App> extends { routeKey: infer RouteKey extends string; response: infer Response extends string }
        ? [Equals<RouteKey, DefaultHeartbeat['routeKey']>, Equals<Response, DefaultHeartbeat['response']>] extends [true, true]
          ? { heartbeat?: HeartbeatOptions<RouteKey, Response> | false }
          : { heartbeat: HeartbeatOptions<RouteKey, Response> | false }
        : { heartbeat: HeartbeatOptions | false };
