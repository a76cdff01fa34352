import { createHash } from 'node:crypto';

// The functions' logical IDs are shared with the embedded DynamoDB, which reads their environment.
import { FUNCTION_LOGICAL_IDS, type WebsocketFunctionName } from '@wsapp/local';

export { FUNCTION_LOGICAL_IDS, type WebsocketFunctionName } from '@wsapp/local';

const LOSSLESS_KEY = /^[a-z0-9][A-Za-z0-9]*$/;

/**
 * The logical ID of the `AWS::ApiGatewayV2::Route` for a custom route key (`onWsRoute`).
 *
 * A key made of letters and digits that starts with a lower-case letter or a digit becomes
 * `WebsocketRoute` + the key with its first letter upper-cased (`sendMessage` ->
 * `WebsocketRouteSendMessage`). Any other key loses information when sanitised, so its
 * PascalCase words get the first 8 hex digits of the key's SHA-256 appended
 * (`send-message` -> `WebsocketRouteSendMessage` + 8 hex digits). The ID depends on the key
 * only, never on registration order, so it is stable across releases.
 *
 * @example
 * ```ts
 * customRouteLogicalId('sendMessage'); // 'WebsocketRouteSendMessage'
 * ```
 */
export function customRouteLogicalId(routeKey: string): string {
  const words = routeKey.match(/[A-Za-z0-9]+/g) ?? [];
  const pascal = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  if (LOSSLESS_KEY.test(routeKey)) return `WebsocketRoute${pascal}`;
  const hash = createHash('sha256').update(routeKey, 'utf8').digest('hex').slice(0, 8).toUpperCase();
  return `WebsocketRoute${pascal}${hash}`;
}

/**
 * The logical ID of a route's `AWS::ApiGatewayV2::RouteResponse` (two-way routes only).
 *
 * @example
 * ```ts
 * routeResponseLogicalId('WebsocketMessageRoute'); // 'WebsocketMessageRouteResponse'
 * ```
 */
export function routeResponseLogicalId(routeLogicalId: string): string {
  return `${routeLogicalId}Response`;
}

/**
 * The logical ID of the MOCK `AWS::ApiGatewayV2::Integration` of a route that API Gateway
 * answers itself (the heartbeat): `{Route}MockIntegration`.
 *
 * @example
 * ```ts
 * mockIntegrationLogicalId('WebsocketRoutePing'); // 'WebsocketRoutePingMockIntegration'
 * ```
 */
export function mockIntegrationLogicalId(routeLogicalId: string): string {
  return `${routeLogicalId}MockIntegration`;
}

/**
 * The logical ID of the `AWS::ApiGatewayV2::IntegrationResponse` of a route's MOCK integration:
 * `{Route}IntegrationResponse`.
 *
 * @example
 * ```ts
 * integrationResponseLogicalId('WebsocketRoutePing'); // 'WebsocketRoutePingIntegrationResponse'
 * ```
 */
export function integrationResponseLogicalId(routeLogicalId: string): string {
  return `${routeLogicalId}IntegrationResponse`;
}

/**
 * Chalice's `to_cfn_resource_name`: a resource name in PascalCase, its `-` and `_` dropped, and
 * anything but letters and digits removed. Chalice names the template's resources with it
 * (`websocket_message_role` becomes `WebsocketMessageRole`).
 *
 * @example
 * ```ts
 * toCfnResourceName('websocket_api_custom_domain'); // 'WebsocketApiCustomDomain'
 * ```
 */
export function toCfnResourceName(name: string): string {
  if (name === '') throw new Error('A resource name cannot be empty');
  let result = name;
  for (const separator of ['-', '_']) {
    result = result
      .split(separator)
      .filter((part) => part !== '')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('');
  }
  return result.replace(/[^A-Za-z0-9]+/g, '');
}

/**
 * The logical ID of a function's log group: `{Function}LogGroup`.
 *
 * @example
 * ```ts
 * logGroupLogicalId('websocket_authorizer'); // 'WebsocketAuthorizerLogGroup'
 * ```
 */
export function logGroupLogicalId(name: WebsocketFunctionName): string {
  return `${FUNCTION_LOGICAL_IDS[name]}LogGroup`;
}
