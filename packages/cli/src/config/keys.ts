/**
 * Where a key of `.wsapp/config.json` may be written: at the top level, in `stages.<name>`, or
 * in `lambda_functions.<function>` (at either of those two).
 *
 * @example
 * ```ts
 * const level: ConfigLevel = 'function';
 * ```
 */
export type ConfigLevel = 'top' | 'stage' | 'function';

/**
 * One key of `.wsapp/config.json`: its name, whether Chalice's `.chalice/config.json` has it
 * under the same name (with the same effect), and the levels it is valid at.
 *
 * @example
 * ```ts
 * const key: ConfigKey = { name: 'xray', chalice: true, levels: ['top', 'stage', 'function'] };
 * ```
 */
export interface ConfigKey {
  name: string;
  chalice: boolean;
  levels: readonly ConfigLevel[];
}

const ANY: readonly ConfigLevel[] = ['top', 'stage', 'function'];
const TOP_AND_STAGE: readonly ConfigLevel[] = ['top', 'stage'];
const TOP: readonly ConfigLevel[] = ['top'];

/**
 * Every key `.wsapp/config.json` accepts, with Chalice's levels for Chalice's keys (its
 * `config.py` looks a key up per function when it "varies per function", per stage when it
 * "varies per chalice stage"). Keys valid per function are valid in a stage and at the top too.
 *
 * @example
 * ```ts
 * CONFIG_KEYS.find((key) => key.name === 'websocket_api_custom_domain')?.levels; // ['top', 'stage']
 * ```
 */
export const CONFIG_KEYS: readonly ConfigKey[] = [
  { name: 'version', chalice: true, levels: TOP },
  { name: 'app_name', chalice: true, levels: TOP },
  { name: 'stages', chalice: true, levels: TOP },
  { name: 'lambda_functions', chalice: true, levels: TOP_AND_STAGE },
  { name: 'api_gateway_stage', chalice: true, levels: TOP_AND_STAGE },
  { name: 'websocket_api_custom_domain', chalice: true, levels: TOP_AND_STAGE },
  { name: 'runtime', chalice: false, levels: TOP_AND_STAGE },
  { name: 'source_maps', chalice: false, levels: TOP_AND_STAGE },
  { name: 'deployment_bucket', chalice: false, levels: TOP_AND_STAGE },
  { name: 'environment_variables', chalice: true, levels: ANY },
  { name: 'lambda_memory_size', chalice: true, levels: ANY },
  { name: 'lambda_timeout', chalice: true, levels: ANY },
  { name: 'tags', chalice: true, levels: ANY },
  { name: 'log_retention_in_days', chalice: true, levels: ANY },
  { name: 'log_level', chalice: false, levels: ANY },
  { name: 'layers', chalice: true, levels: ANY },
  { name: 'subnet_ids', chalice: true, levels: ANY },
  { name: 'security_group_ids', chalice: true, levels: ANY },
  { name: 'reserved_concurrency', chalice: true, levels: ANY },
  { name: 'xray', chalice: true, levels: ANY },
  { name: 'autogen_policy', chalice: true, levels: ANY },
  { name: 'iam_policy_file', chalice: true, levels: ANY },
  { name: 'manage_iam_role', chalice: true, levels: ANY },
  { name: 'iam_role_arn', chalice: true, levels: ANY },
];

/**
 * Chalice's keys that have no meaning for a WebSocket-only Node app, each with the reason, which
 * the error for the key gives.
 *
 * @example
 * ```ts
 * UNSUPPORTED_CHALICE_KEYS.automatic_layer; // 'builds a Lambda layer of ...'
 * ```
 */
export const UNSUPPORTED_CHALICE_KEYS: Readonly<Record<string, string>> = {
  automatic_layer:
    "builds a Lambda layer of the app's Python requirements; wsapp bundles the app and its dependencies into one " +
    'app.js, so there is nothing to put in a layer (list layers of your own in "layers")',
  api_gateway_endpoint_type:
    "chooses a REST API's endpoint type (EDGE, REGIONAL or PRIVATE); a WebSocket API is always REGIONAL",
  api_gateway_endpoint_vpce: 'names the VPC endpoints of a PRIVATE REST API; a WebSocket API cannot be private',
  api_gateway_policy_file:
    "is a REST API's resource policy; API Gateway takes none for a WebSocket API (check connections with app.authorizer)",
  api_gateway_custom_domain:
    'is the custom domain of a REST API, which a wsapp app does not have; use "websocket_api_custom_domain"',
  minimum_compression_size: "turns on a REST API's response compression; a WebSocket API has no such setting",
  profile: 'chooses the AWS profile of the chalice command; pass --profile NAME to wsapp deploy, or set AWS_PROFILE',
};

/**
 * The keys valid at a level.
 *
 * @example
 * ```ts
 * keysAt('function').includes('runtime'); // false
 * ```
 */
export function keysAt(level: ConfigLevel): string[] {
  return CONFIG_KEYS.filter((key) => key.levels.includes(level)).map((key) => key.name);
}

/**
 * Where a key may be written, in words: `"only at the top level"`, `"at the top level and in a
 * stage, not per function"`, or `"at the top level, in a stage and per function"`.
 *
 * @example
 * ```ts
 * levelsInWords(['top', 'stage']); // 'at the top level and in a stage, not per function'
 * ```
 */
export function levelsInWords(levels: readonly ConfigLevel[]): string {
  if (levels.length === 1) return 'only at the top level';
  if (!levels.includes('function')) return 'at the top level and in a stage, not per function';
  return 'at the top level, in a stage and per function';
}
