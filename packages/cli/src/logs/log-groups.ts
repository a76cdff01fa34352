import { ListStackResourcesCommand, type CloudFormationClient, type StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { FUNCTION_LOGICAL_IDS } from '@wsapp/local';
import { attempt } from '../aws/aws-errors';
import { CommandFailure } from '../cli-errors';
import { isMissingStack } from '../stack/stack-state';

/**
 * One function's log group in the stack: the function's logical ID and the group's name.
 *
 * @example
 * ```ts
 * const group: FunctionLogGroup = { functionId: 'WebsocketMessage', name: '/aws/lambda/chat-dev-WebsocketMessage' };
 * ```
 */
export interface FunctionLogGroup {
  functionId: string;
  name: string;
}

/** The short names `--function` takes, in the order its error lists them. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  connect: FUNCTION_LOGICAL_IDS.websocket_connect,
  message: FUNCTION_LOGICAL_IDS.websocket_message,
  disconnect: FUNCTION_LOGICAL_IDS.websocket_disconnect,
  authorizer: FUNCTION_LOGICAL_IDS.websocket_authorizer,
};

/**
 * The function logical ID `--function` names: `message`, `connect`, `disconnect` or
 * `authorizer`, a config name (`websocket_message`, `websocket_authorizer`) or the logical ID
 * itself (`WebsocketMessage`, `WebsocketAuthorizer`).
 *
 * @example
 * ```ts
 * functionIdOf('message'); // 'WebsocketMessage'
 * functionIdOf('authorizer'); // 'WebsocketAuthorizer'
 * ```
 */
export function functionIdOf(name: string): string | undefined {
  const ids = Object.values(FUNCTION_LOGICAL_IDS);
  if (Object.hasOwn(SHORT_NAMES, name)) return SHORT_NAMES[name];
  if (Object.hasOwn(FUNCTION_LOGICAL_IDS, name)) return FUNCTION_LOGICAL_IDS[name as keyof typeof FUNCTION_LOGICAL_IDS];
  return ids.find((id) => id === name);
}

/**
 * The error for a `--function` that names no function: it lists every name `--function` takes.
 *
 * @example
 * ```ts
 * unknownFunctionMessage('auth'); // 'Unknown --function "auth": use connect, message, disconnect or authorizer (...)'
 * ```
 */
export function unknownFunctionMessage(name: string): string {
  const short = Object.keys(SHORT_NAMES);
  return (
    `Unknown --function ${JSON.stringify(name)}: use ${short.slice(0, -1).join(', ')} or ${short.at(-1) ?? ''} ` +
    '(or websocket_message, WebsocketMessage, websocket_authorizer, WebsocketAuthorizer)'
  );
}

async function stackResources(cfn: CloudFormationClient, stackName: string, region: string): Promise<StackResourceSummary[]> {
  const resources: StackResourceSummary[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await attempt('cloudformation:ListStackResources', () =>
        cfn.send(new ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) })),
      );
      resources.push(...(page.StackResourceSummaries ?? []));
      token = page.NextToken;
    } while (token);
  } catch (error) {
    if (isMissingStack(error)) throw new CommandFailure(`There is no stack ${stackName} in ${region}: deploy it with wsapp deploy first`, 1);
    throw error;
  }
  return resources;
}

/**
 * The log groups of the stack's functions (our template names one per function, logical ID
 * `{Function}LogGroup`), all of them or the one `--function` names.
 *
 * @example
 * ```ts
 * const groups = await functionLogGroups(cfn, 'chat-dev', 'us-east-1', 'message');
 * ```
 */
export async function functionLogGroups(cfn: CloudFormationClient, stackName: string, region: string, only?: string): Promise<FunctionLogGroup[]> {
  const wanted = only === undefined ? undefined : functionIdOf(only);
  if (only !== undefined && wanted === undefined) {
    throw new CommandFailure(unknownFunctionMessage(only), 1);
  }
  const groups = (await stackResources(cfn, stackName, region))
    .filter((resource) => resource.ResourceType === 'AWS::Logs::LogGroup' && resource.PhysicalResourceId)
    .map((resource) => ({ functionId: (resource.LogicalResourceId ?? '').replace(/LogGroup$/, ''), name: resource.PhysicalResourceId ?? '' }))
    .filter((group) => Object.values(FUNCTION_LOGICAL_IDS).includes(group.functionId));
  const chosen = wanted === undefined ? groups : groups.filter((group) => group.functionId === wanted);
  if (chosen.length === 0) {
    const there = groups.map((group) => group.functionId).join(', ') || 'none';
    throw new CommandFailure(`Stack ${stackName} has no log group for ${wanted ?? 'its functions'} (the functions with one: ${there})`, 1);
  }
  return chosen;
}
