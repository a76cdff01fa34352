import type { CfnResource, JsonObject, JsonValue } from './types';

/**
 * The statement Chalice adds to a generated policy when a function runs in a VPC (its
 * `VPC_ATTACH_POLICY`): Lambda creates, describes, detaches and deletes the function's network
 * interfaces as the function's role.
 *
 * @example
 * ```ts
 * leastPrivilegePolicy(['WebsocketMessageLogGroup'], { vpc: true }).Statement; // [..., VPC_ENI_STATEMENT]
 * ```
 */
export const VPC_ENI_STATEMENT: JsonObject = Object.freeze({
  Effect: 'Allow',
  Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface', 'ec2:DeleteNetworkInterface'],
  Resource: '*',
});

/**
 * The statement Chalice adds to a generated policy with `xray: true` (its `XRAY_POLICY`): the
 * function's traces may be written to X-Ray.
 *
 * @example
 * ```ts
 * leastPrivilegePolicy(['WebsocketMessageLogGroup'], { xray: true }).Statement; // [..., XRAY_WRITE_STATEMENT]
 * ```
 */
export const XRAY_WRITE_STATEMENT: JsonObject = Object.freeze({
  Effect: 'Allow',
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Resource: '*',
});

/**
 * What a generated policy must also allow for its functions: network interfaces (some function
 * runs in a VPC) and X-Ray (some function has `xray`).
 *
 * @example
 * ```ts
 * const needs: PolicyNeeds = { vpc: true, xray: false };
 * ```
 */
export interface PolicyNeeds {
  vpc?: boolean;
  xray?: boolean;
}

/**
 * The least-privilege policy `wsapp package` generates (`autogen_policy`, the default):
 * write logs only to the log groups of the role's functions, and
 * `execute-api:ManageConnections` only on this template's `WebsocketAPI`; then, as Chalice
 * adds them, {@link VPC_ENI_STATEMENT} and {@link XRAY_WRITE_STATEMENT} when needed.
 *
 * @example
 * ```ts
 * const policy = leastPrivilegePolicy(['WebsocketMessageLogGroup'], { xray: true });
 * ```
 */
export function leastPrivilegePolicy(logGroupLogicalIds: readonly string[], needs: PolicyNeeds = {}): JsonObject {
  const statements: JsonObject[] = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: logGroupLogicalIds.map((id): JsonValue => ({ 'Fn::GetAtt': [id, 'Arn'] })),
    },
    {
      Effect: 'Allow',
      Action: ['execute-api:ManageConnections'],
      Resource: {
        'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebsocketAPI}/*',
      },
    },
  ];
  if (needs.vpc) statements.push({ ...VPC_ENI_STATEMENT });
  if (needs.xray) statements.push({ ...XRAY_WRITE_STATEMENT });
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * A role Lambda may assume, with one inline policy named `{logicalId}Policy`: Chalice's shape
 * for `DefaultRole` (policy `DefaultRolePolicy`) and for a function's own role
 * (`WebsocketMessageRole`, policy `WebsocketMessageRolePolicy`), so merge templates written for
 * Chalice replace them the same way.
 *
 * @example
 * ```ts
 * resources.WebsocketMessageRole = lambdaRole('WebsocketMessageRole', policyDocument);
 * ```
 */
export function lambdaRole(logicalId: string, policyDocument: JsonObject): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: '', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [{ PolicyName: `${logicalId}Policy`, PolicyDocument: policyDocument }],
    },
  };
}

/**
 * The `DefaultRole` the functions share unless the config gives them another.
 *
 * @example
 * ```ts
 * const role = defaultRole(leastPrivilegePolicy(['WebsocketMessageLogGroup']));
 * ```
 */
export function defaultRole(policyDocument: JsonObject): CfnResource {
  return lambdaRole('DefaultRole', policyDocument);
}
