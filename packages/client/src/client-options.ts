import type { AnyApp, WsAppContract } from './app-contract';
import type { ReconnectOptions } from './backoff';
import type { ClientClock } from './clock';
import type { HeartbeatOption } from './heartbeat-options';
import type { WebSocketConstructor } from './websocket-like';

/**
 * The options every client takes; {@link WebsocketClientOptions} adds `heartbeat`.
 *
 * @example
 * ```ts
 * const options: ClientBaseOptions = { reconnect: { maxDelayMs: 10_000 }, maxQueued: 500 };
 * ```
 */
export interface ClientBaseOptions<RouteField extends string = 'action'> {
  /** The WebSocket class (default `globalThis.WebSocket`; on Node.js 20 pass `WebSocket` from `ws`). */
  WebSocket?: WebSocketConstructor;
  /** The body field the app's route selection expression reads (default `'action'`, for `$request.body.action`). */
  routeField?: RouteField;
  /** Backoff after a drop, or `false` to close instead of reconnecting. */
  reconnect?: ReconnectOptions | false;
  /** Messages kept while no connection is open (default 100); one more throws `QueueOverflowError`. */
  maxQueued?: number;
  /** How long API Gateway keeps a connection (default 7 200 000 ms, its 2-hour maximum); `Infinity`: no switch-over. */
  maxConnectionMs?: number;
  /** How long before `maxConnectionMs` the next connection is opened (default 60 000 ms). */
  switchOverMs?: number;
  /** How long the replaced connection stays open for replies after the switch (default 5 000 ms). */
  switchOverGraceMs?: number;
  /** Timers and time (default: `setTimeout` and `Date.now`); tests pass `manualClock()` from `@wsapp/local/testing`. */
  clock?: ClientClock;
  /** The jitter's random source, in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/**
 * Options for `createClient<App>`: {@link ClientBaseOptions} and the `heartbeat` the app's
 * type calls for (see {@link HeartbeatOption}).
 *
 * @example
 * ```ts
 * const options: WebsocketClientOptions<typeof app> = { heartbeat: { routeKey: 'hb', response: 'ok' } };
 * ```
 */
export type WebsocketClientOptions<App extends WsAppContract = AnyApp, RouteField extends string = 'action'> = ClientBaseOptions<RouteField> &
  HeartbeatOption<App>;

/**
 * `createClient`'s arguments after the URL: the options, which may be left out unless the
 * app's type requires a heartbeat.
 *
 * @example
 * ```ts
 * type Args = ClientOptionsArgs<typeof app>; // [options?: WebsocketClientOptions<typeof app>]
 * ```
 */
export type ClientOptionsArgs<App extends WsAppContract, RouteField extends string> =
  {} extends WebsocketClientOptions<App, RouteField>
    ? [options?: WebsocketClientOptions<App, RouteField>]
    : [options: WebsocketClientOptions<App, RouteField>];
