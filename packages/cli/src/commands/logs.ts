import { Command } from 'commander';
import type { LogsOptions } from '../logs/run-logs';
import { withAwsOptions, withProcessIo } from './aws-options';

/**
 * The `wsapp logs` command.
 *
 * @example
 * ```ts
 * program.addCommand(logsCommand());
 * ```
 */
export function logsCommand(): Command {
  return withAwsOptions(new Command('logs'))
    .description("Show the deployed functions' CloudWatch logs, interleaved by time")
    .option('--function <NAME>', 'only this function: connect, message, disconnect, authorizer (or websocket_message, WebsocketMessage)')
    .option('--since <WHEN>', 'from this long ago (30s, 10m, 2h, 1d) or this time (2026-12-01T10:00:00Z)', '10m')
    .option('--follow', 'keep printing new events until Ctrl-C', false)
    .action((options: LogsOptions) => withProcessIo(async (io) => (await import('../logs/run-logs')).runLogs(options, io)));
}
