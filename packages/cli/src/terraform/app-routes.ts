import type { RegisteredRoute } from '@wsapp/framework';
import type { AppModel } from '../template';
import { orderedRoutes, type RouteFunctionName } from '../template/app-routes';
import { customRouteName, handlerRouteName } from './names';

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
  for (const { registered, target } of orderedRoutes(app)) {
    const name = registered.kind === 'custom' ? customRouteName(registered.routeKey) : handlerRouteName(target);
    const taken = planned.find((route) => route.name === name);
    if (taken) {
      throw new Error(`Routes ${JSON.stringify(taken.routeKey)} and ${JSON.stringify(registered.routeKey)} both need the Terraform name ${name}`);
    }
    planned.push({ name, routeKey: registered.routeKey, target, twoWay: registered.twoWay, kind: registered.kind });
  }
  return planned;
}
