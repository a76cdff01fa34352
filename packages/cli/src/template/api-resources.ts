import type { CfnResource, JsonObject } from './types';

/**
 * `{ Ref: logicalId }`.
 *
 * @example
 * ```ts
 * ref('WebsocketAPI'); // { Ref: 'WebsocketAPI' }
 * ```
 */
export const ref = (logicalId: string): JsonObject => ({ Ref: logicalId });

/**
 * The `ApiId` of every API Gateway resource in the template: a `Ref` to `WebsocketAPI`.
 *
 * @example
 * ```ts
 * apiId(); // { Ref: 'WebsocketAPI' }
 * ```
 */
export const apiId = (): JsonObject => ref('WebsocketAPI');

/**
 * The Lambda proxy integration (`{functionId}APIIntegration`) that sends a route's events to a function.
 *
 * @example
 * ```ts
 * resources.WebsocketMessageAPIIntegration = lambdaIntegration('WebsocketMessage');
 * ```
 */
export function lambdaIntegration(functionId: string): CfnResource {
  return {
    Type: 'AWS::ApiGatewayV2::Integration',
    Properties: {
      ApiId: apiId(),
      ConnectionType: 'INTERNET',
      ContentHandlingStrategy: 'CONVERT_TO_TEXT',
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: {
        'Fn::Sub': [
          'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${WebsocketHandler}/invocations',
          { WebsocketHandler: ref(functionId) },
        ],
      },
    },
  };
}

/**
 * The permission (`{functionId}InvokePermission`) that lets this template's API, and no other,
 * invoke a route function.
 *
 * @example
 * ```ts
 * resources.WebsocketMessageInvokePermission = routeInvokePermission('WebsocketMessage');
 * ```
 */
export function routeInvokePermission(functionId: string): CfnResource {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: ref(functionId),
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Sub': [
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketAPIId}/*',
          { WebsocketAPIId: apiId() },
        ],
      },
    },
  };
}

/**
 * An `AWS::ApiGatewayV2::Route` to an integration; a two-way route gets
 * `RouteResponseSelectionExpression`, and a route with an authorizer's logical ID gets
 * `AuthorizationType: CUSTOM` and `AuthorizerId`.
 *
 * @example
 * ```ts
 * resources.WebsocketConnectRoute = route('$connect', 'WebsocketConnectAPIIntegration', false, 'WebsocketAPIAuthorizer');
 * ```
 */
export function route(routeKey: string, integrationId: string, twoWay: boolean, authorizerId?: string): CfnResource {
  const properties: JsonObject = { ApiId: apiId(), RouteKey: routeKey };
  if (authorizerId !== undefined) {
    properties.AuthorizationType = 'CUSTOM';
    properties.AuthorizerId = ref(authorizerId);
  }
  properties.Target = { 'Fn::Join': ['/', ['integrations', ref(integrationId)]] };
  if (twoWay) properties.RouteResponseSelectionExpression = '$default';
  return { Type: 'AWS::ApiGatewayV2::Route', Properties: properties };
}

/**
 * The `$default` route response of a two-way route.
 *
 * @example
 * ```ts
 * resources.WebsocketMessageRouteResponse = routeResponse('WebsocketMessageRoute');
 * ```
 */
export function routeResponse(routeId: string): CfnResource {
  return {
    Type: 'AWS::ApiGatewayV2::RouteResponse',
    Properties: { ApiId: apiId(), RouteId: ref(routeId), RouteResponseKey: '$default' },
  };
}

/**
 * A MOCK integration: API Gateway answers the route itself, with the status code its request
 * template gives (`{"statusCode": 200}`, chosen by the template selection expression
 * `\$default`, an escaped `$default`), and invokes nothing.
 *
 * @example
 * ```ts
 * resources.WebsocketRoutePingMockIntegration = mockIntegration();
 * ```
 */
export function mockIntegration(): CfnResource {
  const templates: JsonObject = { $default: '{"statusCode": 200}' };
  return {
    Type: 'AWS::ApiGatewayV2::Integration',
    Properties: {
      ApiId: apiId(),
      IntegrationType: 'MOCK',
      RequestTemplates: templates,
      TemplateSelectionExpression: '\\$default',
    },
  };
}

/**
 * The `$default` integration response of a MOCK integration, whose one response template
 * (chosen by `\$default`) is the frame a two-way route sends back: `frame` verbatim, so it must
 * hold no Velocity syntax (`$`, `#`, `\`).
 *
 * @example
 * ```ts
 * resources.WebsocketRoutePingIntegrationResponse = mockIntegrationResponse('WebsocketRoutePingMockIntegration', '{"action":"pong"}');
 * ```
 */
export function mockIntegrationResponse(integrationId: string, frame: string): CfnResource {
  const templates: JsonObject = { $default: frame };
  return {
    Type: 'AWS::ApiGatewayV2::IntegrationResponse',
    Properties: {
      ApiId: apiId(),
      IntegrationId: ref(integrationId),
      IntegrationResponseKey: '$default',
      ResponseTemplates: templates,
      TemplateSelectionExpression: '\\$default',
    },
  };
}
