import { FUNCTION_LOGICAL_IDS } from '@wsapp/local';
import { DEFAULT_RUNTIME } from '../runtimes';
import type { WebsocketFunctionName } from '../template/logical-ids';
import { resolveCustomDomain } from './custom-domain';
import type { PolicyReader, RoleContext } from './function-role';
import { resolveFunctionSettings } from './function-settings';
import { pick, stageLayers } from './layers';
import type { FunctionSettings, StageSettings } from './settings';
import type { ProjectConfig } from './types';
import { FunctionWarnings } from './warnings';

const FUNCTION_NAMES = Object.keys(FUNCTION_LOGICAL_IDS) as readonly WebsocketFunctionName[];

/**
 * How {@link resolveStageSettings} reads what the config refers to.
 *
 * @example
 * ```ts
 * const options: ResolveOptions = { readPolicy: policyReader(appDir), file: '.wsapp/config.json' };
 * ```
 */
export interface ResolveOptions {
  /**
   * Reads the `iam_policy_file` of a function with `autogen_policy: false` (a name in
   * `.wsapp/`); without it such a function's `role.policy` is left undefined.
   */
  readPolicy?: PolicyReader;
  /** The config file, for error messages; default `.wsapp/config.json`. */
  file?: string;
}

/**
 * Applies the config's layers for one stage, Chalice's way: a setting that varies per
 * function comes from the most specific of the function in the stage, the stage, the function
 * at the top level and the top level, then the default; one that varies per stage only
 * (`runtime`, `api_gateway_stage`, `websocket_api_custom_domain`, ...) from the stage, then the
 * top level. `environment_variables` and `tags` merge across the layers. Settings that only
 * make sense together are checked here, per function: `subnet_ids` with `security_group_ids`,
 * `manage_iam_role: false` with `iam_role_arn` (errors naming the file and key). What works
 * but probably not as meant is in `warnings` (a route `lambda_timeout` over 29 s, an ignored
 * `iam_role_arn`, ...).
 *
 * @example
 * ```ts
 * const settings = resolveStageSettings(readProjectConfig(appDir), 'dev', { readPolicy: policyReader(appDir) });
 * for (const warning of settings.warnings) console.warn(warning);
 * ```
 */
export function resolveStageSettings(config: ProjectConfig, stage: string, options: ResolveOptions = {}): StageSettings {
  const warnings = new FunctionWarnings();
  const context: RoleContext = { file: options.file ?? '.wsapp/config.json', stage, policies: new Map(), warnings };
  if (options.readPolicy !== undefined) context.readPolicy = options.readPolicy;
  const functions = {} as Record<WebsocketFunctionName, FunctionSettings>;
  for (const name of FUNCTION_NAMES) functions[name] = resolveFunctionSettings(config, stage, name, context);
  const layers = stageLayers(config, stage);
  const settings: StageSettings = {
    stage,
    runtime: pick(layers, 'runtime')?.value ?? DEFAULT_RUNTIME,
    sourceMaps: pick(layers, 'source_maps')?.value ?? true,
    apiGatewayStage: pick(layers, 'api_gateway_stage')?.value ?? 'api',
    autogenPolicy: pick(layers, 'autogen_policy')?.value ?? true,
    iamPolicyFile: pick(layers, 'iam_policy_file')?.value ?? `policy-${stage}.json`,
    functions,
    warnings: warnings.messages(),
  };
  if (config.app_name !== undefined) settings.appName = config.app_name;
  const bucket = pick(layers, 'deployment_bucket');
  if (bucket !== undefined) settings.deploymentBucket = bucket.value;
  const domain = pick(layers, 'websocket_api_custom_domain');
  if (domain !== undefined) settings.customDomain = resolveCustomDomain(domain.value);
  return settings;
}
