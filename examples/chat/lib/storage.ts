import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
  paginateQuery,
  paginateScan,
} from '@aws-sdk/lib-dynamodb';

/**
 * How long connection records live: API Gateway closes every connection after 2 h; 15 min slack.
 *
 * @example
 * ```ts
 * const expiresAt = Math.floor(Date.now() / 1000) + CONNECTION_TTL_SECONDS;
 * ```
 */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 15 * 60;

/**
 * The attribute that holds each record's expiry in epoch seconds: the table's TTL attribute
 * (`TimeToLiveSpecification` in resources.json).
 *
 * @example
 * ```ts
 * const expired = Number(item[TTL_ATTRIBUTE]) < Date.now() / 1000;
 * ```
 */
export const TTL_ATTRIBUTE = 'ExpiresAt';

const USERNAME = 'username';
const ROOM = 'room';

/**
 * What the table knows about one connection: its nickname (`''` until the first message
 * sets it) and the room it is in, if any.
 *
 * @example
 * ```ts
 * const record: ConnectionRecord = { username: 'John', room: 'chalice' };
 * ```
 */
export interface ConnectionRecord {
  username: string;
  room?: string;
}

/**
 * One connection in a room, as listed by {@link Storage.getRoomMembers}.
 *
 * @example
 * ```ts
 * const member: RoomMember = { connectionId: 'BFHPhfCWIAMCKlQ=', username: 'Jenny' };
 * ```
 */
export interface RoomMember {
  connectionId: string;
  username: string;
}

/**
 * Options for {@link Storage}; both default to the environment.
 *
 * @example
 * ```ts
 * new Storage({ tableName: 'ChaliceChat', client: DynamoDBDocumentClient.from(new DynamoDBClient({})) });
 * ```
 */
export interface StorageOptions {
  /** The table; default: the `TABLE` environment variable, read on first use. */
  tableName?: string;
  /** The client; default: one built from the standard AWS environment (region, endpoint, credentials). */
  client?: DynamoDBDocumentClient;
}

/** `username_John` / `room_my_room`: the property, then the value after the FIRST `_`. */
function sortKey(property: string, value: string): string {
  return `${property}_${value}`;
}

function parseSortKey(sk: string): [property: string, value: string] {
  const at = sk.indexOf('_');
  return at < 0 ? [sk, ''] : [sk.slice(0, at), sk.slice(at + 1)];
}

function expiresAt(): number {
  return Math.floor(Date.now() / 1000) + CONNECTION_TTL_SECONDS;
}

/**
 * The chat's single DynamoDB table: each connection is a partition (`PK` = connection id) with
 * a `username_<name>` record and, while in a room, a `room_<room>` record. The `ReverseLookup`
 * index (hash `SK`, range `PK`) turns a room into the list of its connections. Every record
 * expires {@link CONNECTION_TTL_SECONDS} after it was written, so nothing depends on
 * `$disconnect` arriving.
 *
 * @example
 * ```ts
 * const storage = new Storage(); // table from TABLE, endpoint from the AWS environment
 * await storage.createConnection('BFHPhfCWIAMCKlQ=');
 * await storage.setUsername('BFHPhfCWIAMCKlQ=', '', 'John');
 * ```
 */
export class Storage {
  private client: DynamoDBDocumentClient | undefined;
  private tableName: string | undefined;

  constructor(options: StorageOptions = {}) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  /** Writes the stub of a new connection: a record with an empty username. */
  async createConnection(connectionId: string): Promise<void> {
    await this.put(connectionId, sortKey(USERNAME, ''));
  }

  /**
   * Replaces the username record (the name is part of the key) and, when the connection is
   * in `room`, the name its room record carries.
   */
  async setUsername(connectionId: string, oldName: string, username: string, room?: string): Promise<void> {
    await this.delete(connectionId, sortKey(USERNAME, oldName));
    await this.put(connectionId, sortKey(USERNAME, username));
    if (room === undefined) return;
    try {
      await this.db().send(
        new UpdateCommand({
          TableName: this.table(),
          Key: { PK: connectionId, SK: sortKey(ROOM, room) },
          UpdateExpression: 'SET Username = :username',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':username': username },
        }),
      );
    } catch (error) {
      // Left the room meanwhile: nothing to rename.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  /** Puts the connection in `room`, recording its name and when it joined (for listing order). */
  async setRoom(connectionId: string, room: string, username: string): Promise<void> {
    await this.put(connectionId, sortKey(ROOM, room), { Username: username, JoinedAt: Date.now() });
  }

  /** Takes the connection out of `room`. */
  async removeRoom(connectionId: string, room: string): Promise<void> {
    await this.delete(connectionId, sortKey(ROOM, room));
  }

  /** Every room somebody is in, sorted by name. */
  async listRooms(): Promise<string[]> {
    const rooms = new Set<string>();
    const pages = paginateScan(
      { client: this.db() },
      {
        TableName: this.table(),
        ProjectionExpression: 'SK',
        FilterExpression: 'begins_with(SK, :room)',
        ExpressionAttributeValues: { ':room': sortKey(ROOM, '') },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) rooms.add(parseSortKey(String(item.SK))[1]);
    }
    return [...rooms].sort();
  }

  /** The connections in `room` with their names, in the order they joined: one paginated query. */
  async getRoomMembers(room: string): Promise<RoomMember[]> {
    const members: Array<RoomMember & { joinedAt: number }> = [];
    const pages = paginateQuery(
      { client: this.db() },
      {
        TableName: this.table(),
        IndexName: 'ReverseLookup',
        KeyConditionExpression: 'SK = :sk',
        ExpressionAttributeValues: { ':sk': sortKey(ROOM, room) },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        members.push({
          connectionId: String(item.PK),
          username: String(item.Username ?? ''),
          joinedAt: Number(item.JoinedAt ?? 0),
        });
      }
    }
    members.sort((a, b) => a.joinedAt - b.joinedAt || (a.connectionId < b.connectionId ? -1 : 1));
    return members.map(({ connectionId, username }) => ({ connectionId, username }));
  }

  /** The connection ids in `room`. */
  async getConnectionIdsByRoom(room: string): Promise<string[]> {
    return (await this.getRoomMembers(room)).map((member) => member.connectionId);
  }

  /** Deletes every record of the connection. */
  async deleteConnection(connectionId: string): Promise<void> {
    const sortKeys = await this.sortKeysOf(connectionId);
    await Promise.all(sortKeys.map((sk) => this.delete(connectionId, sk)));
  }

  /** Reads the connection's records into one {@link ConnectionRecord} (strongly consistent). */
  async getRecordByConnection(connectionId: string): Promise<ConnectionRecord> {
    const record: ConnectionRecord = { username: '' };
    for (const sk of await this.sortKeysOf(connectionId)) {
      const [property, value] = parseSortKey(sk);
      if (property === USERNAME) record.username = value;
      else if (property === ROOM) record.room = value;
    }
    return record;
  }

  private async sortKeysOf(connectionId: string): Promise<string[]> {
    const sortKeys: string[] = [];
    const pages = paginateQuery(
      { client: this.db() },
      {
        TableName: this.table(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': connectionId },
        ProjectionExpression: 'SK',
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) sortKeys.push(String(item.SK));
    }
    return sortKeys;
  }

  private async put(connectionId: string, sk: string, attributes: Record<string, unknown> = {}): Promise<void> {
    await this.db().send(
      new PutCommand({
        TableName: this.table(),
        Item: { PK: connectionId, SK: sk, ...attributes, [TTL_ATTRIBUTE]: expiresAt() },
      }),
    );
  }

  private async delete(connectionId: string, sk: string): Promise<void> {
    await this.db().send(new DeleteCommand({ TableName: this.table(), Key: { PK: connectionId, SK: sk } }));
  }

  private db(): DynamoDBDocumentClient {
    this.client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
    return this.client;
  }

  private table(): string {
    this.tableName ??= process.env.TABLE;
    if (!this.tableName) {
      throw new Error(
        'The TABLE environment variable is not set: it names the chat table ' +
          '(resources.json sets it on every function; wsapp local sets it from --merge-template)',
      );
    }
    return this.tableName;
  }
}
