import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_LOGICAL_IDS, parseJsonText } from '@wsapp/local';
import { LAMBDA_RUNTIMES, type LambdaRuntime } from '../runtimes';
import { ConfigChecker, describe, isObject, type KeySpec } from './checker';
import { checkCustomDomain } from './custom-domain';
import { checkFunctionKeys } from './function-keys';
import { CONFIG_KEYS, UNSUPPORTED_CHALICE_KEYS, keysAt, levelsInWords, type ConfigLevel } from './keys';
import type { ProjectConfig } from './types';

const FUNCTION_NAMES = Object.keys(FUNCTION_LOGICAL_IDS);

/** The names `lambda_functions` takes, and Chalice's one that means nothing here. */
const FUNCTION_NAME_SPEC: KeySpec = {
  allowed: FUNCTION_NAMES,
  unsupported: {
    api_handler: `names the function of Chalice's REST API; a wsapp app's functions are ${FUNCTION_NAMES.join(', ')}`,
  },
};

function specAt(level: ConfigLevel): KeySpec {
  return {
    allowed: keysAt(level),
    unsupported: UNSUPPORTED_CHALICE_KEYS,
    misplaced: (key) => {
      const known = CONFIG_KEYS.find((candidate) => candidate.name === key);
      return known ? levelsInWords(known.levels) : undefined;
    },
  };
}

function checkStageOnlyKeys(check: ConfigChecker, value: Record<string, unknown>, prefix: string): void {
  if (value.runtime !== undefined && !LAMBDA_RUNTIMES.includes(value.runtime as LambdaRuntime)) {
    check.fail(`${prefix}runtime`, `must be one of ${LAMBDA_RUNTIMES.join(', ')}, got ${describe(value.runtime)}`);
  }
  check.matching(value.api_gateway_stage, `${prefix}api_gateway_stage`, /^[A-Za-z0-9_-]{1,128}$/, '1 to 128 letters, digits, - or _');
  check.boolean(value.source_maps, `${prefix}source_maps`);
  check.matching(
    value.deployment_bucket,
    `${prefix}deployment_bucket`,
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'an S3 bucket name (3 to 63 lowercase letters, digits, . and -)',
  );
  checkCustomDomain(check, value.websocket_api_custom_domain, `${prefix}websocket_api_custom_domain`);
}

/** Checks the keys of a stage, or of the top level (its keys beyond these are checked by the caller). */
function checkStageLevel(check: ConfigChecker, value: Record<string, unknown>, prefix: string): void {
  checkFunctionKeys(check, value, prefix);
  checkStageOnlyKeys(check, value, prefix);
  if (value.lambda_functions === undefined) return;
  const functions = check.object(value.lambda_functions, `${prefix}lambda_functions`, FUNCTION_NAME_SPEC);
  for (const [name, settings] of Object.entries(functions)) {
    const at = `${prefix}lambda_functions.${name}`;
    checkFunctionKeys(check, check.object(settings, at, specAt('function')), `${at}.`);
  }
}

function checkTopOnlyKeys(check: ConfigChecker, project: Record<string, unknown>): void {
  if (project.version !== undefined && typeof project.version !== 'string') {
    check.fail('version', `must be a string such as "1.0", got ${describe(project.version)}`);
  }
  if (project.app_name !== undefined && (typeof project.app_name !== 'string' || project.app_name.trim() === '')) {
    check.fail('app_name', `must be a non-empty string, got ${describe(project.app_name)}`);
  }
  if (project.stages === undefined) return;
  const stages = project.stages;
  if (!isObject(stages)) check.fail('stages', `must be an object keyed by stage name, got ${describe(stages)}`);
  for (const [name, stage] of Object.entries(stages)) {
    checkStageLevel(check, check.object(stage, `stages.${name}`, specAt('stage')), `stages.${name}.`);
  }
}

/**
 * Checks the parsed contents of `.wsapp/config.json`; an error names the file, the setting's
 * path and what is wrong with it: a key at a level where it is not valid says where it is, a
 * Chalice key that does not apply to a WebSocket app says why, and an unknown key names the
 * closest known one. Settings that depend on one another across levels (`subnet_ids` with
 * `security_group_ids`, `manage_iam_role` with `iam_role_arn`) are checked per stage and
 * function by `resolveStageSettings`.
 *
 * @example
 * ```ts
 * const config = parseProjectConfig({ app_name: 'chat', stages: { dev: {} } }, '.wsapp/config.json');
 * ```
 */
export function parseProjectConfig(value: unknown, file: string): ProjectConfig {
  const check = new ConfigChecker(file);
  const project = check.object(value, '', specAt('top'));
  checkStageLevel(check, project, '');
  checkTopOnlyKeys(check, project);
  return project as ProjectConfig;
}

/**
 * Reads `APP_DIR/.wsapp/config.json`; an app without one gets the defaults.
 *
 * @example
 * ```ts
 * const config = readProjectConfig('examples/chat');
 * ```
 */
export function readProjectConfig(appDir: string): ProjectConfig {
  const file = join(appDir, '.wsapp', 'config.json');
  if (!existsSync(file)) return {};
  return parseProjectConfig(parseJsonText(readFileSync(file, 'utf8'), file), file);
}
