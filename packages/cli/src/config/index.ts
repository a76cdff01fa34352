// `.wsapp/config.json`: its keys (Chalice's, with Chalice's levels and effects), how they are
// checked, and how one stage's settings are resolved from them.
export { LAMBDA_RUNTIMES, type LambdaRuntime } from '../runtimes';
export { closestName, editDistance } from './closest';
export { WEBSOCKET_TLS_VERSION } from './custom-domain';
export type { PolicyReader } from './function-role';
export { CONFIG_KEYS, UNSUPPORTED_CHALICE_KEYS, keysAt, levelsInWords, type ConfigKey, type ConfigLevel } from './keys';
export { parseProjectConfig, readProjectConfig } from './parse';
export { policyReader } from './policy-file';
export { resolveStageSettings, type ResolveOptions } from './resolve';
export type { CustomDomainSettings, FunctionRole, FunctionSettings, StageSettings } from './settings';
export {
  LOG_LEVELS,
  type CustomDomainConfig,
  type FunctionConfig,
  type LogLevel,
  type ProjectConfig,
  type StageConfig,
} from './types';
export { WEBSOCKET_INTEGRATION_TIMEOUT } from './warnings';
