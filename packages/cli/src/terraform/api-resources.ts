import type { JsonObject } from '../template';
import type { WebsocketFunctionName } from '../template/logical-ids';
import { literal, reference } from './expressions';
import { TERRAFORM_NAMES } from './names';

/**
 * The `api_id` of every API Gateway resource: the app's `aws_apigatewayv2_api.websocket_api`.
 *
 * @example
 * ```ts
 * apiId(); // '${aws_apigatewayv2_api.websocket_api.id}'
 * ```
 */
export const apiId = (): string => reference('aws_apigatewayv2_api', TERRAFORM_NAMES.api, 'id');

/**
 * The app's `aws_apigatewayv2_api` (WEBSOCKET), named as Chalice names it.
 *
 * @example
 * ```ts
 * websocketApi('echo-server', 'dev', '$request.body.action').name; // 'echo-server-dev-websocket-api'
 * ```
 */
export function websocketApi(appName: string, stage: string, routeSelectionExpression: string): JsonObject {
  return {
    name: literal(`${appName}-${stage}-websocket-api`),
    route_selection_expression: literal(routeSelectionExpression),
    protocol_type: 'WEBSOCKET',
  };
}

/**
 * The Lambda proxy integration (`{function}_api_integration`) that sends a route's events to a function.
 *
 * @example
 * ```ts
 * lambdaIntegration('websocket_message').integration_uri; // '${aws_lambda_function.websocket_message.invoke_arn}'
 * ```
 */
export function lambdaIntegration(name: WebsocketFunctionName): JsonObject {
  return {
    api_id: apiId(),
    connection_type: 'INTERNET',
    content_handling_strategy: 'CONVERT_TO_TEXT',
    integration_type: 'AWS_PROXY',
    integration_uri: reference('aws_lambda_function', name, 'invoke_arn'),
  };
}

/**
 * A MOCK `aws_apigatewayv2_integration`: API Gateway answers the route itself, with the status
 * code its request template gives (`{"statusCode": 200}`, chosen by `\$default`, an escaped
 * `$default`), and invokes nothing.
 *
 * @example
 * ```ts
 * mockIntegration().integration_type; // 'MOCK'
 * ```
 */
export function mockIntegration(): JsonObject {
  return {
    api_id: apiId(),
    integration_type: 'MOCK',
    request_templates: { $default: '{"statusCode": 200}' },
    template_selection_expression: '\\$default',
  };
}

/**
 * The `$default` `aws_apigatewayv2_integration_response` of a MOCK integration, whose one
 * response template (chosen by `\$default`) is the frame a two-way route sends back: `frame`
 * verbatim (escaped for Terraform's string templates only), so it must hold no Velocity syntax.
 *
 * @example
 * ```ts
 * mockIntegrationResponse('websocket_route_ping_mock_integration', '{"action":"pong"}');
 * ```
 */
export function mockIntegrationResponse(integration: string, frame: string): JsonObject {
  return {
    api_id: apiId(),
    integration_id: reference('aws_apigatewayv2_integration', integration, 'id'),
    integration_response_key: '$default',
    response_templates: { $default: literal(frame) },
    template_selection_expression: '\\$default',
  };
}

/**
 * An `aws_apigatewayv2_route` to an integration; a two-way route gets
 * `route_response_selection_expression`, and a route with an authorizer's name gets
 * `authorization_type = CUSTOM` and `authorizer_id`.
 *
 * @example
 * ```ts
 * route('$connect', 'websocket_connect_api_integration', false, 'websocket_api_authorizer');
 * ```
 */
export function route(routeKey: string, integration: string, twoWay: boolean, authorizer?: string): JsonObject {
  const body: JsonObject = { api_id: apiId(), route_key: literal(routeKey) };
  if (authorizer !== undefined) {
    body.authorization_type = 'CUSTOM';
    body.authorizer_id = reference('aws_apigatewayv2_authorizer', authorizer, 'id');
  }
  body.target = `integrations/${reference('aws_apigatewayv2_integration', integration, 'id')}`;
  if (twoWay) body.route_response_selection_expression = '$default';
  return body;
}

/**
 * The `$default` `aws_apigatewayv2_route_response` of a two-way route.
 *
 * @example
 * ```ts
 * routeResponse('websocket_message_route');
 * ```
 */
export function routeResponse(routeName: string): JsonObject {
  return { api_id: apiId(), route_id: reference('aws_apigatewayv2_route', routeName, 'id'), route_response_key: '$default' };
}

/**
 * The API's `aws_apigatewayv2_deployment`. It depends on every route, route response and
 * authorizer (as Chalice's does), and its `triggers` hash them and the integrations, so a
 * changed route is deployed again; `create_before_destroy` keeps the stage on a deployment
 * meanwhile (the AWS provider's documented pattern).
 *
 * @example
 * ```ts
 * deployment(['aws_apigatewayv2_route.websocket_message_route'], [
 *   'aws_apigatewayv2_route.websocket_message_route',
 *   'aws_apigatewayv2_integration.websocket_message_api_integration',
 * ]);
 * ```
 */
export function deployment(dependencies: readonly string[], redeployOn: readonly string[]): JsonObject {
  return {
    api_id: apiId(),
    triggers: { redeployment: `\${sha1(jsonencode([${[...redeployOn].sort().join(', ')}]))}` },
    lifecycle: { create_before_destroy: true },
    depends_on: [...dependencies].sort(),
  };
}

/**
 * The API's `aws_apigatewayv2_stage` (`api_gateway_stage`, default `api`) on its deployment.
 *
 * @example
 * ```ts
 * stage('api').name; // 'api'
 * ```
 */
export function stage(stageName: string): JsonObject {
  return {
    api_id: apiId(),
    deployment_id: reference('aws_apigatewayv2_deployment', TERRAFORM_NAMES.deployment, 'id'),
    name: literal(stageName),
  };
}

