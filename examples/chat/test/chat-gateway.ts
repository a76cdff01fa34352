import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  startEmbeddedDynamoDb,
  startLocalGateway,
  type GatewayEventRecord,
  type LocalGateway,
} from '@wsapp/local';
import resources from '../resources.json';
import { app } from '../app';
import { startDynamoDbRequestCounter } from './dynamodb-request-counter';

/**
 * The chat example on a local gateway with its table on the embedded DynamoDB, plus what the
 * tests need to look inside: the table's records, the gateway's events, and a count of
 * DynamoDB requests.
 *
 * @example
 * ```ts
 * const gateway = await startChatGateway();
 * const client = await ChatClient.login(gateway.url, 'John');
 * await gateway.close();
 * ```
 */
export interface ChatGateway {
  readonly url: string;
  /** The open connections' ids, oldest first. */
  connectionIds(): string[];
  /** Resolves once `$disconnect` for the connection has run (at once if it already has). */
  disconnected(connectionId: string): Promise<GatewayEventRecord>;
  /** Every item whose `PK` is the connection id. */
  recordsOf(connectionId: string): Promise<Array<Record<string, unknown>>>;
  /** Writes an item straight into the table. */
  putRecord(item: Record<string, unknown>): Promise<void>;
  /** How many requests the app has sent to DynamoDB so far. */
  dynamoRequests(): number;
  /** The DynamoDB operations (`PutItem`, `Query`, ...) the app has called so far. */
  dynamoOperations(): string[];
  close(): Promise<void>;
}

const TABLE_NAME = resources.Resources.ChaliceChatTable.Properties.TableName;

/**
 * Starts the chat app on a local gateway (port 0) with the tables of `resources.json` on a
 * fresh embedded DynamoDB, reached through a request counter.
 *
 * @example
 * ```ts
 * const gateway = await startChatGateway();
 * ```
 */
export async function startChatGateway(): Promise<ChatGateway> {
  const db = await startEmbeddedDynamoDb(resources);
  const counter = await startDynamoDbRequestCounter(db.endpoint);
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: db.endpoint }));

  const events: GatewayEventRecord[] = [];
  const waiting = new Map<string, (record: GatewayEventRecord) => void>();
  const gateway: LocalGateway = await startLocalGateway(app, {
    port: 0,
    environment: { ...db.environment, AWS_ENDPOINT_URL_DYNAMODB: counter.endpoint },
    onEvent: (record) => {
      events.push(record);
      if (record.eventType === 'DISCONNECT') waiting.get(record.connectionId)?.(record);
    },
  });

  return {
    url: gateway.url,
    connectionIds: () =>
      [...gateway.connections.values()].sort((a, b) => a.connectedAt - b.connectedAt).map((c) => c.connectionId),
    disconnected: (connectionId) => {
      const done = events.find((e) => e.eventType === 'DISCONNECT' && e.connectionId === connectionId);
      return done ? Promise.resolve(done) : new Promise((resolve) => waiting.set(connectionId, resolve));
    },
    recordsOf: async (connectionId) => {
      const output = await documents.send(
        new QueryCommand({
          TableName: TABLE_NAME,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': connectionId },
          ConsistentRead: true,
        }),
      );
      return output.Items ?? [];
    },
    putRecord: async (item) => {
      await documents.send(new PutCommand({ TableName: TABLE_NAME, Item: item }));
    },
    dynamoRequests: () => counter.total(),
    dynamoOperations: () => Object.keys(counter.byOperation()).sort(),
    close: async () => {
      await gateway.close();
      documents.destroy();
      await counter.close();
      await db.close();
    },
  };
}
