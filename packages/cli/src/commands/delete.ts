import { Command } from 'commander';
import type { DeleteOptions } from '../stack/run-delete';
import { withAwsOptions, withProcessIo } from './aws-options';

/**
 * The `wsapp delete` command.
 *
 * @example
 * ```ts
 * program.addCommand(deleteCommand());
 * ```
 */
export function deleteCommand(): Command {
  return withAwsOptions(new Command('delete'))
    .description("Delete the app's stack (the artifact bucket stays)")
    .action((options: DeleteOptions) => withProcessIo(async (io) => (await import('../stack/run-delete')).runDelete(options, io)));
}
