import type { StageSettings } from '../config';
import { DEPLOYMENT_ZIP, LAMBDA_HANDLER, SOURCE_MAPS_NODE_OPTIONS, type JsonObject } from '../template';
import type { WebsocketFunctionName } from '../template/logical-ids';
import { literal, literals, reference } from './expressions';
import { TERRAFORM_NAMES } from './names';

/**
 * What {@link lambdaFunction} needs besides the stage's settings: the names that go into the
 * function's name and tags, and its role (from {@link roleResources}).
 *
 * @example
 * ```ts
 * const input: FunctionInput = { appName: 'chat', wsappVersion: '0.1.0', roleArn: '${aws_iam_role.default-role.arn}', dependsOn: ['aws_iam_role_policy.default-role'] };
 * ```
 */
export interface FunctionInput {
  appName: string;
  wsappVersion: string;
  roleArn: string;
  /** Addresses the function waits for: its role's policy, so a VPC function can create its network interfaces. */
  dependsOn: readonly string[];
}

/**
 * The `filename` of every function: `deployment.zip` beside `wsapp.tf.json`.
 *
 * @example
 * ```ts
 * resource.aws_lambda_function.websocket_message.filename; // DEPLOYMENT_ZIP_PATH
 * ```
 */
export const DEPLOYMENT_ZIP_PATH = `\${path.module}/${DEPLOYMENT_ZIP}`;

/**
 * The name Lambda gives a function: Chalice's `{app}-{stage}-{function}`.
 *
 * @example
 * ```ts
 * functionName('echo-server', 'dev', 'websocket_message'); // 'echo-server-dev-websocket_message'
 * ```
 */
export function functionName(appName: string, stage: string, name: WebsocketFunctionName): string {
  return `${appName}-${stage}-${name}`;
}

/** The `logging_config` block: the function's own log group; with `log_level`, JSON logs filtered at that level. */
function loggingConfig(settings: StageSettings, name: WebsocketFunctionName): JsonObject {
  const level = settings.functions[name].logLevel;
  const config: JsonObject = { log_format: level === undefined ? 'Text' : 'JSON', log_group: reference('aws_cloudwatch_log_group', name, 'name') };
  if (level !== undefined) config.application_log_level = level;
  return config;
}

/** The `environment` variables: the config's, plus NODE_OPTIONS for source maps unless they set their own. */
function environmentVariables(settings: StageSettings, name: WebsocketFunctionName): Record<string, string> {
  const variables = literals(settings.functions[name].environmentVariables);
  if (settings.sourceMaps && variables.NODE_OPTIONS === undefined) variables.NODE_OPTIONS = SOURCE_MAPS_NODE_OPTIONS;
  return variables;
}

/**
 * One of the app's `aws_lambda_function`s: the shared bundle (`filename`, `source_code_hash`),
 * Node's runtime and `app.handler`, and the function's own memory, timeout, tags, environment,
 * logging, tracing, layers, VPC and reserved concurrency from the stage's settings.
 *
 * @example
 * ```ts
 * resource.aws_lambda_function = { websocket_message: lambdaFunction(settings, 'websocket_message', input) };
 * ```
 */
export function lambdaFunction(settings: StageSettings, name: WebsocketFunctionName, input: FunctionInput): JsonObject {
  const own = settings.functions[name];
  const body: JsonObject = {
    function_name: literal(functionName(input.appName, settings.stage, name)),
    runtime: settings.runtime,
    handler: LAMBDA_HANDLER,
    memory_size: own.memorySize,
    timeout: own.timeout,
    tags: { wsapp: literal(`version=${input.wsappVersion}:stage=${settings.stage}:app=${input.appName}`), ...literals(own.tags) },
    source_code_hash: `\${filebase64sha256("${DEPLOYMENT_ZIP_PATH}")}`,
    filename: DEPLOYMENT_ZIP_PATH,
    role: input.roleArn,
    logging_config: loggingConfig(settings, name),
    tracing_config: { mode: own.xray ? 'Active' : 'PassThrough' },
  };
  const variables = environmentVariables(settings, name);
  if (Object.keys(variables).length > 0) body.environment = { variables };
  if (own.layers !== undefined && own.layers.length > 0) body.layers = own.layers.map(literal);
  if (own.vpcConfig !== undefined) {
    body.vpc_config = { subnet_ids: own.vpcConfig.subnetIds.map(literal), security_group_ids: own.vpcConfig.securityGroupIds.map(literal) };
  }
  if (own.reservedConcurrency !== undefined) body.reserved_concurrent_executions = own.reservedConcurrency;
  if (input.dependsOn.length > 0) body.depends_on = [...input.dependsOn];
  return body;
}

/**
 * A function's `aws_cloudwatch_log_group`, named as Lambda names it (`/aws/lambda/{function}`),
 * with the function's `log_retention_in_days`. The function refers to it (`logging_config`), so
 * Terraform creates it first and Lambda never creates one without a retention.
 *
 * @example
 * ```ts
 * resource.aws_cloudwatch_log_group = { websocket_message: functionLogGroup(settings, 'echo-server', 'websocket_message') };
 * ```
 */
export function functionLogGroup(settings: StageSettings, appName: string, name: WebsocketFunctionName): JsonObject {
  const body: JsonObject = { name: literal(`/aws/lambda/${functionName(appName, settings.stage, name)}`) };
  const retention = settings.functions[name].logRetentionInDays;
  if (retention !== undefined) body.retention_in_days = retention;
  return body;
}

/**
 * The `aws_lambda_permission` that lets this app's API, and no other, invoke a function;
 * `sourcePath` narrows it further (`/authorizers/...` for the authorizer).
 *
 * @example
 * ```ts
 * invokePermission('websocket_message', '/*');
 * ```
 */
export function invokePermission(name: WebsocketFunctionName, sourcePath: string): JsonObject {
  return {
    function_name: reference('aws_lambda_function', name, 'function_name'),
    action: 'lambda:InvokeFunction',
    principal: 'apigateway.amazonaws.com',
    source_arn: `${reference('aws_apigatewayv2_api', TERRAFORM_NAMES.api, 'execution_arn')}${sourcePath}`,
  };
}
