import type { AwsClients } from '../aws/aws-clients';
import { CommandFailure } from '../cli-errors';
import type { CommandIo } from '../command-io';
import { LiveEventView } from './live-event-view';
import { PlainEventView } from './plain-event-view';
import { firstFailure, followStack, type StackEventReader, type StackEventRecord } from './stack-events';
import { isSuccess, type StackState } from './stack-state';

/**
 * The operation being followed, and what to say if the user stops watching it.
 *
 * @example
 * ```ts
 * const operation: FollowedOperation = { verb: 'deploying', stackName: 'chat-dev', logsCommand: 'wsapp logs --stage dev' };
 * ```
 */
export interface FollowedOperation {
  verb: 'deploying' | 'deleting';
  stackName: string;
  /** The stack's id (ARN), which still describes it once it is deleted; default `stackName`. */
  stackId?: string;
  /** The `wsapp logs` command for this stack, suggested when the user presses Ctrl-C. */
  logsCommand?: string;
}

function consoleUrl(region: string): string {
  return `https://${region}.console.aws.amazon.com/cloudformation/home?region=${region}#/stacks`;
}

function interrupted(operation: FollowedOperation, region: string): CommandFailure {
  const logs = operation.logsCommand ? `; ${operation.logsCommand} shows the functions' logs` : '';
  return new CommandFailure(
    `Interrupted: CloudFormation goes on ${operation.verb} stack ${operation.stackName} in AWS (Ctrl-C stops only this command). ` +
      `Watch it in the console (${consoleUrl(region)}) or with: aws cloudformation describe-stack-events --stack-name ${operation.stackName} --region ${region}${logs}`,
    130,
  );
}

function failed(operation: FollowedOperation, status: string, events: readonly StackEventRecord[]): CommandFailure {
  const first = firstFailure(events);
  const cause = first ? `; the first failure: ${first.logicalId} (${first.type}) ${first.status}: ${first.reason ?? 'no reason given'}` : '';
  const what = operation.verb === 'deploying' ? 'Deploy' : 'Delete';
  return new CommandFailure(`${what} failed: stack ${operation.stackName} is ${status}${cause}`, 1);
}

/**
 * Follows a stack operation that has started, in the live view on a terminal or as plain
 * lines otherwise, until CloudFormation settles it. A failure (a rollback, a `*_FAILED`
 * status) is an error naming the first resource that failed and why; Ctrl-C is an error
 * (status 130) saying that the operation goes on in AWS and how to watch it.
 *
 * @example
 * ```ts
 * const final = await followOperation(clients, reader, { verb: 'deploying', stackName: 'chat-dev' }, io);
 * ```
 */
export async function followOperation(
  clients: AwsClients,
  reader: StackEventReader,
  operation: FollowedOperation,
  io: CommandIo,
): Promise<StackState | undefined> {
  const view = io.terminal ? new LiveEventView(io.terminal, io.pacer.now) : new PlainEventView(io.out);
  let final: StackState | undefined;
  try {
    final = await followStack(clients.cloudFormation, operation.stackId ?? operation.stackName, reader, view, io.pacer, io.interrupted);
  } finally {
    view.stop();
  }
  if (io.interrupted.aborted) throw interrupted(operation, clients.region);
  if (final === undefined) {
    if (operation.verb === 'deleting') return undefined;
    throw new CommandFailure(`Stack ${operation.stackName} disappeared while it was being deployed (was it deleted?)`, 1);
  }
  if (!isSuccess(final.status)) throw failed(operation, final.status, view.seen);
  return final;
}
