import { DescribeStacksCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { AwsActionError, attempt } from '../aws/aws-errors';
import { CommandFailure } from '../cli-errors';

/**
 * What the commands need of a stack: its id, status and outputs by key.
 *
 * @example
 * ```ts
 * const stack = await describeStack(cfn, 'echo-server-dev');
 * stack?.outputs.WebsocketConnectEndpointURL; // 'wss://...'
 * ```
 */
export interface StackState {
  name: string;
  id: string;
  status: string;
  statusReason?: string;
  outputs: Record<string, string>;
  /** The keys of the stack's parameters. */
  parameterKeys: string[];
}

function stateOf(stack: Stack): StackState {
  const outputs: Record<string, string> = {};
  for (const output of stack.Outputs ?? []) {
    if (output.OutputKey !== undefined && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
  }
  return {
    name: stack.StackName ?? '',
    id: stack.StackId ?? '',
    status: stack.StackStatus ?? 'UNKNOWN',
    ...(stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
    outputs,
    parameterKeys: (stack.Parameters ?? []).flatMap((parameter) => (parameter.ParameterKey ? [parameter.ParameterKey] : [])),
  };
}

/**
 * Whether an error is CloudFormation's answer for a stack that does not exist.
 *
 * @example
 * ```ts
 * if (isMissingStack(error)) return undefined;
 * ```
 */
export function isMissingStack(error: unknown): boolean {
  return error instanceof AwsActionError && error.code === 'ValidationError' && /does not exist/.test(error.awsMessage);
}

/**
 * Describes a stack by name or id; `undefined` when there is none (or it has been deleted).
 *
 * @example
 * ```ts
 * const stack = await describeStack(cfn, 'chat-dev');
 * ```
 */
export async function describeStack(cfn: CloudFormationClient, stackName: string): Promise<StackState | undefined> {
  try {
    const answer = await attempt('cloudformation:DescribeStacks', () => cfn.send(new DescribeStacksCommand({ StackName: stackName })));
    const stack = answer.Stacks?.[0];
    if (stack === undefined || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
    return stateOf(stack);
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

/**
 * Whether CloudFormation is still working on a stack. `REVIEW_IN_PROGRESS` (created by a change
 * set that was never executed) is settled: nothing happens to it until someone acts.
 *
 * @example
 * ```ts
 * isSettling('UPDATE_IN_PROGRESS'); // true
 * ```
 */
export function isSettling(status: string): boolean {
  return status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
}

/**
 * Whether a settled status is a success: the stack is as its last operation wanted.
 *
 * @example
 * ```ts
 * isSuccess('UPDATE_ROLLBACK_COMPLETE'); // false
 * ```
 */
export function isSuccess(status: string): boolean {
  return ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'DELETE_COMPLETE', 'IMPORT_COMPLETE'].includes(status);
}

/**
 * The name wsapp gives an app's stack for a stage, as Chalice names its resources.
 *
 * @example
 * ```ts
 * defaultStackName('echo-server', 'dev'); // 'echo-server-dev'
 * ```
 */
export function defaultStackName(appName: string, stage: string): string {
  return `${appName}-${stage}`;
}

/**
 * Describes a stack that must exist; a missing one is an error (status 1) that says what to
 * do, given as `hint`.
 *
 * @example
 * ```ts
 * const stack = await existingStack(cfn, 'chat-dev', 'us-east-1', 'deploy it with wsapp deploy --stage dev');
 * ```
 */
export async function existingStack(cfn: CloudFormationClient, stackName: string, region: string, hint: string): Promise<StackState> {
  const stack = await describeStack(cfn, stackName);
  if (stack === undefined) throw new CommandFailure(`There is no stack ${stackName} in ${region}: ${hint}`, 1);
  return stack;
}
