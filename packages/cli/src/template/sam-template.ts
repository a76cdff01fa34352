import type { RegisteredRoute } from '@wsapp/framework';
import type { StageSettings } from '../config';
import type { AppModel } from './app-model';
import { orderedRoutes, routeFunctionsOf } from './app-routes';
import { apiId, lambdaIntegration, ref, route, routeInvokePermission, routeResponse } from './api-resources';
import { AUTHORIZER_LOGICAL_IDS, authorizerResources } from './authorizer-resources';
import { customDomainResources } from './custom-domain-resources';
import { functionLogGroup, lambdaFunction, logGroupLogicalId } from './function-resources';
import { functionRoles } from './function-roles';
import { heartbeatResources } from './heartbeat-resources';
import {
  FUNCTION_LOGICAL_IDS,
  customRouteLogicalId,
  routeResponseLogicalId,
  type WebsocketFunctionName,
} from './logical-ids';
import type { CfnResource, CfnTemplate, JsonObject } from './types';

export { DEPLOYMENT_ZIP, LAMBDA_HANDLER, SOURCE_MAPS_NODE_OPTIONS } from './function-resources';

/**
 * What {@link buildSamTemplate} needs: the app, the stage's settings, and the wsapp version
 * that goes into each function's `wsapp` tag.
 *
 * @example
 * ```ts
 * const input: SamTemplateInput = {
 *   app: appModelOf(app),
 *   settings: resolveStageSettings(config, 'dev'),
 *   wsappVersion: '0.1.0',
 * };
 * ```
 */
export interface SamTemplateInput {
  app: AppModel;
  settings: StageSettings;
  wsappVersion: string;
  /**
   * The policy document of the stage's `iam_policy_file`, for the functions with
   * `autogen_policy: false` whose `role.policy` was not read (no `readPolicy` given to
   * `resolveStageSettings`).
   */
  iamPolicy?: JsonObject;
}

function appNameOf(input: SamTemplateInput): string {
  const { appName } = input.settings;
  if (appName !== undefined && appName !== input.app.name) {
    throw new Error(
      `app_name in .wsapp/config.json ("${appName}") differs from the app's name ("${input.app.name}"); ` +
        'make them the same',
    );
  }
  return input.app.name;
}

/**
 * Adds the app's routes (in a stable order: `$connect`, `$disconnect`, `$default`, then custom
 * routes by key) and the route responses of two-way routes; returns their logical IDs, which the
 * deployment depends on. The `$connect` route of an app with an authorizer uses it.
 */
function addRoutes(app: AppModel, resources: Record<string, CfnResource>): string[] {
  const routeIds: string[] = [];
  const addRoute = (logicalId: string, registered: RegisteredRoute, functionId: string): void => {
    if (resources[logicalId] !== undefined) {
      throw new Error(`Route ${JSON.stringify(registered.routeKey)} needs the logical ID ${logicalId}, which is already taken`);
    }
    const authorizerId = registered.kind === 'connect' && app.authorizer ? AUTHORIZER_LOGICAL_IDS.authorizer : undefined;
    resources[logicalId] = route(registered.routeKey, `${functionId}APIIntegration`, registered.twoWay, authorizerId);
    routeIds.push(logicalId);
  };
  for (const { registered, target } of orderedRoutes(app)) {
    const logicalId = registered.kind === 'custom' ? customRouteLogicalId(registered.routeKey) : `${FUNCTION_LOGICAL_IDS[target]}Route`;
    addRoute(logicalId, registered, FUNCTION_LOGICAL_IDS[target]);
  }
  const dependencies = [...routeIds];
  for (const routeId of routeIds) {
    if ((resources[routeId]?.Properties as JsonObject).RouteResponseSelectionExpression === undefined) continue;
    const responseId = routeResponseLogicalId(routeId);
    if (resources[responseId] !== undefined) {
      throw new Error(`The route response of ${routeId} needs the logical ID ${responseId}, which is already taken`);
    }
    resources[responseId] = routeResponse(routeId);
    dependencies.push(responseId);
  }
  return dependencies;
}

/**
 * Adds the heartbeat's resources (see {@link heartbeatResources}); returns the ones the
 * deployment depends on. A logical ID that another resource already has is an error.
 */
function addHeartbeat(app: AppModel, resources: Record<string, CfnResource>): string[] {
  const heartbeat = heartbeatResources(app);
  for (const [logicalId, resource] of Object.entries(heartbeat.resources)) {
    if (resources[logicalId] !== undefined) {
      throw new Error(`The heartbeat route needs the logical ID ${logicalId}, which is already taken`);
    }
    resources[logicalId] = resource;
  }
  return heartbeat.dependencies;
}

/** Adds each function, its log group and its two Outputs (`{Function}HandlerArn`, `{Function}HandlerName`). */
function addFunctions(
  input: SamTemplateInput,
  appName: string,
  functions: readonly WebsocketFunctionName[],
  template: { resources: Record<string, CfnResource>; outputs: JsonObject },
): void {
  for (const name of functions) {
    const id = FUNCTION_LOGICAL_IDS[name];
    template.resources[logGroupLogicalId(name)] = functionLogGroup(input.settings, name);
    template.resources[id] = lambdaFunction(input.settings, input.wsappVersion, appName, name);
    template.outputs[`${id}HandlerArn`] = { Value: { 'Fn::GetAtt': [id, 'Arn'] } };
    template.outputs[`${id}HandlerName`] = { Value: ref(id) };
  }
}

/** Adds the API's stage and, with `websocket_api_custom_domain`, the custom domain and its Outputs. */
function addStage(settings: StageSettings, template: { resources: Record<string, CfnResource>; outputs: JsonObject }): void {
  template.resources.WebsocketAPIStage = {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: { ApiId: apiId(), DeploymentId: ref('WebsocketAPIDeployment'), StageName: settings.apiGatewayStage },
  };
  if (settings.customDomain === undefined) return;
  const domain = customDomainResources(settings.customDomain);
  Object.assign(template.resources, domain.resources);
  Object.assign(template.outputs, domain.outputs);
}

/**
 * Builds the SAM template for an app: Chalice's logical IDs, types and Outputs for the
 * handlers the app registers, plus a route (and, when two-way, a route response) per custom
 * route, the heartbeat's MOCK route (see {@link heartbeatResources}), the functions' roles (a least-privilege `DefaultRole` unless the config gives them
 * others, see {@link functionRoles}) and one log group per function. An app with
 * `app.authorizer` also gets the `WebsocketAuthorizer` function and the REQUEST authorizer of
 * its `$connect` route (see {@link authorizerResources}); a stage with
 * `websocket_api_custom_domain` gets Chalice's domain resources (see
 * {@link customDomainResources}). A pure function: the same input always gives the same template.
 *
 * @example
 * ```ts
 * const template = buildSamTemplate({
 *   app: appModelOf(app),
 *   settings: resolveStageSettings(readProjectConfig('.'), 'dev'),
 *   wsappVersion: '0.1.0',
 * });
 * ```
 */
export function buildSamTemplate(input: SamTemplateInput): CfnTemplate {
  const { app, settings } = input;
  const appName = appNameOf(input);
  const routeFunctions = routeFunctionsOf(app);
  if (routeFunctions.length === 0) {
    throw new Error(
      `App ${appName} registers no websocket handlers; register one with onWsConnect, onWsMessage, ` +
        'onWsDisconnect or onWsRoute before packaging',
    );
  }
  const functions: WebsocketFunctionName[] = app.authorizer ? [...routeFunctions, 'websocket_authorizer'] : routeFunctions;

  const resources: Record<string, CfnResource> = functionRoles(settings, functions, input.iamPolicy);
  const outputs: JsonObject = { WebsocketAPIId: { Value: apiId() } };
  addFunctions(input, appName, functions, { resources, outputs });
  outputs.WebsocketConnectEndpointURL = {
    Value: {
      'Fn::Sub': `wss://\${WebsocketAPI}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/${settings.apiGatewayStage}/`,
    },
  };
  resources.WebsocketAPI = {
    Type: 'AWS::ApiGatewayV2::Api',
    Properties: {
      Name: `${appName}-${settings.stage}-websocket-api`,
      RouteSelectionExpression: app.routeSelectionExpression,
      ProtocolType: 'WEBSOCKET',
    },
  };
  for (const name of routeFunctions) {
    const id = FUNCTION_LOGICAL_IDS[name];
    resources[`${id}APIIntegration`] = lambdaIntegration(id);
    resources[`${id}InvokePermission`] = routeInvokePermission(id);
  }
  const authorization = authorizerResources(app, settings.stage);
  Object.assign(resources, authorization.resources);
  const dependencies = [...addRoutes(app, resources), ...addHeartbeat(app, resources), ...authorization.dependencies];

  resources.WebsocketAPIDeployment = {
    Type: 'AWS::ApiGatewayV2::Deployment',
    DependsOn: dependencies.sort(),
    Properties: { ApiId: apiId() },
  };
  addStage(settings, { resources, outputs });
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Outputs: outputs,
    Resources: resources,
  };
}
