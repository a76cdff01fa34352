import type { FunctionRole, StageSettings } from '../config';
import { defaultRole, lambdaRole, leastPrivilegePolicy } from './default-role';
import { logGroupLogicalId, toCfnResourceName, type WebsocketFunctionName } from './logical-ids';
import type { CfnResource, JsonObject, JsonValue } from './types';

/**
 * The logical ID of the role a function runs as: `DefaultRole`, its own role's
 * (`websocket_message_role` becomes `WebsocketMessageRole`, as Chalice names it), or
 * `undefined` for a role of the account (`iam_role_arn`), which the template does not create.
 *
 * @example
 * ```ts
 * roleLogicalId({ kind: 'own', name: 'websocket_message_role' }); // 'WebsocketMessageRole'
 * ```
 */
export function roleLogicalId(role: FunctionRole): string | undefined {
  if (role.kind === 'default') return 'DefaultRole';
  if (role.kind === 'own') return toCfnResourceName(role.name);
  return undefined;
}

/**
 * A function's `Role` property: the ARN of the template's role, or the `iam_role_arn` as is.
 *
 * @example
 * ```ts
 * roleProperty({ kind: 'default' }); // { 'Fn::GetAtt': ['DefaultRole', 'Arn'] }
 * ```
 */
export function roleProperty(role: FunctionRole): JsonValue {
  const logicalId = roleLogicalId(role);
  return logicalId === undefined ? (role as { arn: string }).arn : { 'Fn::GetAtt': [logicalId, 'Arn'] };
}

/** The generated policy of `DefaultRole`: for the functions that share it, with what they need. */
function defaultRolePolicy(settings: StageSettings, sharing: readonly WebsocketFunctionName[]): JsonObject {
  return leastPrivilegePolicy(sharing.map(logGroupLogicalId), {
    vpc: sharing.some((name) => settings.functions[name].vpcConfig !== undefined),
    xray: sharing.some((name) => settings.functions[name].xray),
  });
}

/** The policy of a function's own role: its `iam_policy_file`'s, else the one `wsapp package` read for the stage. */
function ownPolicy(settings: StageSettings, name: WebsocketFunctionName, fallback: JsonObject | undefined): JsonObject {
  const role = settings.functions[name].role;
  const policy = (role.kind === 'own' ? role.policy : undefined) ?? fallback;
  if (policy === undefined) {
    throw new Error(
      `autogen_policy is false for ${name}, so .wsapp/${settings.iamPolicyFile} (or its own iam_policy_file) must provide ` +
        'the IAM policy: pass readPolicy to resolveStageSettings',
    );
  }
  return policy;
}

/**
 * The roles the template creates for these functions, by logical ID: `DefaultRole` (first)
 * when some function shares it, with the least-privilege policy for just those functions,
 * plus network-interface and X-Ray statements when one of them needs them (as Chalice adds
 * them to a generated policy); and `{Function}Role` for each function with a role of its own,
 * whose policy is its `iam_policy_file` unchanged. Functions that run as an `iam_role_arn` add
 * no role; when every function does, there is no `DefaultRole`.
 *
 * @example
 * ```ts
 * const roles = functionRoles(settings, ['websocket_connect', 'websocket_message']);
 * Object.keys(roles); // ['DefaultRole'] with the default config
 * ```
 */
export function functionRoles(
  settings: StageSettings,
  functions: readonly WebsocketFunctionName[],
  legacyPolicy?: JsonObject,
): Record<string, CfnResource> {
  const roles: Record<string, CfnResource> = {};
  const sharing = functions.filter((name) => settings.functions[name].role.kind === 'default');
  if (sharing.length > 0) roles.DefaultRole = defaultRole(defaultRolePolicy(settings, sharing));
  for (const name of functions) {
    const role = settings.functions[name].role;
    if (role.kind !== 'own') continue;
    const logicalId = roleLogicalId(role) as string;
    roles[logicalId] = lambdaRole(logicalId, ownPolicy(settings, name, legacyPolicy));
  }
  return roles;
}
