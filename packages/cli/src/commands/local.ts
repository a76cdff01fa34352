import { Command } from 'commander';
import { appFolderOf } from '../app-folder';
import { lineWriter, type LineWriter } from '../line-writer';
import { API_GATEWAY_SECONDS, collectAllowedHost, parsePort, parseSeconds, type LocalOptions } from '../local/local-options';
import { runLocal, type LocalOutput, type RunningLocal } from '../local/run-local';
import { StartupAbortedError } from '../local/startup';
import { DEFAULT_STAGE } from '../stage';

/** The status a process stopped by a signal conventionally exits with (128 + its number). */
const SIGNAL_STATUS: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

function shutdown(running: RunningLocal, signal: string, stdout: LineWriter): void {
  stdout.write(`${signal}: closing ${running.gateway.connections.size} connection(s)`);
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      stdout.flush();
      process.stderr.write(`wsapp local: shutdown failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

/**
 * Runs `wsapp local` until SIGINT or SIGTERM. The signal is listened for before anything
 * starts: during start-up it stops start-up at once (closing what was started) and exits 130
 * (SIGINT) or 143 (SIGTERM); once running, it closes every connection with 1001, runs
 * `$disconnect` for each, and exits 0. A second signal exits at once, without waiting.
 */
async function runUntilSignal(options: LocalOptions): Promise<void> {
  const stdout = lineWriter(process.stdout);
  const output: LocalOutput = {
    info: (line) => stdout.write(line),
    error: (line) => {
      stdout.flush();
      process.stderr.write(`${line}\n`);
    },
    color: process.stdout.isTTY === true,
  };
  const starting = new AbortController();
  let running: RunningLocal | undefined;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      output.error(`wsapp local: ${signal} again: exiting without waiting`);
      process.exit(SIGNAL_STATUS[signal] ?? 1);
    }
    stopping = true;
    if (running) shutdown(running, signal, stdout);
    else starting.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    running = await runLocal(options, output, starting.signal);
  } catch (error) {
    if (error instanceof StartupAbortedError) {
      output.error(`wsapp: ${error.message}`);
      process.exit(SIGNAL_STATUS[error.signal] ?? 1);
    }
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    throw error;
  }
  // A signal that came as the last step finished found nothing running yet.
  if (starting.signal.aborted) shutdown(running, String(starting.signal.reason), stdout);
}

/**
 * The `wsapp local` command: `wsapp local [APP_DIR]`, or `--app DIR` for `APP_DIR`.
 *
 * @example
 * ```ts
 * program.addCommand(localCommand());
 * ```
 */
export function localCommand(): Command {
  return new Command('local')
    .description('Run the app on a local API Gateway WebSocket emulator, with embedded DynamoDB for --merge-template')
    .argument('[APP_DIR]', 'the app folder, as --app gives it (default: .)')
    .option('--app <DIR>', 'the app folder', '.')
    .option('--port <PORT>', 'port to listen on (0 picks a free one)', parsePort, 8000)
    .option('--host <HOST>', 'interface to listen on', '127.0.0.1')
    .option('--stage <STAGE>', "the stage of .wsapp/config.json: its api_gateway_stage is the URL path, its environment_variables the handlers'", DEFAULT_STAGE)
    .option('--timeout <SECONDS>', 'integration timeout: a handler that runs longer fails with Internal server error', parseSeconds, API_GATEWAY_SECONDS.timeout)
    .option('--idle-timeout <SECONDS>', 'close a connection whose client sends no data frames for this long', parseSeconds, API_GATEWAY_SECONDS.idleTimeout)
    .option('--max-duration <SECONDS>', 'close every connection after this long', parseSeconds, API_GATEWAY_SECONDS.maxDuration)
    .option('--allowed-host <HOST>', 'also answer requests for HOST or HOST:PORT, e.g. a name in /etc/hosts or a tunnel (repeatable)', collectAllowedHost, [])
    .option('--merge-template <FILE>', 'create its DynamoDB tables locally and set the handlers\' environment')
    .option('--persist <DIR>', 'keep DynamoDB data in this folder instead of memory')
    .option('--entry <FILE>', 'the app entry, relative to the app folder (default app.ts)')
    .option('--static <DIR>', 'serve the files in DIR over HTTP on the same port, / being its index.html')
    .action((positional: string | undefined, options: LocalOptions, command: Command) =>
      runUntilSignal({ ...options, app: appFolderOf(command, positional, (dir) => `wsapp local --app ${dir}`) }),
    );
}
