import type { FunctionSettings, StageSettings } from '../config';
import { ref } from './api-resources';
import { roleProperty } from './function-roles';
import { FUNCTION_LOGICAL_IDS, logGroupLogicalId, type WebsocketFunctionName } from './logical-ids';
import type { CfnResource, JsonObject } from './types';

export { logGroupLogicalId } from './logical-ids';

/**
 * The file the functions' `CodeUri` points at, beside the template.
 *
 * @example
 * ```ts
 * template.Resources.WebsocketMessage.Properties.CodeUri; // `./${DEPLOYMENT_ZIP}`
 * ```
 */
export const DEPLOYMENT_ZIP = 'deployment.zip';

/**
 * The `Handler` of every function, the authorizer's included: the bundle `app.js` exports
 * `handler`, which also answers API Gateway's authorizer calls.
 *
 * @example
 * ```ts
 * template.Resources.WebsocketAuthorizer.Properties.Handler; // LAMBDA_HANDLER
 * ```
 */
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

/**
 * A function's `LoggingConfig`: always its own log group; with `log_level`, also Lambda's JSON
 * log format and that application log level (Lambda filters by level only in JSON format).
 *
 * @example
 * ```ts
 * loggingConfig('websocket_message', { ...settings, logLevel: 'WARN' });
 * // { LogGroup: { Ref: 'WebsocketMessageLogGroup' }, LogFormat: 'JSON', ApplicationLogLevel: 'WARN' }
 * ```
 */
export function loggingConfig(name: WebsocketFunctionName, settings: FunctionSettings): JsonObject {
  const config: JsonObject = { LogGroup: ref(logGroupLogicalId(name)) };
  if (settings.logLevel !== undefined) {
    config.LogFormat = 'JSON';
    config.ApplicationLogLevel = settings.logLevel;
  }
  return config;
}

/**
 * The properties of a function that come from Chalice's per-function keys, in Chalice's order:
 * `VpcConfig` (`subnet_ids`, `security_group_ids`), `ReservedConcurrentExecutions`
 * (`reserved_concurrency`) and `Layers` (`layers`), each only when set.
 *
 * @example
 * ```ts
 * chaliceFunctionProperties({ ...settings, reservedConcurrency: 5 }); // { ReservedConcurrentExecutions: 5 }
 * ```
 */
export function chaliceFunctionProperties(settings: FunctionSettings): JsonObject {
  const properties: JsonObject = {};
  if (settings.vpcConfig !== undefined) {
    properties.VpcConfig = {
      SecurityGroupIds: [...settings.vpcConfig.securityGroupIds],
      SubnetIds: [...settings.vpcConfig.subnetIds],
    };
  }
  if (settings.reservedConcurrency !== undefined) properties.ReservedConcurrentExecutions = settings.reservedConcurrency;
  if (settings.layers !== undefined && settings.layers.length > 0) properties.Layers = [...settings.layers];
  return properties;
}

/**
 * One of the app's `AWS::Serverless::Function`s: the shared bundle, with the function's own
 * memory, timeout, tags, tracing (`xray`), role, environment, logging, VPC, reserved
 * concurrency and layers from the stage's settings.
 *
 * @example
 * ```ts
 * resources.WebsocketAuthorizer = lambdaFunction(settings, '0.1.0', 'chat', 'websocket_authorizer');
 * ```
 */
export function lambdaFunction(stage: StageSettings, wsappVersion: string, appName: string, name: WebsocketFunctionName): CfnResource {
  const settings = stage.functions[name];
  const properties: JsonObject = {
    Runtime: stage.runtime,
    Handler: LAMBDA_HANDLER,
    CodeUri: `./${DEPLOYMENT_ZIP}`,
    Tags: { wsapp: `version=${wsappVersion}:stage=${stage.stage}:app=${appName}`, ...settings.tags },
    Tracing: settings.xray ? 'Active' : 'PassThrough',
    Timeout: settings.timeout,
    MemorySize: settings.memorySize,
    Role: roleProperty(settings.role),
    LoggingConfig: loggingConfig(name, settings),
  };
  const variables: JsonObject = { ...settings.environmentVariables };
  if (stage.sourceMaps && variables.NODE_OPTIONS === undefined) variables.NODE_OPTIONS = SOURCE_MAPS_NODE_OPTIONS;
  if (Object.keys(variables).length > 0) properties.Environment = { Variables: variables };
  Object.assign(properties, chaliceFunctionProperties(settings));
  return { Type: 'AWS::Serverless::Function', Properties: properties };
}

/**
 * A function's `AWS::Logs::LogGroup`, named as Lambda would name it in this stack, with the
 * function's `log_retention_in_days`.
 *
 * @example
 * ```ts
 * resources.WebsocketAuthorizerLogGroup = functionLogGroup(settings, 'websocket_authorizer');
 * ```
 */
export function functionLogGroup(stage: StageSettings, name: WebsocketFunctionName): CfnResource {
  const properties: JsonObject = {
    LogGroupName: { 'Fn::Sub': `/aws/lambda/\${AWS::StackName}-${FUNCTION_LOGICAL_IDS[name]}` },
  };
  const retention = stage.functions[name].logRetentionInDays;
  if (retention !== undefined) properties.RetentionInDays = retention;
  return { Type: 'AWS::Logs::LogGroup', Properties: properties };
}
