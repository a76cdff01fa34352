import { createHash } from 'node:crypto';
import type { WebsocketFunctionName } from '../template/logical-ids';

/**
 * The file `wsapp package --pkg-format terraform` writes beside `deployment.zip`
 * (Chalice writes `chalice.tf.json`). Terraform reads every `*.tf` and `*.tf.json` file of the
 * folder, so the user's own resources go in files of their own beside it.
 *
 * @example
 * ```ts
 * join(out, TERRAFORM_FILE); // 'out/wsapp.tf.json'
 * ```
 */
export const TERRAFORM_FILE = 'wsapp.tf.json';

/**
 * The names of the resources that every app's Terraform has once, as Chalice names them
 * (`default-role` included, so a Chalice user's own `.tf` files that refer to them keep working).
 *
 * @example
 * ```ts
 * `\${aws_apigatewayv2_api.${TERRAFORM_NAMES.api}.id}`; // '${aws_apigatewayv2_api.websocket_api.id}'
 * ```
 */
export const TERRAFORM_NAMES = Object.freeze({
  api: 'websocket_api',
  deployment: 'websocket_api_deployment',
  stage: 'websocket_api_stage',
  defaultRole: 'default-role',
  authorizer: 'websocket_api_authorizer',
  authorizerPermission: 'websocket_authorizer_invoke_permission',
  connectMockIntegration: 'websocket_connect_mock_integration',
  customDomain: 'websocket_api_custom_domain',
  apiMapping: 'websocket_api_custom_domain_api_mapping',
});

/**
 * The name of a function's Lambda integration: `{function}_api_integration`.
 *
 * @example
 * ```ts
 * integrationName('websocket_message'); // 'websocket_message_api_integration'
 * ```
 */
export function integrationName(name: WebsocketFunctionName): string {
  return `${name}_api_integration`;
}

/**
 * The name of the permission that lets the API invoke a route function: `{function}_invoke_permission`.
 *
 * @example
 * ```ts
 * invokePermissionName('websocket_connect'); // 'websocket_connect_invoke_permission'
 * ```
 */
export function invokePermissionName(name: WebsocketFunctionName): string {
  return `${name}_invoke_permission`;
}

/**
 * The name of the route of a handler's route key: `{function}_route`.
 *
 * @example
 * ```ts
 * handlerRouteName('websocket_message'); // 'websocket_message_route' ($default)
 * ```
 */
export function handlerRouteName(name: WebsocketFunctionName): string {
  return `${name}_route`;
}

const LOSSLESS_KEY = /^[A-Za-z0-9_]+$/;

/**
 * The name of the route of a custom route key (`onWsRoute`): `websocket_route_` + the key when
 * it is letters, digits and `_` only; any other key loses information when sanitised, so its
 * words are joined with `_` and the first 8 hex digits of the key's SHA-256 appended. The name
 * depends on the key only, so it is stable across releases and registration orders.
 *
 * @example
 * ```ts
 * customRouteName('sendMessage'); // 'websocket_route_sendMessage'
 * customRouteName('join-room'); // 'websocket_route_join_room_' + 8 hex digits
 * ```
 */
export function customRouteName(routeKey: string): string {
  if (LOSSLESS_KEY.test(routeKey)) return `websocket_route_${routeKey}`;
  const words = routeKey.match(/[A-Za-z0-9]+/g) ?? [];
  const hash = createHash('sha256').update(routeKey, 'utf8').digest('hex').slice(0, 8);
  return ['websocket_route', ...words, hash].join('_');
}

/**
 * The name of a two-way route's `$default` route response: `{route}_response`.
 *
 * @example
 * ```ts
 * routeResponseName('websocket_message_route'); // 'websocket_message_route_response'
 * ```
 */
export function routeResponseName(routeName: string): string {
  return `${routeName}_response`;
}

/**
 * The name of the MOCK integration of a route that API Gateway answers itself (the heartbeat):
 * `{route}_mock_integration`.
 *
 * @example
 * ```ts
 * mockIntegrationName('websocket_route_ping'); // 'websocket_route_ping_mock_integration'
 * ```
 */
export function mockIntegrationName(routeName: string): string {
  return `${routeName}_mock_integration`;
}

/**
 * The name of the integration response of a route's MOCK integration: `{route}_integration_response`.
 *
 * @example
 * ```ts
 * integrationResponseName('websocket_route_ping'); // 'websocket_route_ping_integration_response'
 * ```
 */
export function integrationResponseName(routeName: string): string {
  return `${routeName}_integration_response`;
}
