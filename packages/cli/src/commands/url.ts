import { Command } from 'commander';
import type { UrlOptions } from '../stack/run-url';
import { withAwsOptions, withProcessIo } from './aws-options';

/**
 * The `wsapp url` command.
 *
 * @example
 * ```ts
 * program.addCommand(urlCommand());
 * ```
 */
export function urlCommand(): Command {
  return withAwsOptions(new Command('url'))
    .description("Print the deployed app's wss:// URL (and nothing else, for scripts)")
    .action((options: UrlOptions) => withProcessIo(async (io) => (await import('../stack/run-url')).runUrl(options, io)));
}
