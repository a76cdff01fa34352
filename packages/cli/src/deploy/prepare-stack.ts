import { DeleteStackCommand, waitUntilStackDeleteComplete, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { attempt } from '../aws/aws-errors';
import { CommandFailure } from '../cli-errors';
import { waiterTiming, type Pacer } from '../aws/polling';
import { describeStack, isSettling, type StackState } from '../stack/stack-state';

/**
 * How a deploy must treat the stack as it finds it.
 *
 * @example
 * ```ts
 * const { changeSetType } = await prepareStack(cfn, 'chat-dev', pacer, log, signal);
 * ```
 */
export interface PreparedStack {
  changeSetType: 'CREATE' | 'UPDATE';
  state?: StackState;
}

const STUCK = /_FAILED$/;

/** What to do about a stack CloudFormation left in a `*_FAILED` status. */
function stuckAdvice(stackName: string, status: string): string {
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    return `CloudFormation cannot update it until the rollback is finished: aws cloudformation continue-update-rollback --stack-name ${stackName} (or in the console)`;
  }
  if (status === 'DELETE_FAILED') {
    return 'a delete of it failed: remove what blocked it (the events say which resource), then run wsapp delete again, or deploy under another --stack-name';
  }
  return 'CloudFormation cannot update it in this status: see its events in the console, fix the cause, and deploy again';
}

async function waitWhileSettling(cfn: CloudFormationClient, stackName: string, state: StackState, pacer: Pacer, log: (line: string) => void, signal: AbortSignal): Promise<StackState | undefined> {
  log(`Stack ${stackName} is ${state.status}: waiting for CloudFormation to finish that before deploying ...`);
  let current: StackState | undefined = state;
  while (current !== undefined && isSettling(current.status)) {
    if (signal.aborted) throw new CommandFailure(`Interrupted while waiting for ${stackName} (${current.status}): nothing was deployed`, 130);
    await pacer.sleep(pacer.intervalMs, signal);
    current = await describeStack(cfn, stackName);
  }
  log(`Stack ${stackName} is ${current?.status ?? 'gone'}`);
  return current;
}

async function deleteFailedCreate(cfn: CloudFormationClient, state: StackState, pacer: Pacer, log: (line: string) => void): Promise<void> {
  const stackName = state.name;
  log(`Stack ${stackName} is ${state.status}: its first create failed and CloudFormation cannot update it; deleting it first ...`);
  await attempt('cloudformation:DeleteStack', () => cfn.send(new DeleteStackCommand({ StackName: stackName })));
  await waitUntilStackDeleteComplete({ client: cfn, ...waiterTiming(pacer, 1800) }, { StackName: stackName });
  log(`Deleted ${stackName}`);
}

/**
 * Looks at the stack before a deploy: none (or one only reviewed) → a CREATE change set; an
 * operation in progress → wait for it; `ROLLBACK_COMPLETE` (a failed first create) → delete
 * it, saying so, then CREATE; a stack stuck in another `*_FAILED` status → an error saying
 * what to do; anything else → UPDATE.
 *
 * @example
 * ```ts
 * const prepared = await prepareStack(cfn, 'chat-dev', pacer, (line) => console.log(line), signal);
 * ```
 */
export async function prepareStack(cfn: CloudFormationClient, stackName: string, pacer: Pacer, log: (line: string) => void, signal: AbortSignal): Promise<PreparedStack> {
  let state = await describeStack(cfn, stackName);
  if (state !== undefined && isSettling(state.status)) state = await waitWhileSettling(cfn, stackName, state, pacer, log, signal);
  if (state === undefined || state.status === 'REVIEW_IN_PROGRESS') return { changeSetType: 'CREATE' };
  if (state.status === 'ROLLBACK_COMPLETE' || state.status === 'ROLLBACK_FAILED') {
    await deleteFailedCreate(cfn, { ...state, name: stackName }, pacer, log);
    return { changeSetType: 'CREATE' };
  }
  if (STUCK.test(state.status)) {
    throw new Error(`Stack ${stackName} is ${state.status}${state.statusReason ? ` (${state.statusReason})` : ''}; ${stuckAdvice(stackName, state.status)}`);
  }
  return { changeSetType: 'UPDATE', state };
}
