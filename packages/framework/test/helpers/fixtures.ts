import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  WebsocketConnectLambdaEvent,
  WebsocketDisconnectLambdaEvent,
  WebsocketMessageLambdaEvent,
} from '../../src';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'events', `${name}.json`), 'utf8')) as T;
}

/** A fresh copy of the captured `$connect` event. */
export const connectEvent = (): WebsocketConnectLambdaEvent => load('connect');
/** A fresh copy of the captured message event (route key `chat`). */
export const messageEvent = (): WebsocketMessageLambdaEvent => load('message');
/** A fresh copy of the captured `$disconnect` event. */
export const disconnectEvent = (): WebsocketDisconnectLambdaEvent => load('disconnect');

/** The captured message event, for the given route key and body. */
export function routedMessage(routeKey: string, body: string): WebsocketMessageLambdaEvent {
  const event = messageEvent();
  event.requestContext.routeKey = routeKey;
  event.body = body;
  return event;
}

/** A message event for the `$default` route with the given body. */
export function defaultMessage(body: string): WebsocketMessageLambdaEvent {
  return routedMessage('$default', body);
}
