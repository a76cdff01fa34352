import type { CfnResource, JsonObject, JsonValue } from './types';

/**
 * The least-privilege policy `wsapp package` generates (`autogen_policy`, the default):
 * write logs only to the log groups of this template's functions, and
 * `execute-api:ManageConnections` only on this template's `WebsocketAPI`.
 *
 * @example
 * ```ts
 * const policy = leastPrivilegePolicy(['WebsocketMessageLogGroup']);
 * ```
 */
export function leastPrivilegePolicy(logGroupLogicalIds: readonly string[]): JsonObject {
  return {
    Version: '2012-10-17',
    Statement: [
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
    ],
  };
}

/**
 * The `DefaultRole` every function runs as: Lambda may assume it, and it carries one inline
 * policy named `DefaultRolePolicy` (Chalice's shape, so merge templates written for Chalice
 * replace it the same way).
 *
 * @example
 * ```ts
 * const role = defaultRole(leastPrivilegePolicy(['WebsocketMessageLogGroup']));
 * ```
 */
export function defaultRole(policyDocument: JsonObject): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: '', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [{ PolicyName: 'DefaultRolePolicy', PolicyDocument: policyDocument }],
    },
  };
}
