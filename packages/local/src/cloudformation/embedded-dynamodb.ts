import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type GatewayClock } from '../gateway/clock';
import { prepareDataFolder, type DataFolderError } from './data-folder';
import { FUNCTION_LOGICAL_IDS } from './logical-ids';
import {
  resolveTemplateValue,
  UnresolvableValueError,
  type MergeTemplate,
  type TemplateResource,
  type TemplateScope,
} from './template-values';
import { startTtlSweeper, type TtlSweep, type TtlTable } from './ttl-sweeper';

/**
 * Options for {@link startEmbeddedDynamoDb}.
 *
 * @example
 * ```ts
 * const options: EmbeddedDynamoDbOptions = { persist: '.wsapp/dynamodb' };
 * ```
 */
export interface EmbeddedDynamoDbOptions {
  /**
   * Keep data in this folder (LevelDB) instead of memory; tables that exist are reused. A folder
   * that cannot be created or written, or whose store is locked by another process, fails the
   * start at once with a `DataFolderError` naming it.
   */
  persist?: string;
  /** Region used in ARNs and for the SDK (default `AWS_REGION`, then `us-east-1`). */
  region?: string;
  /** Stack name for `AWS::StackName` (default `wsapp-local`). */
  stackName?: string;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /**
   * How often expired items of the tables with `TimeToLiveSpecification` are deleted
   * (default 1000 ms: an item goes at most about a second after its TTL, where DynamoDB takes
   * up to a few days). Each sweep starts this long after the previous one ended.
   */
  ttlSweepIntervalMs?: number;
  /** Called after each TTL sweep with what it deleted (for logging); a callback that throws is logged. */
  onTtlSweep?: (sweep: TtlSweep) => void;
  /** The clock TTL compares with and schedules sweeps on (default the system clock; tests pass `manualClock()`). */
  clock?: GatewayClock;
}

/**
 * A table created from the template.
 *
 * @example
 * ```ts
 * const { logicalId, tableName, arn } = db.tables[0]!;
 * ```
 */
export interface EmbeddedTable {
  logicalId: string;
  tableName: string;
  arn: string;
  /** The TTL attribute, when the template enables TimeToLiveSpecification. */
  timeToLiveAttribute?: string;
}

/**
 * A running in-process DynamoDB with the template's tables.
 *
 * @example
 * ```ts
 * const db = await startEmbeddedDynamoDb(template);
 * Object.assign(process.env, db.environment);
 * // ...
 * await db.close();
 * ```
 */
export interface EmbeddedDynamoDb {
  /** `http://127.0.0.1:{port}`, for `new DynamoDBClient({ endpoint })`. */
  readonly endpoint: string;
  readonly tables: readonly EmbeddedTable[];
  /**
   * The resolved `Environment.Variables` of `WebsocketConnect`, `WebsocketMessage` and
   * `WebsocketDisconnect`, plus `AWS_ENDPOINT_URL_DYNAMODB` pointing at this database.
   */
  readonly environment: Readonly<Record<string, string>>;
  /** One line for each template feature that could not be emulated. */
  readonly warnings: readonly string[];
  /** Stops the TTL sweeps (waiting for one in progress), then the database. */
  close(): Promise<void>;
}

/** The table properties that go into CreateTable. */
const TABLE_PROPERTIES = new Set([
  'TableName', 'AttributeDefinitions', 'KeySchema', 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes',
  'BillingMode', 'ProvisionedThroughput',
]);
/** The table properties emulated some other way (no warning). */
const EMULATED_PROPERTIES = new Set([...TABLE_PROPERTIES, 'TimeToLiveSpecification']);
/** Resource types that need no emulation to run handlers (permissions, outputs of the real deploy). */
const SILENTLY_SKIPPED_TYPES = /^AWS::(IAM|Logs|Lambda|ApiGatewayV2|Serverless)::/;
const LOCAL_ACCOUNT_ID = '123456789012';
const DEFAULT_THROUGHPUT = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
/** The longest start-up may take (creating the tables, waiting for them), whatever hangs. */
const START_TIMEOUT_MS = 10_000;
/** The longest a failed start waits for dynalite to stop. */
const STOP_TIMEOUT_MS = 2_000;
const LOCAL_CREDENTIALS = { accessKeyId: 'wsapp-local', secretAccessKey: 'wsapp-local' };

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolvePort((server.address() as AddressInfo).port));
  });
}

function tableInput(tableName: string, properties: Record<string, unknown>): CreateTableCommandInput {
  const input = { ...properties, TableName: tableName } as unknown as CreateTableCommandInput & Record<string, unknown>;
  for (const key of Object.keys(input)) if (!TABLE_PROPERTIES.has(key)) delete input[key];
  if (!input.BillingMode && !input.ProvisionedThroughput) input.BillingMode = 'PAY_PER_REQUEST';
  if (input.BillingMode !== 'PAY_PER_REQUEST') {
    input.ProvisionedThroughput ??= DEFAULT_THROUGHPUT;
    input.GlobalSecondaryIndexes = input.GlobalSecondaryIndexes?.map((index) => ({
      ProvisionedThroughput: DEFAULT_THROUGHPUT,
      ...index,
    }));
  }
  return input;
}

function tableResources(template: MergeTemplate): Array<[string, TemplateResource]> {
  return Object.entries(template.Resources ?? {}).filter(
    (entry): entry is [string, TemplateResource] => entry[1]?.Type === 'AWS::DynamoDB::Table',
  );
}

/** What the template asks for, resolved locally: tables, the handlers' variables, warnings. */
interface LocalPlan {
  tables: EmbeddedTable[];
  inputs: CreateTableCommandInput[];
  ttl: TtlTable[];
  environment: Record<string, string>;
  warnings: string[];
}

function templateScope(template: MergeTemplate, region: string, stackName: string): TemplateScope & { refs: Map<string, string>; attributes: Map<string, string> } {
  const refs = new Map<string, string>();
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (parameter?.Default !== undefined) refs.set(name, String(parameter.Default));
  }
  return { region, accountId: LOCAL_ACCOUNT_ID, stackName, refs, attributes: new Map<string, string>() };
}

function planTables(template: MergeTemplate, scope: ReturnType<typeof templateScope>, plan: LocalPlan): void {
  for (const [logicalId, resource] of tableResources(template)) {
    const properties = resource.Properties ?? {};
    let tableName = logicalId;
    if (properties.TableName !== undefined) {
      try {
        tableName = resolveTemplateValue(properties.TableName, scope);
      } catch (error) {
        plan.warnings.push(`Table ${logicalId}: TableName ${(error as Error).message}; using ${logicalId}`);
      }
    }
    const ignored = Object.keys(properties).filter((key) => !EMULATED_PROPERTIES.has(key));
    if (ignored.length > 0) plan.warnings.push(`Table ${logicalId}: ${ignored.join(', ')} not emulated locally (ignored)`);
    const arn = `arn:aws:dynamodb:${scope.region}:${LOCAL_ACCOUNT_ID}:table/${tableName}`;
    scope.refs.set(logicalId, tableName);
    scope.attributes.set(`${logicalId}.Arn`, arn);
    scope.attributes.set(`${logicalId}.StreamArn`, `${arn}/stream/1970-01-01T00:00:00.000`);
    const input = tableInput(tableName, properties);
    const ttl = planTimeToLive(logicalId, properties.TimeToLiveSpecification, scope, plan.warnings);
    plan.tables.push({ logicalId, tableName, arn, ...(ttl ? { timeToLiveAttribute: ttl } : {}) });
    plan.inputs.push(input);
    if (ttl) plan.ttl.push({ tableName, attributeName: ttl, keyAttributes: (input.KeySchema ?? []).map((key) => key.AttributeName as string) });
  }
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const type = resource?.Type;
    if (type && type !== 'AWS::DynamoDB::Table' && !SILENTLY_SKIPPED_TYPES.test(type)) {
      plan.warnings.push(`Resource ${logicalId} (${type}) is not emulated locally; references to it stay unset`);
    }
  }
}

/** The TTL attribute a `TimeToLiveSpecification` enables, or undefined (with a warning when it cannot be read). */
function planTimeToLive(logicalId: string, spec: unknown, scope: TemplateScope, warnings: string[]): string | undefined {
  if (spec === undefined) return undefined;
  const { Enabled, AttributeName } = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<string, unknown>;
  try {
    if (resolveTemplateValue(Enabled ?? false, scope) !== 'true') return undefined;
    const attribute = resolveTemplateValue(AttributeName, scope);
    if (attribute !== '') return attribute;
  } catch (error) {
    if (!(error instanceof UnresolvableValueError)) throw error;
  }
  warnings.push(`Table ${logicalId}: TimeToLiveSpecification needs Enabled and an AttributeName locally; TTL is not emulated`);
  return undefined;
}

function planEnvironment(template: MergeTemplate, scope: TemplateScope, plan: LocalPlan): void {
  const environment = plan.environment;
  for (const logicalId of Object.values(FUNCTION_LOGICAL_IDS)) {
    const variables = template.Resources?.[logicalId]?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined;
    for (const [name, value] of Object.entries(variables?.Variables ?? {})) {
      try {
        const resolved = resolveTemplateValue(value, scope);
        if (environment[name] !== undefined && environment[name] !== resolved) {
          plan.warnings.push(
            `Environment variable ${name} differs between handler resources; ${logicalId}'s value ` +
              `${JSON.stringify(resolved)} is used for every handler (they share one process locally)`,
          );
        }
        environment[name] = resolved;
      } catch (error) {
        if (!(error instanceof UnresolvableValueError)) throw error;
        plan.warnings.push(`Environment variable ${name} of ${logicalId}: ${error.message}; it is not set`);
      }
    }
  }
}

interface RunningDynalite {
  endpoint: string;
  /** `data in /abs/path` or `in memory`, for messages. */
  where: string;
  close(): Promise<void>;
}

async function startDynalite(host: string, persist: string | undefined): Promise<RunningDynalite> {
  // Before dynalite sees the folder: on a bad one it would hang or crash the process later.
  const folder = persist === undefined ? undefined : await prepareDataFolder(persist);
  // Loaded on first use, so a gateway without a merge template never pays for it.
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(folder ? { path: folder } : {}) });
  const port = await listen(server, host);
  return {
    endpoint: `http://${host}:${port}`,
    where: folder ? `data in ${folder}` : 'in memory',
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, ms).unref());
}

/** Runs one request of the start-up, aborted (with a message saying so) once `deadline` has passed. */
async function beforeDeadline<T>(deadline: number, what: string, request: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const remaining = deadline - Date.now();
  const failure = () => new Error(`The embedded DynamoDB (${what}) did not start within ${START_TIMEOUT_MS / 1000} s`);
  if (remaining <= 0) throw failure();
  try {
    return await request(AbortSignal.timeout(remaining));
  } catch (error) {
    if (Date.now() >= deadline || (error as Error).name === 'AbortError') throw Object.assign(failure(), { cause: error });
    throw error;
  }
}

/**
 * Creates the tables (reusing persisted ones) and waits until they and their indexes are ACTIVE,
 * all within {@link START_TIMEOUT_MS}.
 */
async function createTables(client: DynamoDBClient, where: string, inputs: readonly CreateTableCommandInput[]): Promise<void> {
  const { CreateTableCommand, DescribeTableCommand } = await import('@aws-sdk/client-dynamodb');
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (const input of inputs) {
    try {
      await beforeDeadline(deadline, where, (abortSignal) => client.send(new CreateTableCommand(input), { abortSignal }));
    } catch (error) {
      if ((error as Error).name === 'ResourceInUseException') continue; // persisted from an earlier run
      if ((error as Error).message.startsWith('The embedded DynamoDB')) throw error;
      throw new Error(`Cannot create table ${input.TableName} from the merge template: ${(error as Error).message}`, { cause: error });
    }
  }
  // dynalite creates tables asynchronously (CREATING, then ACTIVE): wait, so the app's first
  // request never meets a table that is not there yet.
  for (const input of inputs) {
    for (;;) {
      const describe = new DescribeTableCommand({ TableName: input.TableName });
      const { Table } = await beforeDeadline(deadline, where, (abortSignal) => client.send(describe, { abortSignal }));
      const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
      if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
      if (Date.now() >= deadline) throw new Error(`Table ${input.TableName} did not become ACTIVE in the embedded DynamoDB (${where})`);
      await sleep(10);
    }
  }
}

function checkedSweepInterval(ms: number | undefined): number {
  if (ms === undefined) return 1_000;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(`Invalid ttlSweepIntervalMs ${String(ms)}: use a number of milliseconds above 0`);
  }
  return ms;
}

/**
 * Starts dynalite (an in-process DynamoDB) on 127.0.0.1, creates every `AWS::DynamoDB::Table`
 * of a merge template in it (key schema and indexes as declared), emulates the TTL of those
 * with `TimeToLiveSpecification` (a sweep every `ttlSweepIntervalMs`), and resolves the handlers'
 * `Environment.Variables`. Anything that cannot be emulated becomes a warning, never an error.
 * A `persist` folder that cannot hold the data is a {@link DataFolderError} at once, and
 * start-up as a whole fails after 10 s at most.
 *
 * @example
 * ```ts
 * import { startEmbeddedDynamoDb } from '@wsapp/local';
 *
 * const db = await startEmbeddedDynamoDb(JSON.parse(readFileSync('resources.json', 'utf8')));
 * console.log(db.environment); // { TABLE: 'ChaliceChat', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:40123' }
 * ```
 */
export async function startEmbeddedDynamoDb(
  template: MergeTemplate,
  options: EmbeddedDynamoDbOptions = {},
): Promise<EmbeddedDynamoDb> {
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new TypeError('startEmbeddedDynamoDb needs a CloudFormation template object with a Resources section');
  }
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const intervalMs = checkedSweepInterval(options.ttlSweepIntervalMs);
  const scope = templateScope(template, region, options.stackName ?? 'wsapp-local');
  const plan: LocalPlan = { tables: [], inputs: [], ttl: [], environment: {}, warnings: [] };
  planTables(template, scope, plan);
  planEnvironment(template, scope, plan);
  const database = await startDynalite(options.host ?? '127.0.0.1', options.persist);
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({ endpoint: database.endpoint, region, credentials: LOCAL_CREDENTIALS });
  try {
    await createTables(client, database.where, plan.inputs);
  } catch (error) {
    client.destroy();
    await Promise.race([database.close(), sleep(STOP_TIMEOUT_MS)]);
    throw error;
  }
  const sweeper = startTtlSweeper({
    client, tables: plan.ttl, clock: options.clock ?? systemClock, intervalMs,
    ...(options.onTtlSweep ? { onSweep: options.onTtlSweep } : {}),
  });
  let closed: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    await sweeper.stop();
    client.destroy();
    await database.close();
  };
  return {
    endpoint: database.endpoint,
    tables: plan.tables,
    environment: { ...plan.environment, AWS_ENDPOINT_URL_DYNAMODB: database.endpoint },
    warnings: plan.warnings,
    close: () => (closed ??= close()),
  };
}
