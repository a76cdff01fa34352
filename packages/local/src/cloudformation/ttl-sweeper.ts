import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { GatewayClock, GatewayTimer } from '../gateway/clock';

/**
 * A table whose template enables TTL: its name, key attributes and TTL attribute.
 *
 * @example
 * ```ts
 * const table: TtlTable = { tableName: 'ChaliceChat', keyAttributes: ['PK', 'SK'], attributeName: 'ExpiresAt' };
 * ```
 */
export interface TtlTable {
  tableName: string;
  keyAttributes: readonly string[];
  attributeName: string;
}

/**
 * What one TTL sweep did: when it ran (the clock's epoch milliseconds) and how many expired
 * items it deleted from each TTL table.
 *
 * @example
 * ```ts
 * const sweep: TtlSweep = { at: 1731324925000, deleted: { ChaliceChat: 2 } };
 * ```
 */
export interface TtlSweep {
  at: number;
  deleted: Readonly<Record<string, number>>;
}

/**
 * A running sweeper; `stop()` cancels the next sweep and waits for one in progress.
 *
 * @example
 * ```ts
 * await sweeper.stop();
 * ```
 */
export interface TtlSweeper {
  stop(): Promise<void>;
}

/** DynamoDB leaves alone an item whose TTL is more than five years in the past. */
const FIVE_YEARS_S = 5 * 365 * 24 * 60 * 60;

function expiryCondition(table: TtlTable, nowMs: number) {
  const nowSeconds = nowMs / 1000;
  return {
    // A comparison with a number never matches a string, so non-numbers are left alone too.
    expression: '#ttl < :now AND #ttl >= :oldest',
    names: { '#ttl': table.attributeName },
    values: { ':now': { N: String(nowSeconds) }, ':oldest': { N: String(nowSeconds - FIVE_YEARS_S) } },
  };
}

/** Deletes the items of `table` whose TTL has passed at `nowMs`, page by page; resolves to how many. */
async function sweepTable(client: DynamoDBClient, table: TtlTable, nowMs: number, stopped: () => boolean): Promise<number> {
  const { ScanCommand, DeleteItemCommand } = await import('@aws-sdk/client-dynamodb');
  const condition = expiryCondition(table, nowMs);
  const keyNames = Object.fromEntries(table.keyAttributes.map((name, index) => [`#k${index}`, name]));
  let deleted = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: condition.expression,
        ProjectionExpression: Object.keys(keyNames).join(', '),
        ExpressionAttributeNames: { ...condition.names, ...keyNames },
        ExpressionAttributeValues: condition.values,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const key of page.Items ?? []) {
      if (stopped()) return deleted;
      try {
        // The condition again: an item written anew since the scan stays.
        await client.send(
          new DeleteItemCommand({
            TableName: table.tableName, Key: key, ConditionExpression: condition.expression,
            ExpressionAttributeNames: condition.names, ExpressionAttributeValues: condition.values,
          }),
        );
        deleted++;
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start && !stopped());
  return deleted;
}

/**
 * Options for {@link startTtlSweeper}.
 *
 * @example
 * ```ts
 * const options: TtlSweeperOptions = { client, tables, clock: systemClock, intervalMs: 1_000 };
 * ```
 */
export interface TtlSweeperOptions {
  client: DynamoDBClient;
  tables: readonly TtlTable[];
  clock: GatewayClock;
  intervalMs: number;
  onSweep?: (sweep: TtlSweep) => void;
  log?: (line: string) => void;
}

/**
 * Emulates DynamoDB's TTL: every `intervalMs` of `clock` time (the next one counted from the end
 * of the last), deletes the items of each table whose TTL attribute is a number of epoch
 * seconds in the past (and not more than five years in the past, as DynamoDB). A table that
 * fails is logged once until it works again; the sweep goes on.
 *
 * @example
 * ```ts
 * const sweeper = startTtlSweeper({ client, tables, clock: systemClock, intervalMs: 1_000 });
 * await sweeper.stop();
 * ```
 */
export function startTtlSweeper(options: TtlSweeperOptions): TtlSweeper {
  const { clock, tables } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const failing = new Set<string>();
  let stopped = false;
  let timer: GatewayTimer | undefined;
  let running: Promise<void> = Promise.resolve();
  const sweepOnce = async (): Promise<void> => {
    const at = clock.now();
    const deleted: Record<string, number> = {};
    for (const table of tables) {
      if (stopped) return;
      try {
        deleted[table.tableName] = await sweepTable(options.client, table, at, () => stopped);
        failing.delete(table.tableName);
      } catch (error) {
        if (!failing.has(table.tableName)) log(`wsapp embedded DynamoDB: TTL sweep of ${table.tableName} failed: ${(error as Error).message}`);
        failing.add(table.tableName);
      }
    }
    if (stopped) return;
    try {
      options.onSweep?.({ at, deleted });
    } catch (error) {
      log(`wsapp embedded DynamoDB: the onTtlSweep callback threw: ${(error as Error).message}`);
    }
  };
  const schedule = (): void => {
    if (stopped || tables.length === 0) return;
    timer = clock.setTimer(options.intervalMs, () => {
      running = sweepOnce().finally(schedule);
    });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      timer?.cancel();
      await running.catch(() => undefined);
    },
  };
}
