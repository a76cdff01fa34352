import type { WebsocketFunctionName } from '../template/logical-ids';
import { resolveFunctionRole, type RoleContext } from './function-role';
import { functionLayers, mergedAcross, pick, type ConfigLayer } from './layers';
import { policyAllows } from './policy-grants';
import type { FunctionSettings } from './settings';
import type { ProjectConfig } from './types';
import { resolveVpcConfig } from './vpc';
import { isRouteFunction } from '../template/app-routes';
import { WEBSOCKET_INTEGRATION_TIMEOUT, timeoutWarning } from './warnings';

/** Chalice's defaults: `lambda_memory_size` 128 MB, `lambda_timeout` 60 s. */
const DEFAULT_MEMORY_SIZE = 128;
const DEFAULT_TIMEOUT = 60;
/** API Gateway waits 10 s for a Lambda authorizer, so the authorizer's default is no longer. */
const DEFAULT_AUTHORIZER_TIMEOUT = 10;

/** The settings that are present only when the config sets them. */
function addOptional(settings: FunctionSettings, layers: readonly ConfigLayer[]): void {
  const retention = pick(layers, 'log_retention_in_days');
  if (retention !== undefined) settings.logRetentionInDays = retention.value;
  const level = pick(layers, 'log_level');
  if (level !== undefined) settings.logLevel = level.value;
  const lambdaLayers = pick(layers, 'layers')?.value ?? [];
  if (lambdaLayers.length > 0) settings.layers = [...lambdaLayers];
  const reserved = pick(layers, 'reserved_concurrency');
  if (reserved !== undefined) settings.reservedConcurrency = reserved.value;
}

/** Warnings about settings that work but probably not as meant. */
function warn(settings: FunctionSettings, layers: readonly ConfigLayer[], name: WebsocketFunctionName, context: RoleContext): void {
  const timeout = pick(layers, 'lambda_timeout');
  if (timeout !== undefined && timeout.value > WEBSOCKET_INTEGRATION_TIMEOUT && isRouteFunction(name)) {
    context.warnings.add(`timeout:${timeout.from}`, name, (names) => timeoutWarning(timeout.value, timeout.from, names));
  }
  const reserved = pick(layers, 'reserved_concurrency');
  if (reserved?.value === 0) {
    context.warnings.add(`reserved:${reserved.from}`, name, (names) => `${reserved.from} is 0: Lambda runs no invocation of ${names}`);
  }
  const role = settings.role;
  if (role.kind !== 'own' || role.policy === undefined) return;
  const needs: Array<[boolean, string, string]> = [
    [settings.vpcConfig !== undefined, 'ec2:CreateNetworkInterface', 'runs in a VPC'],
    [settings.xray, 'xray:PutTraceSegments', 'has xray on'],
  ];
  for (const [needed, action, why] of needs) {
    if (!needed || policyAllows(role.policy, action)) continue;
    context.warnings.add(`grant:${action}`, name, (names) =>
      `${names} ${why} but the policy of its iam_policy_file does not allow ${action}; wsapp (like Chalice) adds ` +
        'that permission only to a generated policy, so add it to the file',
    );
  }
}

/**
 * One function's settings in a stage: each key taken from the most specific layer that sets
 * it (see `functionLayers`), `environment_variables` and `tags` merged across all four, the
 * role from `resolveFunctionRole`, the VPC from `resolveVpcConfig`. Warnings go to
 * `context.warnings`.
 *
 * @example
 * ```ts
 * const message = resolveFunctionSettings(config, 'dev', 'websocket_message', context);
 * message.timeout; // 60 unless lambda_timeout says otherwise
 * ```
 */
export function resolveFunctionSettings(
  config: ProjectConfig,
  stage: string,
  name: WebsocketFunctionName,
  context: RoleContext,
): FunctionSettings {
  const layers = functionLayers(config, stage, name);
  const settings: FunctionSettings = {
    environmentVariables: mergedAcross(layers, 'environment_variables'),
    memorySize: pick(layers, 'lambda_memory_size')?.value ?? DEFAULT_MEMORY_SIZE,
    timeout: pick(layers, 'lambda_timeout')?.value ?? (name === 'websocket_authorizer' ? DEFAULT_AUTHORIZER_TIMEOUT : DEFAULT_TIMEOUT),
    tags: mergedAcross(layers, 'tags'),
    xray: pick(layers, 'xray')?.value ?? false,
    role: resolveFunctionRole(layers, name, context),
  };
  addOptional(settings, layers);
  const vpcConfig = resolveVpcConfig(layers, name, context.file);
  if (vpcConfig !== undefined) settings.vpcConfig = vpcConfig;
  warn(settings, layers, name, context);
  return settings;
}
