import type { AppModel } from '../template';
import { heartbeatRouteOf } from '../template/app-routes';
import { mockIntegration, mockIntegrationResponse, route, routeResponse } from './api-resources';
import { customRouteName, integrationResponseName, mockIntegrationName, routeResponseName } from './names';
import type { TerraformBlocks } from './types';

/**
 * The names of a heartbeat route's four resources, named as a custom route's are
 * (`websocket_route_` + the key, see {@link customRouteName}).
 *
 * @example
 * ```ts
 * heartbeatNames('ping');
 * // { route: 'websocket_route_ping', integration: 'websocket_route_ping_mock_integration',
 * //   integrationResponse: 'websocket_route_ping_integration_response', routeResponse: 'websocket_route_ping_response' }
 * ```
 */
export function heartbeatNames(routeKey: string): { route: string; integration: string; integrationResponse: string; routeResponse: string } {
  const routeName = customRouteName(routeKey);
  return {
    route: routeName,
    integration: mockIntegrationName(routeName),
    integrationResponse: integrationResponseName(routeName),
    routeResponse: routeResponseName(routeName),
  };
}

/**
 * The resources of an app's heartbeat route (`app.heartbeat()`), which API Gateway answers
 * itself so that no function runs: the two-way `aws_apigatewayv2_route`, its MOCK
 * `aws_apigatewayv2_integration`, the `aws_apigatewayv2_integration_response` whose template
 * is the app's `response`, and the `$default` `aws_apigatewayv2_route_response` that sends it
 * back. An app without a heartbeat gets none.
 *
 * @example
 * ```ts
 * Object.keys(heartbeatResources(app)); // ['aws_apigatewayv2_integration', 'aws_apigatewayv2_integration_response', ...]
 * ```
 */
export function heartbeatResources(app: AppModel): TerraformBlocks {
  const heartbeat = heartbeatRouteOf(app);
  if (heartbeat === undefined) return {};
  const names = heartbeatNames(heartbeat.routeKey);
  return {
    aws_apigatewayv2_integration: { [names.integration]: mockIntegration() },
    aws_apigatewayv2_integration_response: { [names.integrationResponse]: mockIntegrationResponse(names.integration, heartbeat.response) },
    aws_apigatewayv2_route: { [names.route]: route(heartbeat.routeKey, names.integration, true) },
    aws_apigatewayv2_route_response: { [names.routeResponse]: routeResponse(names.route) },
  };
}
