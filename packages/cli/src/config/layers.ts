import type { WebsocketFunctionName } from '../template/logical-ids';
import type { FunctionConfig, ProjectConfig, StageConfig } from './types';

/**
 * One level of the config that a setting may come from, with its path in the file (`''` for
 * the top level, else ending in a dot: `stages.dev.lambda_functions.websocket_message.`).
 *
 * @example
 * ```ts
 * const layer: ConfigLayer = { config: { lambda_timeout: 5 }, path: 'stages.dev.' };
 * ```
 */
export interface ConfigLayer<T extends FunctionConfig = FunctionConfig> {
  config: T;
  path: string;
}

/**
 * A setting's value and the key it was read from (`stages.dev.lambda_timeout`).
 *
 * @example
 * ```ts
 * const timeout: Picked<number> = { value: 5, from: 'stages.dev.lambda_timeout' };
 * ```
 */
export interface Picked<T> {
  value: T;
  from: string;
}

/**
 * The layers a function's settings come from, most specific first, in Chalice's lookup order
 * (`Config._chain_lookup` with `varies_per_function`): the function in the stage, the stage,
 * the function at the top level, the top level.
 *
 * @example
 * ```ts
 * functionLayers(config, 'dev', 'websocket_message').map((layer) => layer.path);
 * // ['stages.dev.lambda_functions.websocket_message.', 'stages.dev.', 'lambda_functions.websocket_message.', '']
 * ```
 */
export function functionLayers(config: ProjectConfig, stage: string, name: WebsocketFunctionName): ConfigLayer[] {
  const stageConfig: StageConfig = config.stages?.[stage] ?? {};
  return [
    { config: stageConfig.lambda_functions?.[name] ?? {}, path: `stages.${stage}.lambda_functions.${name}.` },
    { config: stageConfig, path: `stages.${stage}.` },
    { config: config.lambda_functions?.[name] ?? {}, path: `lambda_functions.${name}.` },
    { config, path: '' },
  ];
}

/**
 * The layers of a setting that varies per stage but not per function (Chalice's
 * `varies_per_chalice_stage`): the stage, then the top level.
 *
 * @example
 * ```ts
 * stageLayers(config, 'prod').map((layer) => layer.path); // ['stages.prod.', '']
 * ```
 */
export function stageLayers(config: ProjectConfig, stage: string): Array<ConfigLayer<StageConfig>> {
  return [
    { config: config.stages?.[stage] ?? {}, path: `stages.${stage}.` },
    { config, path: '' },
  ];
}

/**
 * The most specific value of a key across layers, and where it was read; `undefined` when no
 * layer sets it.
 *
 * @example
 * ```ts
 * pick(functionLayers(config, 'dev', 'websocket_message'), 'lambda_timeout'); // { value: 5, from: 'stages.dev.lambda_timeout' }
 * ```
 */
export function pick<T extends FunctionConfig, K extends keyof T>(
  layers: ReadonlyArray<ConfigLayer<T>>,
  key: K,
): Picked<NonNullable<T[K]>> | undefined {
  for (const layer of layers) {
    const value = layer.config[key];
    if (value !== undefined && value !== null) return { value: value as NonNullable<T[K]>, from: `${layer.path}${String(key)}` };
  }
  return undefined;
}

/**
 * An object-valued key (`environment_variables`, `tags`) merged across layers, the most specific
 * layer's entries winning.
 *
 * @example
 * ```ts
 * mergedAcross(functionLayers(config, 'dev', 'websocket_message'), 'tags'); // { team: 'chat', tier: 'web' }
 * ```
 */
export function mergedAcross(layers: readonly ConfigLayer[], key: 'environment_variables' | 'tags'): Record<string, string> {
  return Object.assign({}, ...[...layers].reverse().map((layer) => layer.config[key] ?? {})) as Record<string, string>;
}
