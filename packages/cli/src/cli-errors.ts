import { CommanderError, type Command } from 'commander';

/** The hint printed after a parse error, naming the help that answers it. */
function helpHint(command: Command): string {
  const path: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) path.unshift(at.name());
  return command.parent ? `(run ${path.join(' ')} --help for its usage and options)` : `(run ${path.join(' ')} --help for the commands)`;
}

/**
 * Makes a command and every subcommand report parse errors (an unknown option, a missing
 * argument, an invalid value) the way every other error is reported: `wsapp: MESSAGE` on
 * stderr, then a one-line hint to `--help`. Commander throws a `CommanderError` instead of
 * exiting, so {@link exitCodeOf} gives `main` the status to exit with. Commander copies no
 * settings to commands added with `addCommand`, hence the walk over the tree.
 *
 * @example
 * ```ts
 * const program = reportErrorsAsWsapp(new Command('wsapp').addCommand(localCommand()));
 * await program.parseAsync(['node', 'wsapp', 'local', '--prot', '0']); // wsapp: unknown option '--prot' (Did you mean --port?)
 * ```
 */
export function reportErrorsAsWsapp(command: Command): Command {
  command
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`wsapp: ${text.replace(/^error: /, '')}`) })
    .showHelpAfterError(helpHint(command));
  for (const subcommand of command.commands) reportErrorsAsWsapp(subcommand);
  return command;
}

/**
 * The exit status for an error commander has already printed (a parse error, or `--help` and
 * `--version`, which end with status 0), or `undefined` for any other error.
 *
 * @example
 * ```ts
 * const status = exitCodeOf(error);
 * if (status === undefined) process.stderr.write(`wsapp: ${message}\n`);
 * ```
 */
export function exitCodeOf(error: unknown): number | undefined {
  return error instanceof CommanderError ? error.exitCode : undefined;
}

/**
 * An error that ends the command with a given exit status (a stopped deploy exits 130, as
 * a shell does after Ctrl-C). `main` prints its message like any other error's.
 *
 * @example
 * ```ts
 * throw new CommandFailure('Interrupted: the stack update goes on in AWS', 130);
 * ```
 */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';

  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
