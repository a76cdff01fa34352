import { join, resolve } from 'node:path';
import type { WsApp } from '@wsapp/framework';
import {
  readTemplateFile,
  startEmbeddedDynamoDb,
  startLocalGateway,
  type EmbeddedDynamoDb,
  type LocalGateway,
} from '@wsapp/local';
import { readProjectConfig, resolveStageSettings, type ProjectConfig, type StageSettings } from '../config';
import { loadApp, resolveAppEntry, type AppLocation } from '../load-app';
import { selectStage } from '../stage';
import { formatEventLine } from './event-line';
import { functionScopedEnvironment } from './function-environment';
import { invocationLogs, type InvocationLogs } from './invocation-logs';
import { functionOnlyWarning, localEnvironment } from './local-environment';
import { gatewayTimes, type LocalOptions } from './local-options';
import { reloader } from './reloader';
import { Startup } from './startup';
import { watchApp } from './watch-app';

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
  /**
   * Writing to a terminal: colour the outcome of each event, and show `app.log` lines readably
   * (`  INFO message key=value`) instead of as the JSON lines Lambda writes.
   */
  color: boolean;
}

/**
 * A running `wsapp local`: the gateway, the embedded DynamoDB (with `--merge-template`), and
 * the file watcher.
 *
 * @example
 * ```ts
 * const running = await runLocal({ ...options, app: 'examples/echo-server' }, output);
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

/** What start-up works from, all checked before anything starts. */
interface LocalPlan {
  location: AppLocation;
  config: ProjectConfig;
  settings: StageSettings;
  times: ReturnType<typeof gatewayTimes>;
}

function planLocal(options: LocalOptions): LocalPlan {
  const location = resolveAppEntry(options.app, options.entry);
  const config = readProjectConfig(location.appDir);
  const stage = selectStage(config, options.stage, join(location.appDir, '.wsapp', 'config.json'));
  return { location, config, settings: resolveStageSettings(config, stage), times: gatewayTimes(options) };
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

function printStarted(gateway: LocalGateway, plan: LocalPlan, options: LocalOptions, dynamoDb: EmbeddedDynamoDb | undefined, output: LocalOutput): void {
  output.info(`wsapp local: ${gateway.app.name} from ${plan.location.entry}`);
  output.info(`  WebSocket URL:        ${gateway.url}`);
  output.info(`  Management endpoint:  ${gateway.managementEndpoint}`);
  output.info(`  Stage:                ${plan.settings.stage} (URL path /${gateway.stage})`);
  if (options.static && gateway.staticUrl) {
    output.info(`  Page:                 ${gateway.staticUrl} (files from ${resolve(options.static)})`);
  }
  if (dynamoDb) {
    output.info(`  DynamoDB endpoint:    ${dynamoDb.endpoint} (${options.persist ? `data in ${resolve(options.persist)}` : 'in memory'})`);
    for (const table of dynamoDb.tables) output.info(`  Table:                ${table.tableName} (${table.logicalId})`);
  }
}

function gatewayOptions(
  plan: LocalPlan,
  options: LocalOptions,
  environment: Record<string, string>,
  output: LocalOutput,
  logs: InvocationLogs,
): Parameters<typeof startLocalGateway>[1] {
  return {
    host: options.host,
    port: options.port,
    stage: plan.settings.apiGatewayStage,
    limits: plan.times.limits,
    environment,
    ...(options.allowedHost.length > 0 ? { allowedHosts: options.allowedHost } : {}),
    ...(options.static ? { staticDir: options.static } : {}),
    // Each event line once its invocation has ended, and under it the app.log lines it wrote.
    onEvent: (record) => {
      output.info(formatEventLine(record, output.color));
      for (const line of logs.linesFor(record)) output.info(line);
    },
    // A handler that crashes (a throw from a timer, an unhandled rejection, process.exit) fails
    // only its invocation, as on Lambda, instead of taking down every connection.
    containHandlerFaults: true,
  };
}

async function startAll(plan: LocalPlan, options: LocalOptions, output: LocalOutput, startup: Startup): Promise<RunningLocal> {
  const { appDir, entry } = plan.location;
  for (const warning of plan.times.warnings) output.error(`warning: ${warning}`);
  const dynamoDb = await startup.step('starting the embedded DynamoDB', startDatabase(options, output), (db) => db?.close());
  const environment = localEnvironment(plan.config, plan.settings, dynamoDb?.environment ?? {});
  const functionOnly = functionOnlyWarning(environment);
  if (functionOnly) output.error(`warning: ${functionOnly}`);
  // Apps read their configuration (such as TABLE) when they are loaded, so set it first.
  Object.assign(process.env, environment.shared);
  const scoped = functionScopedEnvironment(environment.perFunction);
  startup.adopt(() => scoped.release());
  const logs = invocationLogs({ info: (line) => output.info(line), readable: output.color });
  startup.adopt(() => logs.release());
  const prepare = (loaded: WsApp): WsApp => logs.attach(scoped.wrap(loaded));
  const app: WsApp = prepare(await startup.step(`loading ${entry}`, loadApp(entry)));
  const gateway = await startup.step('starting the gateway', startLocalGateway(app, gatewayOptions(plan, options, environment.shared, output, logs)), (g) => g.close());
  const reload = reloader(gateway, entry, prepare, output);
  // Watched before the URLs are printed, so that a change made once they are is never missed.
  await startup.step(`watching ${appDir}`, watchApp(appDir, {
    onChange: () => void reload(),
    onError: (error) => output.error(`warning: watching ${appDir}: ${error.message}`),
    ignore: options.persist ? [options.persist] : [],
  }), (started) => started.close());
  printStarted(gateway, plan, options, dynamoDb, output);
  let closed: Promise<void> | undefined;
  return {
    gateway,
    dynamoDb,
    reload,
    close: () => (closed ??= startup.closeAll()),
  };
}

/**
 * Runs an app on the local gateway for a stage of its `.wsapp/config.json`: the URL path is the
 * stage's `api_gateway_stage`, the handlers get its `environment_variables` (under the merge
 * template's), `--merge-template` starts the embedded DynamoDB, then the TypeScript entry is
 * loaded, the gateway started, the folder watched for reloads, and the URLs printed. When
 * `signal` aborts during start-up, the step running is abandoned, whatever was started is
 * closed, and it rejects with a `StartupAbortedError`.
 *
 * @example
 * ```ts
 * const running = await runLocal({ app: 'examples/chat', port: 8000, host: '127.0.0.1', stage: 'dev', mergeTemplate: 'examples/chat/resources.json', timeout: 29, idleTimeout: 600, maxDuration: 7200, allowedHost: [] }, output);
 * ```
 */
export async function runLocal(options: LocalOptions, output: LocalOutput, signal?: AbortSignal): Promise<RunningLocal> {
  const plan = planLocal(options);
  const startup = new Startup(signal);
  try {
    return await startAll(plan, options, output, startup);
  } catch (error) {
    await startup.closeAll();
    throw error;
  }
}
