import { watch, type FSWatcher } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  readTemplateFile,
  startEmbeddedDynamoDb,
  startLocalGateway,
  type EmbeddedDynamoDb,
  type GatewayEventRecord,
  type LocalGateway,
} from '@wsapp/local';
import { lineWriter } from '../line-writer';
import { loadApp, resolveAppEntry } from '../load-app';

/**
 * Options of `wsapp local`, as commander parses them.
 *
 * @example
 * ```ts
 * const options: LocalOptions = { port: 0, host: '127.0.0.1', stage: 'api' };
 * ```
 */
export interface LocalOptions {
  port: number;
  host: string;
  stage: string;
  mergeTemplate?: string;
  persist?: string;
  entry?: string;
  /** `--static DIR`: a folder served over HTTP on the same port (`/` is its `index.html`). */
  static?: string;
}

/**
 * Where `wsapp local` writes: normal lines and error lines.
 *
 * @example
 * ```ts
 * const output: LocalOutput = { info: (l) => process.stdout.write(`${l}\n`), error: (l) => process.stderr.write(`${l}\n`), color: false };
 * ```
 */
export interface LocalOutput {
  info(line: string): void;
  error(line: string): void;
  /** Colour the outcome of each event (on a TTY). */
  color: boolean;
}

/**
 * A running `wsapp local`: the gateway, the embedded DynamoDB (with `--merge-template`), and
 * the file watcher.
 *
 * @example
 * ```ts
 * const running = await runLocal('examples/echo-server', { port: 0, host: '127.0.0.1', stage: 'api' }, output);
 * await running.close();
 * ```
 */
export interface RunningLocal {
  readonly gateway: LocalGateway;
  readonly dynamoDb: EmbeddedDynamoDb | undefined;
  /** Loads the app entry again and sends new invocations to it; keeps the old app if that fails. */
  reload(): Promise<boolean>;
  /** Closes every connection with 1001 after running `$disconnect`, then stops everything. */
  close(): Promise<void>;
}

const COLORS: Record<GatewayEventRecord['outcome'], string> = {
  ok: '\u001b[32m',
  refused: '\u001b[33m',
  forbidden: '\u001b[33m',
  error: '\u001b[31m',
  timeout: '\u001b[31m',
};

let lastTime = { at: Number.NaN, text: '' };

/** `HH:MM:SS.mmm` (UTC) of an epoch time, computed once per millisecond however many events share it. */
function clockTime(now: number): string {
  if (now !== lastTime.at) lastTime = { at: now, text: new Date(now).toISOString().slice(11, 23) };
  return lastTime.text;
}

/**
 * One log line for one event: time, event type, route, connection, duration, outcome.
 *
 * @example
 * ```ts
 * formatEventLine(record, false); // '12:00:01.042 MESSAGE    $default     BFHPhfCWIAMCKlQ=   1.8 ms  ok 200'
 * ```
 */
export function formatEventLine(record: GatewayEventRecord, color: boolean): string {
  const time = clockTime(Date.now());
  const outcome = [
    record.outcome,
    record.statusCode ?? '',
    record.handled ? '' : '(no handler)',
    record.detail ?? '',
  ].filter((part) => part !== '').join(' ');
  const shown = color ? `${COLORS[record.outcome]}${outcome}\u001b[0m` : outcome;
  return `${time} ${record.eventType.padEnd(10)} ${record.routeKey.padEnd(12)} ${record.connectionId.padEnd(16)} ` +
    `${record.durationMs.toFixed(1).padStart(6)} ms  ${shown}`;
}

/** Calls `onChange` (debounced) when a file under `dir` changes, ignoring node_modules and dot folders. */
function watchApp(dir: string, onChange: () => void): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, { recursive: true }, (_event, filename) => {
    const parts = String(filename ?? '').split(sep);
    if (parts.some((part) => part === 'node_modules' || part === 'dist' || part.startsWith('.'))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, 100);
  });
  watcher.on('error', () => watcher.close());
  return watcher;
}

/**
 * Runs an app on the local gateway: starts the embedded DynamoDB for `--merge-template` (and
 * sets the handlers' environment before the app is loaded), loads the TypeScript entry, starts
 * the gateway, prints its URLs, logs one line per event, and reloads on file changes.
 *
 * @example
 * ```ts
 * const running = await runLocal('examples/chat', { port: 8000, host: '127.0.0.1', stage: 'api', mergeTemplate: 'examples/chat/resources.json' }, output);
 * ```
 */
export async function runLocal(appDir: string | undefined, options: LocalOptions, output: LocalOutput): Promise<RunningLocal> {
  const location = resolveAppEntry(appDir ?? '.', options.entry);
  const dynamoDb = await startDatabase(options, output);
  let gateway: LocalGateway;
  try {
    // Apps read their configuration (such as TABLE) when they are loaded, so set it first.
    Object.assign(process.env, dynamoDb?.environment);
    gateway = await startLocalGateway(await loadApp(location.entry), {
      host: options.host,
      port: options.port,
      stage: options.stage,
      ...(dynamoDb ? { environment: dynamoDb.environment } : {}),
      ...(options.static ? { staticDir: options.static } : {}),
      onEvent: (record) => output.info(formatEventLine(record, output.color)),
      // A handler that crashes (a throw from a timer, an unhandled rejection, process.exit) fails
      // only its invocation, as on Lambda, instead of taking down every connection.
      containHandlerFaults: true,
    });
  } catch (error) {
    await dynamoDb?.close();
    throw error;
  }
  printStarted(gateway, location.entry, options, dynamoDb, output);
  const reload = reloader(gateway, location.entry, output);
  const watcher = watchApp(location.appDir, () => void reload());
  let closed: Promise<void> | undefined;
  return {
    gateway,
    dynamoDb,
    reload,
    close() {
      closed ??= (async () => {
        watcher.close();
        await gateway.close();
        await dynamoDb?.close();
      })();
      return closed;
    },
  };
}

/** The embedded DynamoDB for `--merge-template`, with its warnings printed; undefined without one. */
async function startDatabase(options: LocalOptions, output: LocalOutput): Promise<EmbeddedDynamoDb | undefined> {
  if (!options.mergeTemplate) {
    if (options.persist) output.error('warning: --persist has no effect without --merge-template');
    return undefined;
  }
  const dynamoDb = await startEmbeddedDynamoDb(readTemplateFile(options.mergeTemplate, 'merge template'), {
    ...(options.persist ? { persist: options.persist } : {}),
    stackName: 'wsapp-local',
  });
  for (const warning of dynamoDb.warnings) output.error(`warning: ${warning}`);
  return dynamoDb;
}

function printStarted(gateway: LocalGateway, entry: string, options: LocalOptions, dynamoDb: EmbeddedDynamoDb | undefined, output: LocalOutput): void {
  output.info(`wsapp local: ${gateway.app.name} from ${entry}`);
  output.info(`  WebSocket URL:        ${gateway.url}`);
  output.info(`  Management endpoint:  ${gateway.managementEndpoint}`);
  if (options.static && gateway.staticUrl) {
    output.info(`  Page:                 ${gateway.staticUrl} (files from ${resolve(options.static)})`);
  }
  if (dynamoDb) {
    output.info(`  DynamoDB endpoint:    ${dynamoDb.endpoint} (${options.persist ? `data in ${resolve(options.persist)}` : 'in memory'})`);
    for (const table of dynamoDb.tables) output.info(`  Table:                ${table.tableName} (${table.logicalId})`);
  }
}

/** Reloads the entry into the running gateway, one reload at a time; a failed reload keeps the previous app. */
function reloader(gateway: LocalGateway, entry: string, output: LocalOutput): () => Promise<boolean> {
  let reloading: Promise<boolean> = Promise.resolve(true);
  const reload = async (): Promise<boolean> => {
    try {
      gateway.setApp(await loadApp(entry));
      output.info(`Reloaded ${entry}`);
      return true;
    } catch (error) {
      output.error(`Reload failed, still running the previous app: ${(error as Error).message}`);
      return false;
    }
  };
  return () => (reloading = reloading.then(reload));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/**
 * The `wsapp local` command. On SIGINT or SIGTERM it closes every connection with 1001, runs
 * `$disconnect` for each, and exits 0.
 *
 * @example
 * ```ts
 * program.addCommand(localCommand());
 * ```
 */
export function localCommand(): Command {
  return new Command('local')
    .description('Run the app on a local API Gateway WebSocket emulator, with embedded DynamoDB for --merge-template')
    .argument('[APP_DIR]', 'the app folder', '.')
    .option('--port <PORT>', 'port to listen on (0 picks a free one)', parsePort, 8000)
    .option('--host <HOST>', 'interface to listen on', '127.0.0.1')
    .option('--stage <STAGE>', 'stage name (the URL path)', 'api')
    .option('--merge-template <FILE>', 'create its DynamoDB tables locally and set the handlers\' environment')
    .option('--persist <DIR>', 'keep DynamoDB data in this folder instead of memory')
    .option('--entry <FILE>', 'the app entry, relative to APP_DIR (default app.ts)')
    .option('--static <DIR>', 'serve the files in DIR over HTTP on the same port, / being its index.html')
    .action(async (appDir: string, options: LocalOptions) => {
      // Listen for signals before anything is printed: a Ctrl-C right after the URLs appear must
      // still close connections and run $disconnect. A signal during start-up waits for it.
      let running: RunningLocal | undefined;
      let pendingSignal: string | undefined;
      const stdout = lineWriter(process.stdout);
      const shutdown = (signal: string): void => {
        if (!running) {
          pendingSignal = signal;
          return;
        }
        stdout.write(`${signal}: closing ${running.gateway.connections.size} connection(s)`);
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`wsapp local: shutdown failed: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      try {
        running = await runLocal(appDir, options, {
          info: (line) => stdout.write(line),
          error: (line) => {
            stdout.flush();
            process.stderr.write(`${line}\n`);
          },
          color: process.stdout.isTTY === true,
        });
      } catch (error) {
        process.removeListener('SIGINT', shutdown);
        process.removeListener('SIGTERM', shutdown);
        throw error;
      }
      if (pendingSignal) shutdown(pendingSignal);
    });
}
