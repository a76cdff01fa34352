import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { withAwsClients, type AwsAccess } from '../aws/aws-clients';
import { attempt } from '../aws/aws-errors';
import { CommandFailure } from '../cli-errors';
import type { CommandIo } from '../command-io';
import { followOperation } from './follow-operation';
import { StackEventReader } from './stack-events';
import { stackNameOf, type StackTarget } from './stack-name';
import { existingStack, isSettling } from './stack-state';

/**
 * The options of `wsapp delete`.
 *
 * @example
 * ```ts
 * const options: DeleteOptions = { app: '.', stage: 'dev' };
 * ```
 */
export type DeleteOptions = StackTarget & AwsAccess;

/**
 * Runs `wsapp delete`: deletes the app's stack and follows its events until it is gone. A
 * stack that does not exist is a clear error (status 1); the artifact bucket and what is in
 * it stay (deploys share it), and so do resources the template marks `Retain`.
 *
 * @example
 * ```ts
 * await runDelete({ app: '.', stage: 'dev' }, processIo());
 * ```
 */
export async function runDelete(options: DeleteOptions, io: CommandIo): Promise<void> {
  const stackName = await stackNameOf(options);
  await withAwsClients(options, io, async (clients) => {
    const hint = 'nothing to delete (check --stage, --stack-name and --region)';
    const stack = await existingStack(clients.cloudFormation, stackName, clients.region, hint);
    if (isSettling(stack.status) && stack.status !== 'DELETE_IN_PROGRESS') {
      throw new CommandFailure(`Stack ${stackName} is ${stack.status}; wait for that to finish, then run wsapp delete again`, 1);
    }
    io.out(`Deleting stack ${stackName} (${stack.status}) in ${clients.region}`);
    const reader = new StackEventReader(clients.cloudFormation, stack.id);
    await reader.baseline();
    if (io.interrupted.aborted) throw new CommandFailure(`Interrupted before the delete started: stack ${stackName} is untouched`, 130);
    await attempt('cloudformation:DeleteStack', () => clients.cloudFormation.send(new DeleteStackCommand({ StackName: stack.id })));
    await followOperation(clients, reader, { verb: 'deleting', stackName, stackId: stack.id }, io);
    io.out(`Deleted stack ${stackName}. The artifact bucket and its deployment packages stay.`);
  });
}
