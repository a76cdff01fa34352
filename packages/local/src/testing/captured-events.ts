import type {
  WebsocketAuthorizerRequest,
  WebsocketConnectLambdaEvent,
  WebsocketDisconnectLambdaEvent,
  WebsocketMessageLambdaEvent,
} from '@wsapp/framework';
import authorizedConnect from './events/authorized-connect.json';
import authorizerRequest from './events/authorizer-request.json';
import connect from './events/connect.json';
import disconnect from './events/disconnect.json';
import message from './events/message.json';

/**
 * The captured events by kind, as {@link capturedEvent} returns them.
 *
 * @example
 * ```ts
 * const kind: keyof CapturedEvents = 'message';
 * ```
 */
export interface CapturedEvents {
  connect: WebsocketConnectLambdaEvent;
  message: WebsocketMessageLambdaEvent;
  disconnect: WebsocketDisconnectLambdaEvent;
  /** A `$connect` event of an API with a Lambda authorizer: `requestContext.authorizer` is set. */
  authorizedConnect: WebsocketConnectLambdaEvent;
  /** The REQUEST event a `$connect` authorizer gets. */
  authorizerRequest: WebsocketAuthorizerRequest;
}

/**
 * Overrides for a captured event: objects merge key by key (so `requestContext: { routeKey }`
 * keeps the other request context fields); any other value replaces the captured one.
 *
 * @example
 * ```ts
 * const overrides: EventOverrides<WebsocketMessageLambdaEvent> = { body: 'hi', requestContext: { routeKey: '$default' } };
 * ```
 */
export type EventOverrides<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? EventOverrides<T[K]> : T[K];
};

const CAPTURED: { readonly [K in keyof CapturedEvents]: unknown } = { connect, message, disconnect, authorizedConnect, authorizerRequest };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merged(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides === undefined ? base : overrides;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) result[key] = merged(base[key], value);
  return result;
}

/**
 * A fresh copy of an event API Gateway really delivered to Lambda (captured from AWS and
 * published by others; see `events/README.md` for each one's source), with `overrides` merged
 * in. Use it to call `app.handler` directly in unit tests and benchmarks:
 * `authorizedConnect` for a handler that reads `event.authorizer`, `authorizerRequest` for
 * an authorizer.
 *
 * @example
 * ```ts
 * import { capturedEvent } from '@wsapp/local/testing';
 *
 * const event = capturedEvent('message', { body: 'hello', requestContext: { routeKey: '$default' } });
 * await app.handler(event);
 * const policy = await app.handler(capturedEvent('authorizerRequest', { headers: { Authorization: 'token' } }));
 * ```
 */
export function capturedEvent<K extends keyof CapturedEvents>(
  kind: K,
  overrides?: EventOverrides<CapturedEvents[K]>,
): CapturedEvents[K] {
  const event = structuredClone(CAPTURED[kind]);
  return merged(event, overrides) as CapturedEvents[K];
}
