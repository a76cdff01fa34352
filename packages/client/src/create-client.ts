import type { AnyApp, RouteKeyOf, SendArgs, WsAppContract } from './app-contract';
import type { ClientEvents, ClientState } from './client-events';
import type { ClientOptionsArgs } from './client-options';
import { clientSettings } from './client-settings';
import type { UrlSource } from './connection';
import { ConnectionKeeper } from './connection-keeper';
import { Listeners } from './listeners';
import { routeMessage } from './message-frames';

/**
 * A WebSocket client that stays connected to a wsapp app (see {@link createClient}).
 *
 * @example
 * ```ts
 * const off = client.on('message', (data) => console.log(data));
 * client.send('sendmessage', { text: 'hello' });
 * off();
 * client.close();
 * ```
 */
export interface WebsocketClient<App extends WsAppContract = AnyApp, RouteField extends string = 'action'> {
  readonly state: ClientState;
  /**
   * Sends a message to a route: `{"action": routeKey, ...body}` for a custom route, the body as
   * it is for `'$default'` (a string as text, anything else as JSON). When no connection is
   * open the message is queued and sent, in order, once one opens (after what the `'open'`
   * listeners send).
   *
   * @throws `QueueOverflowError` when `maxQueued` messages already wait; an `Error` once the client is closed.
   */
  send<K extends RouteKeyOf<App>>(routeKey: K, ...body: SendArgs<App, K, RouteField>): void;
  /** Adds a listener; returns the function that removes it. */
  on<E extends keyof ClientEvents>(event: E, listener: ClientEvents[E]): () => void;
  /**
   * Closes the connection for good: no reconnect, queued messages dropped, state `closed`.
   * `code` defaults to 1000; browsers take only 1000 and 3000 to 4999 (they throw for others).
   */
  close(code?: number, reason?: string): void;
}

/**
 * Connects to a wsapp app and stays connected: after any drop the server causes it reconnects
 * with exponential backoff and jitter (but not after a 401 or 403 handshake), queues what is
 * sent meanwhile, sends a heartbeat under API Gateway's 10-minute idle cut, and opens the next
 * connection before the 2-hour limit. Type it with the server app's type for typed route keys
 * and bodies; the first connection starts right after the current task (add listeners first).
 *
 * @throws TypeError when there is no `WebSocket` option and no global `WebSocket` (Node.js 20: use `ws`).
 * @example
 * ```ts
 * import { createClient } from '@wsapp/client';
 * import type { app } from '../server/app';
 *
 * const client = createClient<typeof app>('wss://abc123.execute-api.eu-west-1.amazonaws.com/prod');
 * client.on('open', () => client.send('join', { room: 'lobby' }));
 * client.on('message', (data) => console.log(data));
 * client.send('sendmessage', { text: 'hello' }); // queued until the connection opens
 * ```
 */
export function createClient<App extends WsAppContract = AnyApp, RouteField extends string = 'action'>(
  url: UrlSource,
  ...[options]: ClientOptionsArgs<App, RouteField>
): WebsocketClient<App, RouteField> {
  const settings = clientSettings(url, options ?? {});
  const listeners = new Listeners<ClientEvents>();
  const keeper = new ConnectionKeeper(settings, listeners);
  return {
    get state() {
      return keeper.state;
    },
    send: (routeKey, ...[body]) => keeper.send(routeMessage(settings.routeField, routeKey, body)),
    on: (event, listener) => listeners.on(event, listener),
    close: (code, reason) => keeper.close(code, reason),
  };
}
