import type { LambdaRuntime } from '../runtimes';
import type { WebsocketFunctionName } from '../template/logical-ids';

/**
 * The levels `log_level` takes: Lambda's `ApplicationLogLevel` values, most detailed first.
 *
 * @example
 * ```ts
 * LOG_LEVELS.includes('DEBUG'); // true
 * ```
 */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

/**
 * One of {@link LOG_LEVELS}: the level below which Lambda drops a function's JSON log lines.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'WARN';
 * ```
 */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Settings for one function, as written in `lambda_functions.<name>` of `.wsapp/config.json`;
 * the same keys are valid in a stage and at the top level, where they apply to every function.
 * The names and meanings are Chalice's (see `docs/topics/packaging.md` for the table).
 *
 * @example
 * ```ts
 * const message: FunctionConfig = { lambda_memory_size: 512, environment_variables: { LOG_LEVEL: 'debug' } };
 * ```
 */
export interface FunctionConfig {
  environment_variables?: Record<string, string>;
  lambda_memory_size?: number;
  lambda_timeout?: number;
  tags?: Record<string, string>;
  log_retention_in_days?: number;
  /**
   * The function's application log level: the function then logs in Lambda's JSON format
   * (`LoggingConfig.LogFormat: JSON`) and Lambda drops lines below this level
   * (`ApplicationLogLevel`; the framework's `app.log` reads it from `AWS_LAMBDA_LOG_LEVEL`).
   */
  log_level?: LogLevel;
  /** `false`: the function gets a role of its own (`{Function}Role`) whose policy is `iam_policy_file`. */
  autogen_policy?: boolean;
  /** The policy document in `.wsapp/` that `autogen_policy: false` uses; default `policy-{stage}.json`. */
  iam_policy_file?: string;
  /** `false`: generate no role for the function; it runs as `iam_role_arn`. */
  manage_iam_role?: boolean;
  /** The role a function with `manage_iam_role: false` runs as. */
  iam_role_arn?: string;
  /** `true`: `Tracing: Active`, and the generated policy may write to X-Ray. */
  xray?: boolean;
  /** With `security_group_ids`: the function's `VpcConfig.SubnetIds`. */
  subnet_ids?: string[];
  /** With `subnet_ids`: the function's `VpcConfig.SecurityGroupIds`. */
  security_group_ids?: string[];
  /** The function's `ReservedConcurrentExecutions` (0 stops every invocation). */
  reserved_concurrency?: number;
  /** Lambda layer version ARNs: the function's `Layers`. */
  layers?: string[];
}

/**
 * `websocket_api_custom_domain`: a custom domain name for the WebSocket API, as Chalice writes it.
 *
 * @example
 * ```ts
 * const domain: CustomDomainConfig = { domain_name: 'ws.example.com', certificate_arn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' };
 * ```
 */
export interface CustomDomainConfig {
  domain_name: string;
  certificate_arn: string;
  /** `TLS_1_2`, the only version API Gateway offers WebSocket APIs (and the default). */
  tls_version?: string;
  /** The path under the domain (`ApiMappingKey`); absent or `/`: the domain's root. */
  url_prefix?: string;
  tags?: Record<string, string>;
}

/**
 * Settings that apply to every function, at the top level or per stage.
 *
 * @example
 * ```ts
 * const dev: StageConfig = { lambda_timeout: 30, lambda_functions: { websocket_connect: { lambda_timeout: 5 } } };
 * ```
 */
export interface StageConfig extends FunctionConfig {
  runtime?: LambdaRuntime;
  /**
   * Whether the functions get `NODE_OPTIONS=--enable-source-maps` (default `true`), so that
   * stack traces in CloudWatch name the app's TypeScript files and lines. A `NODE_OPTIONS` in
   * `environment_variables` (or the merge template) replaces it whatever this says.
   */
  source_maps?: boolean;
  api_gateway_stage?: string;
  /** The S3 bucket `wsapp deploy` uploads the code (and a large template) to; default a managed bucket. */
  deployment_bucket?: string;
  /** A custom domain name for the WebSocket API (`AWS::ApiGatewayV2::DomainName` and `ApiMapping`). */
  websocket_api_custom_domain?: CustomDomainConfig;
  lambda_functions?: Partial<Record<WebsocketFunctionName, FunctionConfig>>;
}

/**
 * The contents of `.wsapp/config.json` (the same keys as Chalice's `.chalice/config.json`).
 *
 * @example
 * ```ts
 * const config: ProjectConfig = { version: '1.0', app_name: 'echo-server', stages: { dev: {} } };
 * ```
 */
export interface ProjectConfig extends StageConfig {
  version?: string;
  app_name?: string;
  stages?: Record<string, StageConfig>;
}
