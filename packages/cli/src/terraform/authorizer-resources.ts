import type { AppModel, AuthorizerModel, JsonObject } from '../template';
import { apiId, mockIntegration, route } from './api-resources';
import { literal, reference } from './expressions';
import { invokePermission } from './function-resources';
import { TERRAFORM_NAMES, handlerRouteName } from './names';
import type { TerraformBlocks } from './types';

function authorizer(appName: string, stage: string, auth: AuthorizerModel): JsonObject {
  return {
    api_id: apiId(),
    authorizer_type: 'REQUEST',
    name: literal(`${appName}-${stage}-authorizer`),
    identity_sources: auth.identitySources.map(literal),
    authorizer_uri: reference('aws_lambda_function', 'websocket_authorizer', 'invoke_arn'),
  };
}

/**
 * The resources of an app's `$connect` authorizer: the REQUEST `aws_apigatewayv2_authorizer`
 * `websocket_api_authorizer` on the `websocket_authorizer` function, the permission for this
 * API's authorizer to invoke it, and, for an app without a `$connect` handler, an authorized
 * `$connect` route (`websocket_connect_route`) to the MOCK integration
 * `websocket_connect_mock_integration`. An app without an authorizer gets none.
 *
 * @example
 * ```ts
 * Object.keys(authorizerResources(app, 'chat', 'dev')); // ['aws_apigatewayv2_authorizer', 'aws_lambda_permission', ...]
 * ```
 */
export function authorizerResources(app: AppModel, appName: string, stage: string): TerraformBlocks {
  const auth = app.authorizer;
  if (auth === undefined) return {};
  const names = TERRAFORM_NAMES;
  const resources: TerraformBlocks = {
    aws_apigatewayv2_authorizer: { [names.authorizer]: authorizer(appName, stage, auth) },
    aws_lambda_permission: {
      [names.authorizerPermission]: invokePermission(
        'websocket_authorizer',
        `/authorizers/${reference('aws_apigatewayv2_authorizer', names.authorizer, 'id')}`,
      ),
    },
  };
  if (!app.routes.some((registered) => registered.kind === 'connect')) {
    const connectRoute = handlerRouteName('websocket_connect');
    resources.aws_apigatewayv2_integration = { [names.connectMockIntegration]: mockIntegration() }; // accepts what the authorizer allows
    resources.aws_apigatewayv2_route = { [connectRoute]: route('$connect', names.connectMockIntegration, false, names.authorizer) };
  }
  return resources;
}
