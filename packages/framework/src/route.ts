import type { WebsocketResponse } from './event-types';
import type { StandardSchema } from './standard-schema';
import type { WebsocketEvent } from './websocket-event';

/**
 * What a handler may return: nothing (success, `{ statusCode: 200 }`), a
 * {@link WebsocketResponse}, or a string (the `body` of a 200 response, sent back on two-way routes).
 *
 * @example
 * ```ts
 * const refuse: WebsocketHandlerResult = { statusCode: 403 };
 * ```
 */
export type WebsocketHandlerResult = void | undefined | string | WebsocketResponse;

/**
 * A function that handles one WebSocket event; `Body` is the type of `event.jsonBody` (the
 * output of the route's body schema, when it has one).
 *
 * @example
 * ```ts
 * const echo: WebsocketHandler = (event) => app.websocketApi.send(event.connectionId, event.body);
 * ```
 */
export type WebsocketHandler<Body = unknown> = (
  event: WebsocketEvent<Body>,
) => WebsocketHandlerResult | Promise<WebsocketHandlerResult>;

/**
 * Options given when registering a handler.
 *
 * @example
 * ```ts
 * app.onWsRoute('ping', () => 'pong', { twoWay: true });
 * ```
 */
export interface RouteOptions<Schema extends StandardSchema | undefined = StandardSchema | undefined> {
  /**
   * A two-way route has a route response: the `body` the handler returns is sent back to the
   * client. Only message routes (`$default` and custom routes) can be two-way.
   */
  twoWay?: boolean;
  /**
   * A Standard Schema (zod, valibot, arktype, ...) the message's JSON body must pass before the
   * handler runs; the handler's `event.jsonBody` is then the schema's output. A body that fails
   * gets the sender one `Invalid message body` frame instead. Message routes only.
   */
  body?: Schema;
}

/**
 * Which registration a route came from.
 *
 * @example
 * ```ts
 * const kind: RouteKind = 'custom';
 * ```
 */
export type RouteKind = 'connect' | 'message' | 'disconnect' | 'custom' | 'heartbeat';

/**
 * A registered route, as the local gateway and `wsapp package` see it.
 *
 * @example
 * ```ts
 * for (const route of app.routes) console.log(route.routeKey, route.kind, route.twoWay);
 * ```
 */
export interface RegisteredRoute {
  routeKey: string;
  kind: RouteKind;
  twoWay: boolean;
  /** The schema the route's body must pass, when it has one. */
  body?: StandardSchema;
  /** For the heartbeat route: the frame API Gateway answers with, from a MOCK integration. */
  response?: string;
}

/**
 * The TypeScript 5 standard method decorator returned by `app.onWsMessage()` and friends.
 *
 * @example
 * ```ts
 * class Chat {
 *   @app.onWsMessage()
 *   async message(event: WebsocketEvent) {}
 * }
 * ```
 */
export type WebsocketHandlerDecorator<Body = unknown> = <This>(
  method: (this: This, event: WebsocketEvent<Body>) => WebsocketHandlerResult | Promise<WebsocketHandlerResult>,
  context: ClassMethodDecoratorContext<This>,
) => void;
