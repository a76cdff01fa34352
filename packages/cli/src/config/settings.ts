import type { LambdaRuntime } from '../runtimes';
import type { WebsocketFunctionName } from '../template/logical-ids';
import type { JsonObject } from '../template/types';
import type { LogLevel } from './types';

/**
 * The role a function runs as, after `manage_iam_role`, `iam_role_arn`, `autogen_policy` and
 * `iam_policy_file` are resolved for it, as Chalice decides it:
 *
 * - `default`: the shared `DefaultRole`, with the generated least-privilege policy
 *   (`autogen_policy`, the default).
 * - `own`: a role of the function's own (`autogen_policy: false`). `name` is Chalice's resource
 *   name for it, `{function}_role` (`websocket_message_role`; the SAM logical ID is
 *   `WebsocketMessageRole`); `policy` is the document of the function's `iam_policy_file`, read
 *   with the `readPolicy` given to `resolveStageSettings` (undefined when none was given).
 * - `arn`: no generated role (`manage_iam_role: false`); the function runs as `iam_role_arn`.
 *
 * @example
 * ```ts
 * const role: FunctionRole = { kind: 'arn', arn: 'arn:aws:iam::123456789012:role/chat-prod' };
 * ```
 */
export type FunctionRole =
  | { kind: 'default' }
  | { kind: 'own'; name: string; policy?: JsonObject }
  | { kind: 'arn'; arn: string };

/**
 * The settings of one function after the config's layers are applied.
 *
 * @example
 * ```ts
 * const settings: FunctionSettings = {
 *   environmentVariables: {}, memorySize: 128, timeout: 60, tags: {}, xray: false, role: { kind: 'default' },
 * };
 * ```
 */
export interface FunctionSettings {
  environmentVariables: Record<string, string>;
  memorySize: number;
  timeout: number;
  tags: Record<string, string>;
  logRetentionInDays?: number;
  /** From `log_level`: JSON logs filtered at this level; absent, the function keeps Lambda's text format. */
  logLevel?: LogLevel;
  /** From `layers`: the function's `Layers` (layer version ARNs), when not empty. */
  layers?: string[];
  /** From `subnet_ids` and `security_group_ids` (both or neither): the function's `VpcConfig`. */
  vpcConfig?: { subnetIds: string[]; securityGroupIds: string[] };
  /** From `reserved_concurrency`: the function's `ReservedConcurrentExecutions`. */
  reservedConcurrency?: number;
  /** From `xray`: `Tracing: Active` (else `PassThrough`). */
  xray: boolean;
  /** From `manage_iam_role`, `iam_role_arn`, `autogen_policy` and `iam_policy_file`. */
  role: FunctionRole;
}

/**
 * From `websocket_api_custom_domain`: the WebSocket API's custom domain name.
 *
 * @example
 * ```ts
 * const domain: CustomDomainSettings = {
 *   domainName: 'ws.example.com',
 *   certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
 *   tlsVersion: 'TLS_1_2',
 *   tags: {},
 * };
 * ```
 */
export interface CustomDomainSettings {
  domainName: string;
  certificateArn: string;
  /** The domain's security policy: `TLS_1_2`. */
  tlsVersion: string;
  /** The API mapping key (the path under the domain); absent for the domain's root. */
  urlPrefix?: string;
  tags: Record<string, string>;
}

/**
 * Everything `wsapp package` takes from the config for one stage.
 *
 * @example
 * ```ts
 * const settings = resolveStageSettings({ stages: { dev: { lambda_timeout: 20 } } }, 'dev');
 * settings.functions.websocket_message.timeout; // 20
 * ```
 */
export interface StageSettings {
  stage: string;
  appName?: string;
  runtime: LambdaRuntime;
  /** From `source_maps`: give the functions `NODE_OPTIONS=--enable-source-maps` unless they set `NODE_OPTIONS`. */
  sourceMaps: boolean;
  apiGatewayStage: string;
  /** The stage's `autogen_policy` (a function may override it; see {@link FunctionSettings.role}). */
  autogenPolicy: boolean;
  /** The stage's `iam_policy_file` (a function may override it; see {@link FunctionSettings.role}). */
  iamPolicyFile: string;
  /** From `deployment_bucket`: the bucket `wsapp deploy` uploads to instead of the managed one. */
  deploymentBucket?: string;
  /** From `websocket_api_custom_domain`. */
  customDomain?: CustomDomainSettings;
  functions: Record<WebsocketFunctionName, FunctionSettings>;
  /** What the config asks for that works, but probably not as meant (for `wsapp package` to print). */
  warnings: string[];
}
