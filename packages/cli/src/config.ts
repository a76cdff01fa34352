import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_LOGICAL_IDS, parseJsonText } from '@wsapp/local';
import { DEFAULT_RUNTIME, LAMBDA_RUNTIMES, type LambdaRuntime } from './runtimes';
import type { WebsocketFunctionName } from './template/logical-ids';

export { LAMBDA_RUNTIMES, type LambdaRuntime } from './runtimes';

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

/** The retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * Settings for one function, as written in `lambda_functions.<name>` of `.wsapp/config.json`.
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
  autogen_policy?: boolean;
  iam_policy_file?: string;
  /** The S3 bucket `wsapp deploy` uploads the code (and a large template) to; default a managed bucket. */
  deployment_bucket?: string;
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

/**
 * The settings of one function after the config's layers are applied.
 *
 * @example
 * ```ts
 * const settings: FunctionSettings = { environmentVariables: {}, memorySize: 128, timeout: 60, tags: {} };
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
}

/**
 * Everything `wsapp package` takes from the config for one stage.
 *
 * @example
 * ```ts
 * const settings = resolveStageSettings({ stages: { dev: { lambda_timeout: 30 } } }, 'dev');
 * settings.functions.websocket_message.timeout; // 30
 * ```
 */
export interface StageSettings {
  stage: string;
  appName?: string;
  runtime: LambdaRuntime;
  /** From `source_maps`: give the functions `NODE_OPTIONS=--enable-source-maps` unless they set `NODE_OPTIONS`. */
  sourceMaps: boolean;
  apiGatewayStage: string;
  autogenPolicy: boolean;
  iamPolicyFile: string;
  /** From `deployment_bucket`: the bucket `wsapp deploy` uploads to instead of the managed one. */
  deploymentBucket?: string;
  functions: Record<WebsocketFunctionName, FunctionSettings>;
}

const FUNCTION_NAMES = Object.keys(FUNCTION_LOGICAL_IDS) as readonly WebsocketFunctionName[];
const FUNCTION_KEYS = ['environment_variables', 'lambda_memory_size', 'lambda_timeout', 'tags', 'log_retention_in_days', 'log_level'];
const STAGE_KEYS = [...FUNCTION_KEYS, 'runtime', 'source_maps', 'api_gateway_stage', 'autogen_policy', 'iam_policy_file', 'deployment_bucket', 'lambda_functions'];
const PROJECT_KEYS = [...STAGE_KEYS, 'version', 'app_name', 'stages'];

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class ConfigChecker {
  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new Error(`Invalid ${this.file}: ${path} ${problem}`);
  }

  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
    if (!isObject(value)) this.fail(path || 'the top level', `must be an object, got ${describe(value)}`);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(path ? `${path}.${key}` : key, `is not a known setting; use one of: ${allowed.join(', ')}`);
      }
    }
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number): void {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
    }
  }

  strings(value: unknown, path: string): void {
    if (value === undefined) return;
    if (!isObject(value)) this.fail(path, `must be an object of strings, got ${describe(value)}`);
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') this.fail(`${path}.${key}`, `must be a string, got ${describe(item)}`);
    }
  }

  functionLevel(value: Record<string, unknown>, path: string): void {
    this.strings(value.environment_variables, `${path}environment_variables`);
    this.strings(value.tags, `${path}tags`);
    this.integer(value.lambda_memory_size, `${path}lambda_memory_size`, 128, 10240);
    this.integer(value.lambda_timeout, `${path}lambda_timeout`, 1, 900);
    const retention = value.log_retention_in_days;
    if (retention !== undefined && !LOG_RETENTION_DAYS.includes(retention as number)) {
      this.fail(`${path}log_retention_in_days`, `must be one of ${LOG_RETENTION_DAYS.join(', ')}, got ${describe(retention)}`);
    }
    this.logLevel(value.log_level, `${path}log_level`);
  }

  logLevel(value: unknown, path: string): void {
    if (value === undefined || LOG_LEVELS.includes(value as LogLevel)) return;
    const upper = typeof value === 'string' ? value.toUpperCase() : '';
    const hint = LOG_LEVELS.includes(upper as LogLevel) ? ` (levels are upper case: "${upper}")` : '';
    this.fail(path, `must be one of ${LOG_LEVELS.join(', ')}, got ${describe(value)}${hint}`);
  }

  stageLevel(value: Record<string, unknown>, path: string): void {
    this.functionLevel(value, path);
    if (value.runtime !== undefined && !LAMBDA_RUNTIMES.includes(value.runtime as LambdaRuntime)) {
      this.fail(`${path}runtime`, `must be one of ${LAMBDA_RUNTIMES.join(', ')}, got ${describe(value.runtime)}`);
    }
    if (value.api_gateway_stage !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(String(value.api_gateway_stage))) {
      this.fail(`${path}api_gateway_stage`, `must be 1 to 128 letters, digits, - or _, got ${describe(value.api_gateway_stage)}`);
    }
    for (const key of ['autogen_policy', 'source_maps']) {
      if (value[key] !== undefined && typeof value[key] !== 'boolean') {
        this.fail(`${path}${key}`, `must be true or false, got ${describe(value[key])}`);
      }
    }
    if (value.iam_policy_file !== undefined && (typeof value.iam_policy_file !== 'string' || value.iam_policy_file === '')) {
      this.fail(`${path}iam_policy_file`, `must be a file name in .wsapp/, got ${describe(value.iam_policy_file)}`);
    }
    const bucket = value.deployment_bucket;
    if (bucket !== undefined && (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))) {
      this.fail(`${path}deployment_bucket`, `must be an S3 bucket name (3 to 63 lowercase letters, digits, . and -), got ${describe(bucket)}`);
    }
    if (value.lambda_functions !== undefined) {
      const functions = this.object(value.lambda_functions, `${path}lambda_functions`, FUNCTION_NAMES);
      for (const [name, settings] of Object.entries(functions)) {
        const at = `${path}lambda_functions.${name}`;
        this.functionLevel(this.object(settings, at, FUNCTION_KEYS), `${at}.`);
      }
    }
  }
}

/**
 * Checks the parsed contents of `.wsapp/config.json`; an error names the file, the setting's
 * path and what is wrong with it.
 *
 * @example
 * ```ts
 * const config = parseProjectConfig({ app_name: 'chat', stages: { dev: {} } }, '.wsapp/config.json');
 * ```
 */
export function parseProjectConfig(value: unknown, file: string): ProjectConfig {
  const check = new ConfigChecker(file);
  const project = check.object(value, '', PROJECT_KEYS);
  check.stageLevel(project, '');
  if (project.version !== undefined && typeof project.version !== 'string') {
    check.fail('version', `must be a string such as "1.0", got ${describe(project.version)}`);
  }
  if (project.app_name !== undefined && (typeof project.app_name !== 'string' || project.app_name.trim() === '')) {
    check.fail('app_name', `must be a non-empty string, got ${describe(project.app_name)}`);
  }
  if (project.stages !== undefined) {
    const stages = project.stages;
    if (!isObject(stages)) check.fail('stages', `must be an object keyed by stage name, got ${describe(stages)}`);
    for (const [name, stage] of Object.entries(stages as Record<string, unknown>)) {
      check.stageLevel(check.object(stage, `stages.${name}`, STAGE_KEYS), `stages.${name}.`);
    }
  }
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

function firstDefined<T>(...values: Array<T | undefined>): T | undefined {
  return values.find((value) => value !== undefined);
}

/**
 * Applies the config's layers for one stage, most specific first: the function in the stage,
 * the stage, the function at the top level, the top level, then the defaults (Chalice's order).
 * `environment_variables` and `tags` merge across layers; other settings take the most specific.
 *
 * @example
 * ```ts
 * const settings = resolveStageSettings(readProjectConfig('.'), 'dev');
 * ```
 */
export function resolveStageSettings(config: ProjectConfig, stage: string): StageSettings {
  const stageConfig: StageConfig = config.stages?.[stage] ?? {};
  const functions = {} as Record<WebsocketFunctionName, FunctionSettings>;
  for (const name of FUNCTION_NAMES) {
    const layers: FunctionConfig[] = [
      stageConfig.lambda_functions?.[name] ?? {},
      stageConfig,
      config.lambda_functions?.[name] ?? {},
      config,
    ];
    const pick = <K extends keyof FunctionConfig>(key: K): FunctionConfig[K] =>
      firstDefined(...layers.map((layer) => layer[key]));
    const merged = (key: 'environment_variables' | 'tags'): Record<string, string> =>
      Object.assign({}, ...[...layers].reverse().map((layer) => layer[key] ?? {})) as Record<string, string>;
    const settings: FunctionSettings = {
      environmentVariables: merged('environment_variables'),
      memorySize: pick('lambda_memory_size') ?? 128,
      timeout: pick('lambda_timeout') ?? 60,
      tags: merged('tags'),
    };
    const retention = pick('log_retention_in_days');
    if (retention !== undefined) settings.logRetentionInDays = retention;
    const level = pick('log_level');
    if (level !== undefined) settings.logLevel = level;
    functions[name] = settings;
  }
  const settings: StageSettings = {
    stage,
    runtime: firstDefined(stageConfig.runtime, config.runtime) ?? DEFAULT_RUNTIME,
    sourceMaps: firstDefined(stageConfig.source_maps, config.source_maps) ?? true,
    apiGatewayStage: firstDefined(stageConfig.api_gateway_stage, config.api_gateway_stage) ?? 'api',
    autogenPolicy: firstDefined(stageConfig.autogen_policy, config.autogen_policy) ?? true,
    iamPolicyFile: firstDefined(stageConfig.iam_policy_file, config.iam_policy_file) ?? `policy-${stage}.json`,
    functions,
  };
  if (config.app_name !== undefined) settings.appName = config.app_name;
  const bucket = firstDefined(stageConfig.deployment_bucket, config.deployment_bucket);
  if (bucket !== undefined) settings.deploymentBucket = bucket;
  return settings;
}
