import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CommandFailure, exitCodeOf, reportErrorsAsWsapp } from './cli-errors';
import { deleteCommand } from './commands/delete';
import { deployCommand } from './commands/deploy';
import { localCommand } from './commands/local';
import { logsCommand } from './commands/logs';
import { newCommand } from './commands/new';
import { packageCommand } from './commands/package';
import { urlCommand } from './commands/url';

/** The version printed by `wsapp --version`, read from this package's package.json. */
function cliVersion(): string {
  const pkgUrl = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(pkgUrl, 'utf8')) as { version: string }).version;
}

/**
 * Builds the `wsapp` program: wires commands, nothing else.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'wsapp', '--help']);
 * ```
 */
export function createProgram(): Command {
  const program = new Command('wsapp')
    .description('Build WebSocket APIs on AWS Lambda: run them locally, package them, deploy them to AWS.')
    .version(cliVersion(), '-v, --version', 'print the wsapp version');
  program.addCommand(packageCommand(cliVersion()));
  program.addCommand(newCommand(cliVersion()));
  program.addCommand(localCommand());
  program.addCommand(deployCommand(cliVersion()));
  program.addCommand(deleteCommand());
  program.addCommand(urlCommand());
  program.addCommand(logsCommand());
  return reportErrorsAsWsapp(program);
}

/**
 * Entry point of the `wsapp` binary.
 *
 * @example
 * ```ts
 * await main(process.argv);
 * ```
 */
export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    // A parse error (or --help, --version) has been printed by commander already.
    const printed = exitCodeOf(error);
    if (printed === undefined) process.stderr.write(`wsapp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = printed ?? (error instanceof CommandFailure ? error.exitCode : 1);
  }
}
