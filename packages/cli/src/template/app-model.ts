import type { RegisteredRoute } from '@wsapp/framework';

/**
 * The `$connect` authorizer of an app (`app.authorizer`), as the template builder needs it.
 *
 * @example
 * ```ts
 * const authorizer: AuthorizerModel = { identitySources: ['route.request.querystring.token'] };
 * ```
 */
export interface AuthorizerModel {
  /** API Gateway's identity sources, as the app gave them (`route.request.header.NAME`, `route.request.querystring.NAME`). */
  identitySources: readonly string[];
}

/**
 * What the template builder needs to know about an app: plain data, no functions.
 *
 * @example
 * ```ts
 * const model: AppModel = {
 *   name: 'echo-server',
 *   routeSelectionExpression: '$request.body.action',
 *   routes: [{ routeKey: '$default', kind: 'message', twoWay: false }],
 *   authorizer: { identitySources: ['route.request.header.Authorization'] },
 * };
 * ```
 */
export interface AppModel {
  name: string;
  routeSelectionExpression: string;
  routes: readonly RegisteredRoute[];
  /** The app's `$connect` authorizer; absent when the app registers none. */
  authorizer?: AuthorizerModel;
}

/**
 * What {@link appModelOf} reads: a loaded `WsApp`, or anything shaped like one.
 *
 * @example
 * ```ts
 * const source: AppModelSource = { name: 'chat', routeSelectionExpression: '$request.body.action', routes: [], authorizerConfig: undefined };
 * ```
 */
export interface AppModelSource {
  name: string;
  routeSelectionExpression: string;
  routes: readonly RegisteredRoute[];
  /** `WsApp.authorizerConfig`: set when the app calls `app.authorizer`. */
  authorizerConfig?: AuthorizerModel | undefined;
}

/**
 * Reads the {@link AppModel} of a loaded app (a `WsApp` or anything shaped like one), copying
 * its routes (with the heartbeat's `response`) and its authorizer's identity sources.
 *
 * @example
 * ```ts
 * const model = appModelOf(await loadApp(entry));
 * model.authorizer?.identitySources; // ['route.request.header.Authorization'] after app.authorizer(check)
 * ```
 */
export function appModelOf(app: AppModelSource): AppModel {
  const model: AppModel = {
    name: app.name,
    routeSelectionExpression: app.routeSelectionExpression,
    routes: app.routes.map(({ routeKey, kind, twoWay, response }) => ({
      routeKey,
      kind,
      twoWay,
      ...(response !== undefined ? { response } : {}),
    })),
  };
  const authorizer = app.authorizerConfig;
  if (authorizer !== undefined) model.authorizer = { identitySources: [...authorizer.identitySources] };
  return model;
}
