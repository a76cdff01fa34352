import type { Command } from 'commander';
import { processIo, type CommandIo } from '../command-io';
import { DEFAULT_STAGE } from '../stage';

/**
 * Adds the options every command that talks to AWS shares: the app and stage that name the
 * stack, `--stack-name`, and `--region`, `--profile`, `--endpoint-url`.
 *
 * @example
 * ```ts
 * withAwsOptions(new Command('url')).action(...);
 * ```
 */
export function withAwsOptions(command: Command): Command {
  return command
    .option('--app <DIR>', 'the app folder', '.')
    .option('--entry <FILE>', 'the app entry, relative to the app folder (default app.ts)')
    .option('--stage <STAGE>', 'the stage of .wsapp/config.json', DEFAULT_STAGE)
    .option('--stack-name <NAME>', 'the CloudFormation stack (default: {app_name}-{stage})')
    .option('--region <REGION>', 'the AWS region (default: AWS_REGION or the profile\'s region)')
    .option('--profile <NAME>', 'the profile of ~/.aws/config and ~/.aws/credentials to use')
    .option('--endpoint-url <URL>', 'send every AWS call to this endpoint (LocalStack, MiniStack); AWS_ENDPOINT_URL_* work too');
}

/**
 * Runs a command body with the real process's {@link CommandIo}, releasing its Ctrl-C
 * handling afterwards.
 *
 * @example
 * ```ts
 * .action((options) => withProcessIo((io) => runUrl(options, io)));
 * ```
 */
export async function withProcessIo(body: (io: CommandIo) => Promise<void>): Promise<void> {
  const io = processIo();
  try {
    await body(io);
  } finally {
    io.release();
  }
}
