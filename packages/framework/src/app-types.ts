import type { HeartbeatOptions } from './heartbeat';
import type { InferSchemaInput, InferSchemaOutput, StandardSchema } from './standard-schema';

/**
 * The types of one route's message body: what a client sends (`input`) and what the handler
 * gets as `event.jsonBody` (`output`). Both are `unknown` for a route without a body schema.
 *
 * @example
 * ```ts
 * type SendMessage = RouteTypes<{ text: string }, { text: string }>;
 * ```
 */
export interface RouteTypes<Input = unknown, Output = unknown> {
  input: Input;
  output: Output;
}

/**
 * No typed routes: the route map of a new app.
 *
 * @example
 * ```ts
 * const app: WsApp<NoRoutes> = new WsApp({ name: 'echo' });
 * ```
 */
export type NoRoutes = Record<never, RouteTypes>;

/**
 * What `typeof app` carries for clients (`@wsapp/client`'s `createClient<typeof app>`): the
 * typed routes and the heartbeat. Types only: there is no such value at run time.
 *
 * @example
 * ```ts
 * type Routes = (typeof app)['~wsapp']['routes'];
 * ```
 */
export interface WsAppTypes<Routes, Heartbeat> {
  readonly routes: Routes;
  readonly heartbeat: Heartbeat;
}

/**
 * The route types a body schema gives (`unknown` in and out without one).
 *
 * @example
 * ```ts
 * type T = RouteTypesOf<typeof SendMessage>; // { input: ...; output: ... }
 * ```
 */
export type RouteTypesOf<Schema> = Schema extends StandardSchema
  ? RouteTypes<InferSchemaInput<Schema>, InferSchemaOutput<Schema>>
  : RouteTypes;

/**
 * `event.jsonBody`'s type for a route with this body schema (`unknown` without one).
 *
 * @example
 * ```ts
 * type Body = BodyOf<typeof SendMessage>;
 * ```
 */
export type BodyOf<Schema> = Schema extends StandardSchema ? InferSchemaOutput<Schema> : unknown;

/**
 * A route map with one more route (replacing an earlier entry for the same key).
 *
 * @example
 * ```ts
 * type Routes = WithRoute<NoRoutes, 'sendmessage', typeof SendMessage>;
 * ```
 */
export type WithRoute<Routes, Key extends string, Schema> = {
  [K in Exclude<keyof Routes, Key> | Key]: K extends Key ? RouteTypesOf<Schema> : Routes[K & keyof Routes];
};

/**
 * An app's heartbeat in its type: `HeartbeatOptions | undefined` until `app.heartbeat()` gives
 * the literal route key and response.
 *
 * @example
 * ```ts
 * const app = new WsApp({ name: 'chat' }).heartbeat(); // WsApp<NoRoutes, { routeKey: 'ping'; response: '{"action":"pong"}' }>
 * ```
 */
export type UnknownHeartbeat = HeartbeatOptions | undefined;
