import type { AppModel, AuthorizerModel } from './app-model';
import { apiId, mockIntegration, ref, route } from './api-resources';
import { FUNCTION_LOGICAL_IDS } from './logical-ids';
import type { CfnResource } from './types';

/**
 * The logical IDs of the resources an app with `app.authorizer` adds to its template, besides
 * the function `WebsocketAuthorizer` and its log group (which every function has).
 *
 * @example
 * ```ts
 * template.Resources[AUTHORIZER_LOGICAL_IDS.authorizer]?.Type; // 'AWS::ApiGatewayV2::Authorizer'
 * ```
 */
export const AUTHORIZER_LOGICAL_IDS = Object.freeze({
  /** The `AWS::ApiGatewayV2::Authorizer` (REQUEST) that the `$connect` route uses. */
  authorizer: 'WebsocketAPIAuthorizer',
  /** The `AWS::Lambda::Permission` that lets this API's authorizers invoke `WebsocketAuthorizer`. */
  permission: 'WebsocketAuthorizerInvokePermission',
  /** The `$connect` route: the app's handler's, or one generated for an app without one. */
  connectRoute: `${FUNCTION_LOGICAL_IDS.websocket_connect}Route`,
  /** The MOCK integration of a generated `$connect` route, which accepts every authorized connection. */
  connectMockIntegration: 'WebsocketConnectMockIntegration',
});

/**
 * What {@link authorizerResources} adds: the resources by logical ID, and the ones the API's
 * deployment must wait for.
 *
 * @example
 * ```ts
 * const { resources, dependencies } = authorizerResources(app, 'dev');
 * ```
 */
export interface AuthorizerResources {
  resources: Record<string, CfnResource>;
  dependencies: string[];
}

function authorizer(app: AppModel, auth: AuthorizerModel, stage: string): CfnResource {
  const functionId = FUNCTION_LOGICAL_IDS.websocket_authorizer;
  return {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: apiId(),
      AuthorizerType: 'REQUEST',
      Name: `${app.name}-${stage}-authorizer`,
      IdentitySource: [...auth.identitySources],
      AuthorizerUri: {
        'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${functionId}.Arn}/invocations`,
      },
    },
  };
}

/** Lets API Gateway invoke the authorizer function, for this API's authorizer only. */
function authorizerPermission(): CfnResource {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: ref(FUNCTION_LOGICAL_IDS.websocket_authorizer),
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WebsocketAPI}/authorizers/\${${AUTHORIZER_LOGICAL_IDS.authorizer}}`,
      },
    },
  };
}

/**
 * Whether the app has its own `$connect` handler, whose route then carries the authorizer.
 *
 * @example
 * ```ts
 * hasConnectHandler({ ...app, routes: [{ routeKey: '$connect', kind: 'connect', twoWay: false }] }); // true
 * ```
 */
export function hasConnectHandler(app: AppModel): boolean {
  return app.routes.some((registered) => registered.kind === 'connect');
}

/**
 * The resources of an app's `$connect` authorizer: the REQUEST authorizer
 * `WebsocketAPIAuthorizer` on the `WebsocketAuthorizer` function, the permission for this API's
 * authorizers to invoke it, and, for an app without a `$connect` handler, a `$connect` route
 * (`WebsocketConnectRoute`, authorized) to the MOCK integration `WebsocketConnectMockIntegration`.
 * An app without an authorizer gets none.
 *
 * @example
 * ```ts
 * const { resources, dependencies } = authorizerResources(appModelOf(app), 'dev');
 * Object.keys(resources); // ['WebsocketAPIAuthorizer', 'WebsocketAuthorizerInvokePermission', ...]
 * ```
 */
export function authorizerResources(app: AppModel, stage: string): AuthorizerResources {
  const auth = app.authorizer;
  if (auth === undefined) return { resources: {}, dependencies: [] };
  const ids = AUTHORIZER_LOGICAL_IDS;
  const resources: Record<string, CfnResource> = {
    [ids.authorizer]: authorizer(app, auth, stage),
    [ids.permission]: authorizerPermission(),
  };
  const dependencies: string[] = [ids.authorizer];
  if (!hasConnectHandler(app)) {
    resources[ids.connectMockIntegration] = mockIntegration(); // accepts every connection the authorizer allows
    resources[ids.connectRoute] = route('$connect', ids.connectMockIntegration, false, ids.authorizer);
    dependencies.push(ids.connectRoute);
  }
  return { resources, dependencies };
}
