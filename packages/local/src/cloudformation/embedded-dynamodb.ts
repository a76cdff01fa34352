import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { FUNCTION_LOGICAL_IDS } from './logical-ids';
import {
  resolveTemplateValue,
  UnresolvableValueError,
  type MergeTemplate,
  type TemplateResource,
  type TemplateScope,
} from './template-values';

/**
 * Options for {@link startEmbeddedDynamoDb}.
 *
 * @example
 * ```ts
 * const options: EmbeddedDynamoDbOptions = { persist: '.wsapp/dynamodb' };
 * ```
 */
export interface EmbeddedDynamoDbOptions {
  /** Keep data in this folder (LevelDB) instead of memory; tables that exist are reused. */
  persist?: string;
  /** Region used in ARNs and for the SDK (default `AWS_REGION`, then `us-east-1`). */
  region?: string;
  /** Stack name for `AWS::StackName` (default `wsapp-local`). */
  stackName?: string;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
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
  close(): Promise<void>;
}

const TABLE_PROPERTIES = new Set([
  'TableName', 'AttributeDefinitions', 'KeySchema', 'GlobalSecondaryIndexes', 'LocalSecondaryIndexes',
  'BillingMode', 'ProvisionedThroughput',
]);
/** Resource types that need no emulation to run handlers (permissions, outputs of the real deploy). */
const SILENTLY_SKIPPED_TYPES = /^AWS::(IAM|Logs|Lambda|ApiGatewayV2|Serverless)::/;
const LOCAL_ACCOUNT_ID = '123456789012';
const DEFAULT_THROUGHPUT = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };

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
    const ignored = Object.keys(properties).filter((key) => !TABLE_PROPERTIES.has(key));
    if (ignored.length > 0) plan.warnings.push(`Table ${logicalId}: ${ignored.join(', ')} not emulated locally (ignored)`);
    const arn = `arn:aws:dynamodb:${scope.region}:${LOCAL_ACCOUNT_ID}:table/${tableName}`;
    scope.refs.set(logicalId, tableName);
    scope.attributes.set(`${logicalId}.Arn`, arn);
    scope.attributes.set(`${logicalId}.StreamArn`, `${arn}/stream/1970-01-01T00:00:00.000`);
    plan.tables.push({ logicalId, tableName, arn });
    plan.inputs.push(tableInput(tableName, properties));
  }
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const type = resource?.Type;
    if (type && type !== 'AWS::DynamoDB::Table' && !SILENTLY_SKIPPED_TYPES.test(type)) {
      plan.warnings.push(`Resource ${logicalId} (${type}) is not emulated locally; references to it stay unset`);
    }
  }
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

async function startDynalite(host: string, persist: string | undefined): Promise<{ endpoint: string; close(): Promise<void> }> {
  if (persist) mkdirSync(resolve(persist), { recursive: true });
  // Loaded on first use, so a gateway without a merge template never pays for it.
  const { default: dynalite } = await import('dynalite');
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(persist ? { path: resolve(persist) } : {}) });
  const port = await listen(server, host);
  return {
    endpoint: `http://${host}:${port}`,
    close: () =>
      new Promise((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** Creates the tables (reusing persisted ones) and waits until they and their indexes are ACTIVE. */
async function createTables(endpoint: string, region: string, inputs: readonly CreateTableCommandInput[]): Promise<void> {
  const { CreateTableCommand, DescribeTableCommand, DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'wsapp-local', secretAccessKey: 'wsapp-local' } });
  try {
    for (const input of inputs) {
      try {
        await client.send(new CreateTableCommand(input));
      } catch (error) {
        if ((error as Error).name === 'ResourceInUseException') continue; // persisted from an earlier run
        throw new Error(`Cannot create table ${input.TableName} from the merge template: ${(error as Error).message}`, { cause: error });
      }
    }
    // dynalite creates tables asynchronously (CREATING, then ACTIVE): wait, so the app's first
    // request never meets a table that is not there yet.
    for (const input of inputs) {
      for (let attempt = 0; ; attempt++) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
        const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
        if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
        if (attempt >= 1000) throw new Error(`Table ${input.TableName} did not become ACTIVE in the embedded DynamoDB`);
        await new Promise((resolveWait) => setTimeout(resolveWait, 10));
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * Starts dynalite (an in-process DynamoDB) on 127.0.0.1, creates every `AWS::DynamoDB::Table`
 * of a merge template in it (key schema and indexes as declared), and resolves the handlers'
 * `Environment.Variables`. Anything that cannot be emulated becomes a warning, never an error.
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
  const scope = templateScope(template, region, options.stackName ?? 'wsapp-local');
  const plan: LocalPlan = { tables: [], inputs: [], environment: {}, warnings: [] };
  planTables(template, scope, plan);
  planEnvironment(template, scope, plan);
  const database = await startDynalite(options.host ?? '127.0.0.1', options.persist);
  try {
    await createTables(database.endpoint, region, plan.inputs);
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    endpoint: database.endpoint,
    tables: plan.tables,
    environment: { ...plan.environment, AWS_ENDPOINT_URL_DYNAMODB: database.endpoint },
    warnings: plan.warnings,
    close: database.close,
  };
}
