import type { RegisteredRoute } from '@wsapp/framework';
import type { StageSettings } from '../config';
import type { AppModel } from './app-model';
import { defaultRole, leastPrivilegePolicy } from './default-role';
import {
  FUNCTION_LOGICAL_IDS,
  customRouteLogicalId,
  routeResponseLogicalId,
  type WebsocketFunctionName,
} from './logical-ids';
import type { CfnResource, CfnTemplate, JsonObject } from './types';

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
  /** The policy document of `iam_policy_file`, required when `autogen_policy` is false. */
  iamPolicy?: JsonObject;
}

/** The file the functions' `CodeUri` points at, beside the template. */
export const DEPLOYMENT_ZIP = 'deployment.zip';

/** The `Handler` of every function: the bundle `app.js` exports `handler`. */
export const LAMBDA_HANDLER = 'app.handler';

/**
 * The `NODE_OPTIONS` the functions get unless `source_maps` is false or they set their own:
 * Node then reads `app.js.map` beside the bundle, so stack traces name `app.ts` and its lines.
 *
 * @example
 * ```ts
 * template.Resources.WebsocketMessage.Properties.Environment; // { Variables: { NODE_OPTIONS: SOURCE_MAPS_NODE_OPTIONS } }
 * ```
 */
export const SOURCE_MAPS_NODE_OPTIONS = '--enable-source-maps';

const FUNCTION_ROUTE: Record<WebsocketFunctionName, RegisteredRoute['kind']> = {
  websocket_connect: 'connect',
  websocket_message: 'message',
  websocket_disconnect: 'disconnect',
};

const ROUTE_ORDER: readonly WebsocketFunctionName[] = ['websocket_connect', 'websocket_disconnect', 'websocket_message'];

const ref = (logicalId: string): JsonObject => ({ Ref: logicalId });
const apiId = (): JsonObject => ref('WebsocketAPI');

/** Which functions an app needs: custom routes run in the `WebsocketMessage` function. */
function functionsOf(app: AppModel): WebsocketFunctionName[] {
  const kinds = new Set(app.routes.map((route) => route.kind));
  return (Object.keys(FUNCTION_ROUTE) as WebsocketFunctionName[]).filter(
    (name) => kinds.has(FUNCTION_ROUTE[name]) || (name === 'websocket_message' && kinds.has('custom')),
  );
}

function lambdaFunction(input: SamTemplateInput, appName: string, name: WebsocketFunctionName): CfnResource {
  const settings = input.settings.functions[name];
  const properties: JsonObject = {
    Runtime: input.settings.runtime,
    Handler: LAMBDA_HANDLER,
    CodeUri: `./${DEPLOYMENT_ZIP}`,
    Tags: { wsapp: `version=${input.wsappVersion}:stage=${input.settings.stage}:app=${appName}`, ...settings.tags },
    Tracing: 'PassThrough',
    Timeout: settings.timeout,
    MemorySize: settings.memorySize,
    Role: { 'Fn::GetAtt': ['DefaultRole', 'Arn'] },
    LoggingConfig: { LogGroup: ref(`${FUNCTION_LOGICAL_IDS[name]}LogGroup`) },
  };
  const variables: JsonObject = { ...settings.environmentVariables };
  if (input.settings.sourceMaps && variables.NODE_OPTIONS === undefined) variables.NODE_OPTIONS = SOURCE_MAPS_NODE_OPTIONS;
  if (Object.keys(variables).length > 0) properties.Environment = { Variables: variables };
  return { Type: 'AWS::Serverless::Function', Properties: properties };
}

function logGroup(input: SamTemplateInput, name: WebsocketFunctionName): CfnResource {
  const properties: JsonObject = {
    LogGroupName: { 'Fn::Sub': `/aws/lambda/\${AWS::StackName}-${FUNCTION_LOGICAL_IDS[name]}` },
  };
  const retention = input.settings.functions[name].logRetentionInDays;
  if (retention !== undefined) properties.RetentionInDays = retention;
  return { Type: 'AWS::Logs::LogGroup', Properties: properties };
}

function integration(functionId: string): CfnResource {
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

function invokePermission(functionId: string): CfnResource {
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

function route(routeKey: string, functionId: string, twoWay: boolean): CfnResource {
  const properties: JsonObject = {
    ApiId: apiId(),
    RouteKey: routeKey,
    Target: { 'Fn::Join': ['/', ['integrations', ref(`${functionId}APIIntegration`)]] },
  };
  if (twoWay) properties.RouteResponseSelectionExpression = '$default';
  return { Type: 'AWS::ApiGatewayV2::Route', Properties: properties };
}

function routeResponse(routeId: string): CfnResource {
  return {
    Type: 'AWS::ApiGatewayV2::RouteResponse',
    Properties: { ApiId: apiId(), RouteId: ref(routeId), RouteResponseKey: '$default' },
  };
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
 * deployment depends on.
 */
function addRoutes(app: AppModel, resources: Record<string, CfnResource>): string[] {
  const routeIds: string[] = [];
  const addRoute = (logicalId: string, registered: RegisteredRoute, functionId: string): void => {
    if (resources[logicalId] !== undefined) {
      throw new Error(`Route ${JSON.stringify(registered.routeKey)} needs the logical ID ${logicalId}, which is already taken`);
    }
    resources[logicalId] = route(registered.routeKey, functionId, registered.twoWay);
    routeIds.push(logicalId);
  };
  for (const name of ROUTE_ORDER) {
    const registered = app.routes.find((candidate) => candidate.kind === FUNCTION_ROUTE[name]);
    if (registered) addRoute(`${FUNCTION_LOGICAL_IDS[name]}Route`, registered, FUNCTION_LOGICAL_IDS[name]);
  }
  const customRoutes = app.routes
    .filter((candidate) => candidate.kind === 'custom')
    .sort((a, b) => (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0));
  for (const registered of customRoutes) {
    addRoute(customRouteLogicalId(registered.routeKey), registered, FUNCTION_LOGICAL_IDS.websocket_message);
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
 * Builds the SAM template for an app: Chalice's logical IDs, types and Outputs for the
 * handlers the app registers, plus a route (and, when two-way, a route response) per custom
 * route, a least-privilege `DefaultRole` and one log group per function. A pure function:
 * the same input always gives the same template.
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
  const functions = functionsOf(app);
  if (functions.length === 0) {
    throw new Error(
      `App ${appName} registers no websocket handlers; register one with onWsConnect, onWsMessage, ` +
        'onWsDisconnect or onWsRoute before packaging',
    );
  }
  let policy = input.iamPolicy;
  if (!settings.autogenPolicy && policy === undefined) {
    throw new Error(`autogen_policy is false, so .wsapp/${settings.iamPolicyFile} must provide the IAM policy`);
  }
  policy ??= leastPrivilegePolicy(functions.map((name) => `${FUNCTION_LOGICAL_IDS[name]}LogGroup`));

  const resources: Record<string, CfnResource> = { DefaultRole: defaultRole(policy) };
  const outputs: JsonObject = { WebsocketAPIId: { Value: apiId() } };
  for (const name of functions) {
    const id = FUNCTION_LOGICAL_IDS[name];
    resources[`${id}LogGroup`] = logGroup(input, name);
    resources[id] = lambdaFunction(input, appName, name);
    outputs[`${id}HandlerArn`] = { Value: { 'Fn::GetAtt': [id, 'Arn'] } };
    outputs[`${id}HandlerName`] = { Value: ref(id) };
  }
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
  for (const name of functions) {
    const id = FUNCTION_LOGICAL_IDS[name];
    resources[`${id}APIIntegration`] = integration(id);
    resources[`${id}InvokePermission`] = invokePermission(id);
  }

  const dependencies = addRoutes(app, resources);

  resources.WebsocketAPIDeployment = {
    Type: 'AWS::ApiGatewayV2::Deployment',
    DependsOn: dependencies.sort(),
    Properties: { ApiId: apiId() },
  };
  resources.WebsocketAPIStage = {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: { ApiId: apiId(), DeploymentId: ref('WebsocketAPIDeployment'), StageName: settings.apiGatewayStage },
  };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'AWS::Serverless-2016-10-31',
    Outputs: outputs,
    Resources: resources,
  };
}
