import type { ProjectConfig, StageSettings } from '../config';
import type { WebsocketFunctionName } from '../template/logical-ids';

/**
 * The handlers' environment under `wsapp local`, split the way one process can apply it.
 *
 * @example
 * ```ts
 * const environment: LocalEnvironment = {
 *   shared: { LOG_LEVEL: 'info' },
 *   perFunction: { websocket_connect: { LOG_LEVEL: 'debug' }, websocket_message: {}, websocket_disconnect: {}, websocket_authorizer: {} },
 * };
 * ```
 */
export interface LocalEnvironment {
  /**
   * Set in the process for every handler and for the app's module top level: the stage's
   * `environment_variables` (the top level's merged with the stage's), under the merge
   * template's resolved variables.
   */
  shared: Record<string, string>;
  /** Per function, its own values that differ from `shared`: they apply while its handlers run. */
  perFunction: Record<WebsocketFunctionName, Record<string, string>>;
}

/**
 * Splits a stage's environment for `wsapp local`: what every function shares, and what one
 * function sets for itself (`lambda_functions.NAME.environment_variables` at the top level or
 * in the stage). The merge template's variables win over both, as they do in the packaged
 * template, where they are merged over the generated `Environment.Variables`.
 *
 * @example
 * ```ts
 * const { shared, perFunction } = localEnvironment(config, resolveStageSettings(config, 'dev'), dynamoDb?.environment ?? {});
 * ```
 */
export function localEnvironment(
  config: ProjectConfig,
  settings: StageSettings,
  template: Readonly<Record<string, string>>,
): LocalEnvironment {
  const stage = { ...config.environment_variables, ...config.stages?.[settings.stage]?.environment_variables };
  const shared = { ...stage, ...template };
  const perFunction = {} as Record<WebsocketFunctionName, Record<string, string>>;
  for (const [name, functionSettings] of Object.entries(settings.functions) as Array<[WebsocketFunctionName, StageSettings['functions'][WebsocketFunctionName]]>) {
    perFunction[name] = Object.fromEntries(
      Object.entries(functionSettings.environmentVariables).filter(([key, value]) => !(key in template) && shared[key] !== value),
    );
  }
  applyLogLevels(settings, shared, perFunction);
  return { shared, perFunction };
}

/**
 * Lambda sets `AWS_LAMBDA_LOG_LEVEL` from a function's `LoggingConfig` (the `log_level`
 * setting), so `app.log` honours it locally too: shared when every function has the same
 * level, else per function. A variable the config sets itself wins.
 */
function applyLogLevels(settings: StageSettings, shared: Record<string, string>, perFunction: Record<string, Record<string, string>>): void {
  const levels = Object.entries(settings.functions).filter(([, fn]) => !('AWS_LAMBDA_LOG_LEVEL' in fn.environmentVariables));
  const distinct = new Set(levels.map(([, fn]) => fn.logLevel));
  if (distinct.size === 1 && levels.length === Object.keys(settings.functions).length) {
    const [level] = distinct;
    if (level !== undefined && !('AWS_LAMBDA_LOG_LEVEL' in shared)) shared.AWS_LAMBDA_LOG_LEVEL = level;
    return;
  }
  for (const [name, fn] of levels) {
    const own = perFunction[name];
    if (fn.logLevel !== undefined && own !== undefined) own.AWS_LAMBDA_LOG_LEVEL = fn.logLevel;
  }
}

/**
 * The warning `wsapp local` prints when some function has variables of its own: locally they
 * apply only inside that function's invocations, because every function shares one process
 * and loads the app's modules once. `undefined` when there are none.
 *
 * @example
 * ```ts
 * const warning = functionOnlyWarning(environment);
 * if (warning) output.error(`warning: ${warning}`);
 * ```
 */
export function functionOnlyWarning(environment: LocalEnvironment): string | undefined {
  const own = Object.entries(environment.perFunction)
    .filter(([, variables]) => Object.keys(variables).length > 0)
    .map(([name, variables]) => `${name}: ${Object.keys(variables).join(', ')}`);
  if (own.length === 0) return undefined;
  return (
    `environment variables set per function (${own.join('; ')}) apply locally while that function's handlers run; ` +
    "code at the top level of the app's modules, which every function shares in wsapp local, sees the stage's values instead"
  );
}
