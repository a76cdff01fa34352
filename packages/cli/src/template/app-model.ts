import type { RegisteredRoute } from '@wsapp/framework';

/**
 * What the template builder needs to know about an app: plain data, no functions.
 *
 * @example
 * ```ts
 * const model: AppModel = {
 *   name: 'echo-server',
 *   routeSelectionExpression: '$request.body.action',
 *   routes: [{ routeKey: '$default', kind: 'message', twoWay: false }],
 * };
 * ```
 */
export interface AppModel {
  name: string;
  routeSelectionExpression: string;
  routes: readonly RegisteredRoute[];
}

/**
 * Reads the {@link AppModel} of a loaded app (a `WsApp` or anything shaped like one).
 *
 * @example
 * ```ts
 * const model = appModelOf(await loadApp(entry));
 * ```
 */
export function appModelOf(app: AppModel): AppModel {
  return {
    name: app.name,
    routeSelectionExpression: app.routeSelectionExpression,
    routes: app.routes.map(({ routeKey, kind, twoWay }) => ({ routeKey, kind, twoWay })),
  };
}
