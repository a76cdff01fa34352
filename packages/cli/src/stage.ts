import { existsSync } from 'node:fs';
import type { ProjectConfig } from './config';

/**
 * The stage every command uses without `--stage`; it exists whether or not the config lists it.
 *
 * @example
 * ```ts
 * resolveStageSettings(config, DEFAULT_STAGE);
 * ```
 */
export const DEFAULT_STAGE = 'dev';

/**
 * The stages `--stage` accepts for a config: the default stage, then those under `stages`.
 *
 * @example
 * ```ts
 * knownStages({ stages: { prod: {} } }); // ['dev', 'prod']
 * ```
 */
export function knownStages(config: ProjectConfig): string[] {
  return [...new Set([DEFAULT_STAGE, ...Object.keys(config.stages ?? {})])];
}

/**
 * Checks `--stage` against the app's `.wsapp/config.json`: it must be a stage name, and one the
 * config defines (or the default `dev`). The error names the stages there are and how to add one.
 *
 * @example
 * ```ts
 * const stage = selectStage(readProjectConfig(appDir), options.stage, join(appDir, '.wsapp', 'config.json'));
 * ```
 */
export function selectStage(config: ProjectConfig, stage: string, configFile: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(stage)) {
    throw new Error(`Invalid --stage ${JSON.stringify(stage)}: use letters, digits, - and _ only`);
  }
  if (knownStages(config).includes(stage)) return stage;
  const listed = Object.keys(config.stages ?? {});
  const add = `to add it, put "${stage}": {} under "stages"`;
  const problem = !existsSync(configFile)
    ? `there is no ${configFile}, so only the default stage ${DEFAULT_STAGE} exists; ${add} in a new one`
    : listed.length === 0
      ? `${configFile} defines no stages, so only the default stage ${DEFAULT_STAGE} exists; ${add} there`
      : `${configFile} defines ${listed.join(', ')}${listed.includes(DEFAULT_STAGE) ? '' : ` (and the default ${DEFAULT_STAGE} always exists)`}; ${add} there`;
  throw new Error(`Unknown stage ${JSON.stringify(stage)} for --stage: ${problem}`);
}
