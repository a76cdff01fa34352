import type { AppModel } from './app-model';
import { heartbeatRouteOf } from './app-routes';
import { mockIntegration, mockIntegrationResponse, route, routeResponse } from './api-resources';
import {
  customRouteLogicalId,
  integrationResponseLogicalId,
  mockIntegrationLogicalId,
  routeResponseLogicalId,
} from './logical-ids';
import type { CfnResource } from './types';

/**
 * The logical IDs of a heartbeat route's four resources, named as a custom route's are
 * (`WebsocketRoute` + the key, see {@link customRouteLogicalId}).
 *
 * @example
 * ```ts
 * heartbeatLogicalIds('ping');
 * // { route: 'WebsocketRoutePing', integration: 'WebsocketRoutePingMockIntegration',
 * //   integrationResponse: 'WebsocketRoutePingIntegrationResponse', routeResponse: 'WebsocketRoutePingResponse' }
 * ```
 */
export function heartbeatLogicalIds(routeKey: string): {
  route: string;
  integration: string;
  integrationResponse: string;
  routeResponse: string;
} {
  const routeId = customRouteLogicalId(routeKey);
  return {
    route: routeId,
    integration: mockIntegrationLogicalId(routeId),
    integrationResponse: integrationResponseLogicalId(routeId),
    routeResponse: routeResponseLogicalId(routeId),
  };
}

/**
 * What {@link heartbeatResources} adds: the resources by logical ID, and the ones the API's
 * deployment must wait for.
 *
 * @example
 * ```ts
 * const { resources, dependencies } = heartbeatResources(app);
 * ```
 */
export interface HeartbeatResources {
  resources: Record<string, CfnResource>;
  dependencies: string[];
}

/**
 * The resources of an app's heartbeat route (`app.heartbeat()`), which API Gateway answers
 * itself so that no function runs: the two-way route, its MOCK integration, the integration
 * response whose template is the app's `response` verbatim, and the `$default` route response
 * that sends it back. The deployment waits for the route, the integration response and the
 * route response (the integration comes with the route, which refers to it). An app without a
 * heartbeat gets none.
 *
 * @example
 * ```ts
 * Object.keys(heartbeatResources(appModelOf(new WsApp({ name: 'chat' }).heartbeat())).resources);
 * // ['WebsocketRoutePingMockIntegration', 'WebsocketRoutePingIntegrationResponse', 'WebsocketRoutePing', 'WebsocketRoutePingResponse']
 * ```
 */
export function heartbeatResources(app: AppModel): HeartbeatResources {
  const heartbeat = heartbeatRouteOf(app);
  if (heartbeat === undefined) return { resources: {}, dependencies: [] };
  const ids = heartbeatLogicalIds(heartbeat.routeKey);
  return {
    resources: {
      [ids.integration]: mockIntegration(),
      [ids.integrationResponse]: mockIntegrationResponse(ids.integration, heartbeat.response),
      [ids.route]: route(heartbeat.routeKey, ids.integration, true),
      [ids.routeResponse]: routeResponse(ids.route),
    },
    dependencies: [ids.route, ids.integrationResponse, ids.routeResponse],
  };
}
