import type { RegisteredRoute } from '@wsapp/framework';
import type { AppModel } from '../template';
import type { WebsocketFunctionName } from '../template/logical-ids';
import { customRouteName, handlerRouteName } from './names';

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

/** The order of the handlers' routes in the output: `$connect`, `$disconnect`, `$default` (as the SAM template has them). */
const ROUTE_ORDER: readonly RouteFunctionName[] = ['websocket_connect', 'websocket_disconnect', 'websocket_message'];

/**
 * One route of the app as the Terraform output declares it: its resource name, its key, the
 * function whose integration it targets, and whether it is two-way.
 *
 * @example
 * ```ts
 * const route: PlannedRoute = { name: 'websocket_message_route', routeKey: '$default', target: 'websocket_message', twoWay: false, kind: 'message' };
 * ```
 */
export interface PlannedRoute {
  name: string;
  routeKey: string;
  target: RouteFunctionName;
  twoWay: boolean;
  kind: RegisteredRoute['kind'];
}

/**
 * The route functions an app needs, in Chalice's order (`websocket_connect`,
 * `websocket_message`, `websocket_disconnect`): custom routes run in `websocket_message`.
 *
 * @example
 * ```ts
 * routeFunctionsOf({ ...app, routes: [{ routeKey: 'sendMessage', kind: 'custom', twoWay: false }] }); // ['websocket_message']
 * ```
 */
export function routeFunctionsOf(app: AppModel): RouteFunctionName[] {
  const kinds = new Set(app.routes.map((registered) => registered.kind));
  return (Object.keys(FUNCTION_ROUTE) as RouteFunctionName[]).filter(
    (name) => kinds.has(FUNCTION_ROUTE[name]) || (name === 'websocket_message' && kinds.has('custom')),
  );
}

/**
 * The app's routes in a stable order: `$connect`, `$disconnect`, `$default`, then custom routes
 * by key. Two route keys whose names collide are an error.
 *
 * @example
 * ```ts
 * plannedRoutes(app).map((route) => route.name); // ['websocket_connect_route', 'websocket_message_route']
 * ```
 */
export function plannedRoutes(app: AppModel): PlannedRoute[] {
  const planned: PlannedRoute[] = [];
  for (const target of ROUTE_ORDER) {
    const registered = app.routes.find((candidate) => candidate.kind === FUNCTION_ROUTE[target]);
    if (registered) planned.push({ name: handlerRouteName(target), routeKey: registered.routeKey, target, twoWay: registered.twoWay, kind: registered.kind });
  }
  const custom = app.routes
    .filter((candidate) => candidate.kind === 'custom')
    .sort((a, b) => (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0));
  for (const registered of custom) {
    const name = customRouteName(registered.routeKey);
    const taken = planned.find((route) => route.name === name);
    if (taken) {
      throw new Error(`Routes ${JSON.stringify(taken.routeKey)} and ${JSON.stringify(registered.routeKey)} both need the Terraform name ${name}`);
    }
    planned.push({ name, routeKey: registered.routeKey, target: 'websocket_message', twoWay: registered.twoWay, kind: 'custom' });
  }
  return planned;
}
