import type { ReconnectOptions } from './backoff';
import type { ClientBaseOptions } from './client-options';
import { systemClock } from './clock';
import type { ConnectionSettings, UrlSource } from './connection';
import type { HeartbeatSettings } from './heartbeat';
import { DEFAULT_HEARTBEAT, type HeartbeatOptions } from './heartbeat-options';
import { webSocketClass } from './websocket-like';

/**
 * Every option of a client, with the defaults filled in.
 *
 * @example
 * ```ts
 * const settings: ClientSettings = clientSettings('ws://127.0.0.1:8000/api', { WebSocket });
 * ```
 */
export interface ClientSettings extends ConnectionSettings {
  routeField: string;
  reconnect: Required<ReconnectOptions> | false;
  maxQueued: number;
  maxConnectionMs: number;
  switchOverMs: number;
  switchOverGraceMs: number;
  random: () => number;
}

/** The options as `createClient` sees them at run time, whatever the app's type. */
type AnyOptions = ClientBaseOptions<string> & { heartbeat?: HeartbeatOptions | false };

function heartbeatSettings(given: HeartbeatOptions | false | undefined, routeField: string): HeartbeatSettings | undefined {
  if (given === false) return undefined;
  const { routeKey, response } = given ?? DEFAULT_HEARTBEAT;
  return {
    ping: JSON.stringify({ [routeField]: routeKey }),
    response,
    intervalMs: given?.intervalMs ?? 9 * 60_000,
    timeoutMs: given?.timeoutMs ?? 10_000,
  };
}

/**
 * Fills in the defaults; throws when there is no WebSocket class to use.
 *
 * @example
 * ```ts
 * clientSettings(url, {}).reconnect; // { initialDelayMs: 500, maxDelayMs: 30000, factor: 2, maxAttempts: Infinity }
 * ```
 */
export function clientSettings(url: UrlSource, options: AnyOptions): ClientSettings {
  const routeField = options.routeField ?? 'action';
  const reconnect = options.reconnect;
  return {
    url,
    WebSocket: webSocketClass(options.WebSocket),
    clock: options.clock ?? systemClock,
    heartbeat: heartbeatSettings(options.heartbeat, routeField),
    routeField,
    reconnect: reconnect !== false && {
      initialDelayMs: reconnect?.initialDelayMs ?? 500,
      maxDelayMs: reconnect?.maxDelayMs ?? 30_000,
      factor: reconnect?.factor ?? 2,
      maxAttempts: reconnect?.maxAttempts ?? Infinity,
    },
    maxQueued: options.maxQueued ?? 100,
    maxConnectionMs: options.maxConnectionMs ?? 7_200_000,
    switchOverMs: options.switchOverMs ?? 60_000,
    switchOverGraceMs: options.switchOverGraceMs ?? 5_000,
    random: options.random ?? Math.random,
  };
}
