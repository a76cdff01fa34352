import type { WebsocketFunctionName } from '../template/logical-ids';
import type { JsonObject } from '../template/types';
import { pick, type ConfigLayer } from './layers';
import type { FunctionRole } from './settings';
import type { FunctionWarnings } from './warnings';

/**
 * Reads a policy document named by `iam_policy_file` (a file name in `.wsapp/`); see
 * `policyReader` for the one `wsapp package` uses.
 *
 * @example
 * ```ts
 * const readPolicy: PolicyReader = (file) => JSON.parse(readFileSync(join(appDir, '.wsapp', file), 'utf8'));
 * ```
 */
export type PolicyReader = (file: string) => JsonObject;

/**
 * What {@link resolveFunctionRole} needs besides the function's layers.
 *
 * @example
 * ```ts
 * const context: RoleContext = { file: '.wsapp/config.json', stage: 'dev', policies: new Map(), warnings: new FunctionWarnings() };
 * ```
 */
export interface RoleContext {
  /** The config file, for error messages. */
  file: string;
  stage: string;
  readPolicy?: PolicyReader;
  /** The policy documents read so far, by file name: each file is read once. */
  policies: Map<string, JsonObject>;
  warnings: FunctionWarnings;
}

function readOnce(context: RoleContext, file: string): JsonObject | undefined {
  if (context.readPolicy === undefined) return undefined;
  let policy = context.policies.get(file);
  if (policy === undefined) {
    policy = context.readPolicy(file);
    context.policies.set(file, policy);
  }
  return policy;
}

function roleArn(layers: readonly ConfigLayer[], name: WebsocketFunctionName, context: RoleContext, from: string): FunctionRole {
  const arn = pick(layers, 'iam_role_arn');
  if (arn === undefined) {
    throw new Error(
      `Invalid ${context.file}: ${from} is false, so ${name} needs an iam_role_arn to run as, and none applies to it ` +
        `(set iam_role_arn next to manage_iam_role, or remove manage_iam_role to have wsapp generate the role)`,
    );
  }
  return { kind: 'arn', arn: arn.value };
}

/**
 * The role a function runs as, decided as Chalice's `_create_role_reference` does, each key
 * looked up per function (function in stage, stage, function at top, top):
 * `manage_iam_role: false` runs it as `iam_role_arn` (an error without one); else
 * `autogen_policy: false` gives it a role of its own, `{function}_role`, whose policy is its
 * `iam_policy_file` (default `policy-{stage}.json`), read with `readPolicy`; else it shares
 * `DefaultRole`. An `iam_role_arn` without `manage_iam_role: false` is ignored, with a warning.
 *
 * @example
 * ```ts
 * resolveFunctionRole(functionLayers(config, 'dev', 'websocket_message'), 'websocket_message', context);
 * // { kind: 'own', name: 'websocket_message_role', policy: { Version: '2012-10-17', Statement: [...] } }
 * ```
 */
export function resolveFunctionRole(layers: readonly ConfigLayer[], name: WebsocketFunctionName, context: RoleContext): FunctionRole {
  const manage = pick(layers, 'manage_iam_role');
  if (manage?.value === false) return roleArn(layers, name, context, manage.from);
  const arn = pick(layers, 'iam_role_arn');
  if (arn !== undefined) {
    context.warnings.add(`arn:${arn.from}`, name, (names) =>
      `${arn.from} is ignored for ${names}: an iam_role_arn takes effect only where manage_iam_role is false (as in Chalice), ` +
        'so wsapp generates the role; set "manage_iam_role": false beside it to use the role',
    );
  }
  if (pick(layers, 'autogen_policy')?.value !== false) return { kind: 'default' };
  const file = pick(layers, 'iam_policy_file')?.value ?? `policy-${context.stage}.json`;
  const role: FunctionRole = { kind: 'own', name: `${name}_role` };
  const policy = readOnce(context, file);
  if (policy !== undefined) role.policy = policy;
  return role;
}
