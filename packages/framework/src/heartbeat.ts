import { WsAppConfigurationError } from './errors';

/**
 * The heartbeat route of an app: API Gateway answers a message selecting `routeKey` with
 * `response` itself (a MOCK integration with a route response), so a keep-alive ping costs no
 * Lambda invocation.
 *
 * @example
 * ```ts
 * const heartbeat: HeartbeatOptions = { routeKey: 'ping', response: '{"action":"pong"}' };
 * ```
 */
export interface HeartbeatOptions {
  routeKey: string;
  response: string;
}

/**
 * What `app.heartbeat()` registers when given no options; `@wsapp/client`'s default heartbeat
 * is the same, so a client and an app that both keep the defaults match.
 *
 * @example
 * ```ts
 * app.heartbeat(); // the same as app.heartbeat(DEFAULT_HEARTBEAT)
 * ```
 */
export const DEFAULT_HEARTBEAT = Object.freeze({ routeKey: 'ping', response: '{"action":"pong"}' } as const);

/** Characters a MOCK integration's response template would read as Velocity syntax. */
const TEMPLATE_SYNTAX = /[$#\\]/;

/** A route response template's limit is API Gateway's 32 KB mapping template size. */
const MAX_RESPONSE_BYTES = 32 * 1024;

/**
 * Checks `app.heartbeat`'s options and fills in the defaults.
 *
 * @throws {@link WsAppConfigurationError} naming the option that is wrong.
 * @example
 * ```ts
 * checkedHeartbeat({ routeKey: 'hb' }); // { routeKey: 'hb', response: '{"action":"pong"}' }
 * ```
 */
export function checkedHeartbeat(options: Partial<HeartbeatOptions> | undefined): HeartbeatOptions {
  const routeKey = options?.routeKey ?? DEFAULT_HEARTBEAT.routeKey;
  const response = options?.response ?? DEFAULT_HEARTBEAT.response;
  if (typeof routeKey !== 'string' || routeKey.length === 0 || routeKey.length > 128 || routeKey.startsWith('$')) {
    throw new WsAppConfigurationError(
      `app.heartbeat: routeKey must be a custom route key of 1 to 128 characters not starting with $, got ${JSON.stringify(routeKey)}`,
    );
  }
  if (typeof response !== 'string' || response.length === 0) {
    throw new WsAppConfigurationError(`app.heartbeat: response must be a non-empty string, got ${JSON.stringify(response)}`);
  }
  if (TEMPLATE_SYNTAX.test(response)) {
    throw new WsAppConfigurationError(
      `app.heartbeat: response ${JSON.stringify(response)} contains $, # or \\, which API Gateway's response template would read as Velocity syntax`,
    );
  }
  if (Buffer.byteLength(response) > MAX_RESPONSE_BYTES) {
    throw new WsAppConfigurationError(`app.heartbeat: response is over API Gateway's ${MAX_RESPONSE_BYTES}-byte template limit`);
  }
  return { routeKey, response };
}
