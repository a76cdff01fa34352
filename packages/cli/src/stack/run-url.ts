import { withAwsClients, type AwsAccess } from '../aws/aws-clients';
import { CommandFailure } from '../cli-errors';
import type { CommandIo } from '../command-io';
import { stackNameOf, type StackTarget } from './stack-name';
import { WEBSOCKET_URL_OUTPUT } from './stack-outputs';
import { existingStack } from './stack-state';

/**
 * The options of `wsapp url`.
 *
 * @example
 * ```ts
 * const options: UrlOptions = { app: '.', stage: 'dev' };
 * ```
 */
export type UrlOptions = StackTarget & AwsAccess;

/**
 * Runs `wsapp url`: prints the stack's `wss://` URL and nothing else on stdout, so a script
 * can take it (`URL=$(wsapp url)`). A missing stack, or one without the output, is an error.
 *
 * @example
 * ```ts
 * await runUrl({ app: '.', stage: 'dev' }, processIo());
 * ```
 */
export async function runUrl(options: UrlOptions, io: CommandIo): Promise<void> {
  const stackName = await stackNameOf(options);
  await withAwsClients(options, io, async (clients) => {
    const stack = await existingStack(clients.cloudFormation, stackName, clients.region, `deploy it with wsapp deploy --stage ${options.stage}${options.stackName ? ` --stack-name ${options.stackName}` : ''}`);
    const url = stack.outputs[WEBSOCKET_URL_OUTPUT];
    if (url === undefined) {
      throw new CommandFailure(`Stack ${stackName} (${stack.status}) has no ${WEBSOCKET_URL_OUTPUT} output; is it a wsapp stack, and did its deploy finish?`, 1);
    }
    io.out(url);
  });
}
