import type { SamTemplateInput } from '../template';
import { FUNCTION_LOGICAL_IDS, type WebsocketFunctionName } from '../template/logical-ids';
import { deployment, lambdaIntegration, route, routeResponse, stage, websocketApi } from './api-resources';
import { routeFunctionsOf } from '../template/app-routes';
import { plannedRoutes } from './app-routes';
import { authorizerResources } from './authorizer-resources';
import { customDomainOutputs, customDomainResources } from './domain-resources';
import { address, reference } from './expressions';
import { functionLogGroup, invokePermission, lambdaFunction } from './function-resources';
import { heartbeatResources } from './heartbeat-resources';
import { TERRAFORM_NAMES, integrationName, invokePermissionName, routeResponseName } from './names';
import { roleResources } from './role-resources';
import type { JsonObject, TerraformBlocks, TerraformJson } from './types';

/**
 * The AWS provider versions `wsapp.tf.json` asks for: 6.x, the major version whose schema the
 * tests check every resource, attribute and block name against.
 *
 * @example
 * ```ts
 * config.terraform.required_providers.aws.version; // AWS_PROVIDER_VERSION
 * ```
 */
export const AWS_PROVIDER_VERSION = '>= 6.0, < 7.0';

/**
 * What {@link buildTerraformTemplate} needs: the same input as the SAM template's.
 *
 * @example
 * ```ts
 * const input: TerraformTemplateInput = { app: appModelOf(app), settings, wsappVersion: '0.1.0' };
 * ```
 */
export type TerraformTemplateInput = SamTemplateInput;

/** Adds `blocks` to `into`; a type and name that is already there is an error, never a silent overwrite. */
function addBlocks(into: TerraformBlocks, blocks: TerraformBlocks): void {
  for (const [type, named] of Object.entries(blocks)) {
    const existing = (into[type] ??= {});
    for (const [name, body] of Object.entries(named)) {
      if (existing[name] !== undefined) throw new Error(`${address(type, name)} would be declared twice`);
      existing[name] = body;
    }
  }
}

function appNameOf(input: TerraformTemplateInput): string {
  const { appName } = input.settings;
  if (appName !== undefined && appName !== input.app.name) {
    throw new Error(`app_name in .wsapp/config.json ("${appName}") differs from the app's name ("${input.app.name}"); make them the same`);
  }
  return input.app.name;
}

/** The functions, their log groups and roles, and the two outputs of each (`{Function}HandlerArn`, `{Function}HandlerName`). */
function addFunctions(input: TerraformTemplateInput, appName: string, functions: readonly WebsocketFunctionName[], config: TerraformJson): void {
  const roles = roleResources({ appName, settings: input.settings, functions, ...(input.iamPolicy ? { iamPolicy: input.iamPolicy } : {}) });
  addBlocks(config.resource, roles.resources);
  for (const name of functions) {
    const policy = roles.policyAddress[name];
    const body = lambdaFunction(input.settings, name, {
      appName,
      wsappVersion: input.wsappVersion,
      roleArn: roles.roleArn[name] as string,
      dependsOn: policy ? [policy] : [],
    });
    addBlocks(config.resource, {
      aws_cloudwatch_log_group: { [name]: functionLogGroup(input.settings, appName, name) },
      aws_lambda_function: { [name]: body },
    });
    const id = FUNCTION_LOGICAL_IDS[name];
    config.output[`${id}HandlerArn`] = { value: reference('aws_lambda_function', name, 'arn') };
    config.output[`${id}HandlerName`] = { value: reference('aws_lambda_function', name, 'function_name') };
  }
}

/**
 * The routes (the `$connect` one with the authorizer, when the app has one), the route responses
 * of two-way routes, and the heartbeat's MOCK route (see {@link heartbeatResources}).
 */
function addRoutes(input: TerraformTemplateInput, config: TerraformJson): void {
  const authorizer = input.app.authorizer ? TERRAFORM_NAMES.authorizer : undefined;
  for (const planned of plannedRoutes(input.app)) {
    const routeAuthorizer = planned.kind === 'connect' ? authorizer : undefined;
    const routes: TerraformBlocks = {
      aws_apigatewayv2_route: { [planned.name]: route(planned.routeKey, integrationName(planned.target), planned.twoWay, routeAuthorizer) },
    };
    if (planned.twoWay) routes.aws_apigatewayv2_route_response = { [routeResponseName(planned.name)]: routeResponse(planned.name) };
    addBlocks(config.resource, routes);
  }
  addBlocks(config.resource, heartbeatResources(input.app));
}

/**
 * The deployment, waiting for every route, route response, integration response and authorizer,
 * and redeployed when they or the integrations change.
 */
function addDeployment(config: TerraformJson, apiStage: string): void {
  const addresses = (type: string): string[] => Object.keys(config.resource[type] ?? {}).map((name) => address(type, name));
  const dependencies = [
    'aws_apigatewayv2_route',
    'aws_apigatewayv2_route_response',
    'aws_apigatewayv2_integration_response',
    'aws_apigatewayv2_authorizer',
  ].flatMap(addresses);
  const redeployOn = [...dependencies, ...addresses('aws_apigatewayv2_integration')];
  addBlocks(config.resource, {
    aws_apigatewayv2_deployment: { [TERRAFORM_NAMES.deployment]: deployment(dependencies, redeployOn) },
    aws_apigatewayv2_stage: { [TERRAFORM_NAMES.stage]: stage(apiStage) },
  });
}

/** Refuses an app without handlers, as the SAM template does. */
function routeFunctionsChecked(input: TerraformTemplateInput, appName: string): WebsocketFunctionName[] {
  const routeFunctions = routeFunctionsOf(input.app);
  if (routeFunctions.length === 0) {
    throw new Error(
      `App ${appName} registers no websocket handlers; register one with onWsConnect, onWsMessage, onWsDisconnect or onWsRoute before packaging`,
    );
  }
  return input.app.authorizer ? [...routeFunctions, 'websocket_authorizer'] : routeFunctions;
}

/**
 * Builds the Terraform configuration (JSON syntax) of an app: the resources and outputs of
 * Chalice's `chalice.tf.json` for a WebSocket app, under Chalice's names, with wsapp's
 * improvements: Node's runtime and `app.handler`, source maps, a log group per function with
 * its retention, a least-privilege role, custom and two-way routes, the heartbeat's MOCK route,
 * the `$connect` authorizer, a deployment that follows route changes, and the config's layers,
 * VPC, reserved concurrency, X-Ray tracing, roles and custom domain. It needs no data sources: the provider's computed
 * `invoke_arn`, `execution_arn` and `invoke_url` carry the partition, region and account. A
 * pure function: the same input always gives the same configuration.
 *
 * @example
 * ```ts
 * const config = buildTerraformTemplate({ app: appModelOf(app), settings: resolveStageSettings(readProjectConfig('.'), 'dev'), wsappVersion: '0.1.0' });
 * ```
 */
export function buildTerraformTemplate(input: TerraformTemplateInput): TerraformJson {
  const { app, settings } = input;
  const appName = appNameOf(input);
  const functions = routeFunctionsChecked(input, appName);
  const config: TerraformJson = {
    terraform: { required_version: '>= 1.0', required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION } } },
    resource: {},
    output: { WebsocketAPIId: { value: reference('aws_apigatewayv2_api', TERRAFORM_NAMES.api, 'id') } },
  };
  addFunctions(input, appName, functions, config);
  addBlocks(config.resource, { aws_apigatewayv2_api: { [TERRAFORM_NAMES.api]: websocketApi(appName, settings.stage, app.routeSelectionExpression) } });
  for (const name of routeFunctionsOf(app)) {
    addBlocks(config.resource, {
      aws_apigatewayv2_integration: { [integrationName(name)]: lambdaIntegration(name) },
      aws_lambda_permission: { [invokePermissionName(name)]: invokePermission(name, '/*') },
    });
  }
  addBlocks(config.resource, authorizerResources(app, appName, settings.stage));
  addRoutes(input, config);
  addDeployment(config, settings.apiGatewayStage);
  config.output.WebsocketConnectEndpointURL = { value: `${reference('aws_apigatewayv2_stage', TERRAFORM_NAMES.stage, 'invoke_url')}/` };
  const domain = settings.customDomain;
  if (domain !== undefined) {
    addBlocks(config.resource, customDomainResources(domain));
    Object.assign(config.output, customDomainOutputs(domain));
  }
  return config;
}

/**
 * Serialises a Terraform configuration deterministically: JSON with two-space indents.
 *
 * @example
 * ```ts
 * writeFileSync(join(out, TERRAFORM_FILE), serializeTerraform(config));
 * ```
 */
export function serializeTerraform(config: TerraformJson | JsonObject): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
