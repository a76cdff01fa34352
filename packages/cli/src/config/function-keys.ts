import { ConfigChecker, describe } from './checker';
import { LOG_LEVELS, type LogLevel } from './types';

/** The retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Lambda's limits: 5 layers, 16 subnets and 5 security groups per function. */
const LAYER_ARN = { pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]+:\d+$/, what: 'layer version ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION)', max: 5 };
const SUBNET_ID = { pattern: /^subnet-[0-9a-z]+$/, what: 'subnet ID (subnet-...)', max: 16 };
const SECURITY_GROUP_ID = { pattern: /^sg-[0-9a-z]+$/, what: 'security group ID (sg-...)', max: 5 };
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

function checkLogLevel(check: ConfigChecker, value: unknown, path: string): void {
  if (value === undefined || LOG_LEVELS.includes(value as LogLevel)) return;
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  const hint = LOG_LEVELS.includes(upper as LogLevel) ? ` (levels are upper case: "${upper}")` : '';
  check.fail(path, `must be one of ${LOG_LEVELS.join(', ')}, got ${describe(value)}${hint}`);
}

/** The keys that shape the function itself: environment, tags, memory, timeout, logs. */
function checkBasics(check: ConfigChecker, value: Record<string, unknown>, prefix: string): void {
  check.strings(value.environment_variables, `${prefix}environment_variables`);
  check.strings(value.tags, `${prefix}tags`);
  check.integer(value.lambda_memory_size, `${prefix}lambda_memory_size`, 128, 10240);
  check.integer(value.lambda_timeout, `${prefix}lambda_timeout`, 1, 900);
  const retention = value.log_retention_in_days;
  if (retention !== undefined && !LOG_RETENTION_DAYS.includes(retention as number)) {
    check.fail(`${prefix}log_retention_in_days`, `must be one of ${LOG_RETENTION_DAYS.join(', ')}, got ${describe(retention)}`);
  }
  checkLogLevel(check, value.log_level, `${prefix}log_level`);
}

/** The keys that choose the function's role and what it may do. */
function checkIam(check: ConfigChecker, value: Record<string, unknown>, prefix: string): void {
  for (const key of ['autogen_policy', 'manage_iam_role', 'xray']) check.boolean(value[key], `${prefix}${key}`);
  const file = value.iam_policy_file;
  if (file !== undefined && (typeof file !== 'string' || file === '')) {
    check.fail(`${prefix}iam_policy_file`, `must be a file name in .wsapp/, got ${describe(file)}`);
  }
  check.matching(value.iam_role_arn, `${prefix}iam_role_arn`, ROLE_ARN, 'an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)');
}

/** The keys that place the function in a VPC, add layers, and reserve concurrency. */
function checkRuntimeEnvironment(check: ConfigChecker, value: Record<string, unknown>, prefix: string): void {
  check.list(value.layers, `${prefix}layers`, LAYER_ARN);
  check.list(value.subnet_ids, `${prefix}subnet_ids`, SUBNET_ID);
  check.list(value.security_group_ids, `${prefix}security_group_ids`, SECURITY_GROUP_ID);
  const reserved = value.reserved_concurrency;
  if (reserved !== undefined && (typeof reserved !== 'number' || !Number.isInteger(reserved) || reserved < 0)) {
    check.fail(`${prefix}reserved_concurrency`, `must be a whole number, 0 or more, got ${describe(reserved)}`);
  }
}

/**
 * Checks the values of the keys valid per function (and so in a stage and at the top level);
 * `prefix` is the path of the object they are in, with its trailing dot (`''` at the top).
 *
 * @example
 * ```ts
 * checkFunctionKeys(new ConfigChecker('config.json'), { lambda_timeout: 0 }, 'stages.dev.');
 * // throws "Invalid config.json: stages.dev.lambda_timeout must be an integer from 1 to 900, got 0"
 * ```
 */
export function checkFunctionKeys(check: ConfigChecker, value: Record<string, unknown>, prefix: string): void {
  checkBasics(check, value, prefix);
  checkIam(check, value, prefix);
  checkRuntimeEnvironment(check, value, prefix);
}
