import type { RegisteredRoute } from '@wsapp/framework';
import type { AppModel } from './app-model';
import type { WebsocketFunctionName } from './logical-ids';

/**
 * A function that serves routes (the authorizer serves API Gateway's authorizer calls instead).
 *
 * @example
 * ```ts
 * const name: RouteFunctionName = 'websocket_message';
 * ```
 */
export type RouteFunctionName = Exclude<WebsocketFunctionName, 'websocket_authorizer'>;

const FUNCTION_ROUTE: Record<RouteFunctionName, RegisteredRoute['kind']> = {
  websocket_connect: 'connect',
  websocket_message: 'message',
  websocket_disconnect: 'disconnect',
};

/** The route functions, in Chalice's order. */
const ROUTE_FUNCTIONS: readonly RouteFunctionName[] = Object.keys(FUNCTION_ROUTE) as RouteFunctionName[];

/**
 * Whether a function serves routes (so API Gateway's 29-second integration timeout applies to it).
 *
 * @example
 * ```ts
 * isRouteFunction('websocket_authorizer'); // false
 * ```
 */
export function isRouteFunction(name: WebsocketFunctionName): name is RouteFunctionName {
  return name in FUNCTION_ROUTE;
}

/** The order of the handlers' routes in the output: `$connect`, `$disconnect`, `$default`. */
const ROUTE_ORDER: readonly RouteFunctionName[] = ['websocket_connect', 'websocket_disconnect', 'websocket_message'];

/**
 * The route functions an app needs, in Chalice's order (`websocket_connect`,
 * `websocket_message`, `websocket_disconnect`): custom routes run in `websocket_message`; the
 * heartbeat runs in none (API Gateway answers it). The SAM template and the Terraform output
 * both take their functions from here.
 *
 * @example
 * ```ts
 * routeFunctionsOf({ ...app, routes: [{ routeKey: 'sendMessage', kind: 'custom', twoWay: false }] }); // ['websocket_message']
 * ```
 */
export function routeFunctionsOf(app: AppModel): RouteFunctionName[] {
  const kinds = new Set(app.routes.map((registered) => registered.kind));
  return ROUTE_FUNCTIONS.filter((name) => kinds.has(FUNCTION_ROUTE[name]) || (name === 'websocket_message' && kinds.has('custom')));
}

/**
 * The app's routes in the stable order both outputs declare them, each with the function it
 * targets: `$connect`, `$disconnect`, `$default`, then custom routes by key (run by
 * `websocket_message`). The heartbeat targets no function: see {@link heartbeatRouteOf}.
 *
 * @example
 * ```ts
 * orderedRoutes(app).map(({ registered, target }) => `${registered.routeKey} -> ${target}`);
 * ```
 */
export function orderedRoutes(app: AppModel): Array<{ registered: RegisteredRoute; target: RouteFunctionName }> {
  const ordered: Array<{ registered: RegisteredRoute; target: RouteFunctionName }> = [];
  for (const target of ROUTE_ORDER) {
    const registered = app.routes.find((candidate) => candidate.kind === FUNCTION_ROUTE[target]);
    if (registered) ordered.push({ registered, target });
  }
  const custom = app.routes
    .filter((candidate) => candidate.kind === 'custom')
    .sort((a, b) => (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0));
  for (const registered of custom) ordered.push({ registered, target: 'websocket_message' });
  return ordered;
}

/**
 * The heartbeat route of an app (`app.heartbeat()`): its key and the frame API Gateway answers
 * it with.
 *
 * @example
 * ```ts
 * const heartbeat: HeartbeatRoute = { routeKey: 'ping', response: '{"action":"pong"}' };
 * ```
 */
export interface HeartbeatRoute {
  routeKey: string;
  response: string;
}

/**
 * The app's heartbeat route, which both outputs answer with a MOCK integration and a route
 * response instead of a function; `undefined` for an app without one.
 *
 * @throws Error when the heartbeat route has no `response` (an app model not read by `appModelOf`).
 * @example
 * ```ts
 * heartbeatRouteOf(appModelOf(new WsApp({ name: 'chat' }).heartbeat())); // { routeKey: 'ping', response: '{"action":"pong"}' }
 * ```
 */
export function heartbeatRouteOf(app: AppModel): HeartbeatRoute | undefined {
  const registered = app.routes.find((candidate) => candidate.kind === 'heartbeat');
  if (registered === undefined) return undefined;
  if (typeof registered.response !== 'string') {
    throw new Error(`The heartbeat route ${JSON.stringify(registered.routeKey)} has no response to answer with; register it with app.heartbeat()`);
  }
  return { routeKey: registered.routeKey, response: registered.response };
}
