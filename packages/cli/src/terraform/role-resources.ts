import type { StageSettings } from '../config';
import { VPC_ENI_STATEMENT, XRAY_WRITE_STATEMENT, type JsonObject, type JsonValue } from '../template';
import type { WebsocketFunctionName } from '../template/logical-ids';
import { address, literal, reference } from './expressions';
import { TERRAFORM_NAMES } from './names';
import type { TerraformBlocks } from './types';

/**
 * What {@link roleResources} gives: the IAM resources, and for each function the ARN of its role
 * and the address of the policy it must wait for (none for a role given by ARN).
 *
 * @example
 * ```ts
 * const { resources, roleArn, policyAddress } = roleResources(input);
 * ```
 */
export interface RoleResources {
  resources: TerraformBlocks;
  roleArn: Partial<Record<WebsocketFunctionName, string>>;
  policyAddress: Partial<Record<WebsocketFunctionName, string>>;
}

/**
 * What {@link roleResources} needs: the app's name, the stage's settings, its functions and,
 * for functions with a role of their own whose policy was not read, the stage's `iam_policy_file`.
 *
 * @example
 * ```ts
 * const input: RoleInput = { appName: 'chat', settings, functions: ['websocket_message'] };
 * ```
 */
export interface RoleInput {
  appName: string;
  settings: StageSettings;
  functions: readonly WebsocketFunctionName[];
  iamPolicy?: JsonObject;
}

const ASSUME_ROLE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: '', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * The least-privilege policy of `default-role` (`autogen_policy`, the default): write logs only
 * to its functions' log groups, `execute-api:ManageConnections` only on this API, and, as
 * Chalice adds them, the network-interface and X-Ray statements when one of its functions runs
 * in a VPC or is traced. The SAM template's `DefaultRole` gets the same statements.
 *
 * @example
 * ```ts
 * leastPrivilegePolicy(settings, ['websocket_message']).Statement; // [logs, execute-api]
 * ```
 */
export function leastPrivilegePolicy(settings: StageSettings, functions: readonly WebsocketFunctionName[]): JsonObject {
  const logGroups: JsonValue[] = functions.map((name) => `${reference('aws_cloudwatch_log_group', name, 'arn')}:*`);
  const statements: JsonObject[] = [
    { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logGroups },
    {
      Effect: 'Allow',
      Action: ['execute-api:ManageConnections'],
      Resource: `${reference('aws_apigatewayv2_api', TERRAFORM_NAMES.api, 'execution_arn')}/*`,
    },
  ];
  if (functions.some((name) => settings.functions[name].vpcConfig !== undefined)) statements.push({ ...VPC_ENI_STATEMENT });
  if (functions.some((name) => settings.functions[name].xray)) statements.push({ ...XRAY_WRITE_STATEMENT });
  return { Version: '2012-10-17', Statement: statements };
}

/** An `aws_iam_role` and its inline `aws_iam_role_policy` (`{name}Policy`, Chalice's), both under `name`. */
function addRole(resources: TerraformBlocks, name: string, roleName: string, policy: string): void {
  (resources.aws_iam_role ??= {})[name] = { name: literal(roleName), assume_role_policy: ASSUME_ROLE_POLICY };
  (resources.aws_iam_role_policy ??= {})[name] = { name: `${name}Policy`, policy, role: reference('aws_iam_role', name, 'id') };
}

/** The policy of a function's own role: its `iam_policy_file`'s, taken literally (`${aws:username}` stays IAM's). */
function ownPolicy(input: RoleInput, name: WebsocketFunctionName, policy: JsonObject | undefined): string {
  const document = policy ?? input.iamPolicy;
  if (document === undefined) {
    throw new Error(
      `autogen_policy is false for ${name}, so .wsapp/${input.settings.iamPolicyFile} (or its own iam_policy_file) must provide ` +
        'the IAM policy: pass readPolicy to resolveStageSettings',
    );
  }
  return literal(JSON.stringify(document));
}

/**
 * The IAM roles of an app's functions, as Chalice's Terraform has them. Functions on the
 * default role share `default-role` (named `{app}-{stage}`) with the least-privilege policy
 * for just them; a function with a role of its own (`autogen_policy: false`) gets
 * `{function}_role` (named `{app}-{stage}-{function}`) with its `iam_policy_file`'s policy; a
 * function with `manage_iam_role: false` runs as its `iam_role_arn`, and no role is created for it.
 *
 * @example
 * ```ts
 * roleResources({ appName: 'echo-server', settings, functions: ['websocket_message'] }).roleArn.websocket_message;
 * // '${aws_iam_role.default-role.arn}'
 * ```
 */
export function roleResources(input: RoleInput): RoleResources {
  const { appName, settings } = input;
  const result: RoleResources = { resources: {}, roleArn: {}, policyAddress: {} };
  const sharing = input.functions.filter((name) => settings.functions[name].role.kind === 'default');
  if (sharing.length > 0) {
    addRole(result.resources, TERRAFORM_NAMES.defaultRole, `${appName}-${settings.stage}`, JSON.stringify(leastPrivilegePolicy(settings, sharing)));
  }
  for (const name of input.functions) {
    const role = settings.functions[name].role;
    if (role.kind === 'arn') {
      result.roleArn[name] = literal(role.arn);
      continue;
    }
    const resourceName = role.kind === 'own' ? role.name : TERRAFORM_NAMES.defaultRole;
    if (role.kind === 'own') addRole(result.resources, role.name, `${appName}-${settings.stage}-${name}`, ownPolicy(input, name, role.policy));
    result.roleArn[name] = reference('aws_iam_role', resourceName, 'arn');
    result.policyAddress[name] = address('aws_iam_role_policy', resourceName);
  }
  return result;
}
