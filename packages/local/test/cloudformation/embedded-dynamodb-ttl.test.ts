import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb, type GatewayTimer, type MergeTemplate, type TtlSweep } from '@wsapp/local';
import { manualClock, type ManualClock } from '@wsapp/local/testing';

/** The chat example's table (resources.json), whose TimeToLiveSpecification enables ExpiresAt. */
const chatTableWithTtl = (): MergeTemplate =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'chat-table-ttl.json'), 'utf8')) as MergeTemplate;

const SIX_YEARS_S = 6 * 365 * 24 * 60 * 60;

/** A manual clock that also counts its timers still pending (neither fired nor cancelled). */
function countingClock(): ManualClock & { pending(): number } {
  const inner = manualClock();
  let pending = 0;
  return {
    now: () => inner.now(),
    advance: (ms) => inner.advance(ms),
    pending: () => pending,
    setTimer(ms, fire): GatewayTimer {
      let settled = false;
      const settle = () => {
        if (!settled) pending--;
        settled = true;
      };
      pending++;
      const timer = inner.setTimer(ms, () => {
        settle();
        fire();
      });
      return {
        cancel: () => {
          settle();
          timer.cancel();
        },
      };
    },
  };
}

/** Starts the database on a manual clock, with a promise for each sweep's record. */
async function startOnManualClock(options: { ttlSweepIntervalMs?: number } = {}) {
  const clock = countingClock();
  const sweeps: TtlSweep[] = [];
  const waiting: Array<(sweep: TtlSweep) => void> = [];
  const db = await startEmbeddedDynamoDb(chatTableWithTtl(), {
    clock,
    ...options,
    onTtlSweep: (sweep) => {
      sweeps.push(sweep);
      waiting.shift()?.(sweep);
    },
  });
  const nextSweep = () => new Promise<TtlSweep>((resolve) => waiting.push(resolve));
  return { clock, db, sweeps, nextSweep, client: new DynamoDBClient({ endpoint: db.endpoint, region: 'us-east-1' }) };
}

function put(client: DynamoDBClient, pk: string, expiresAt?: AttributeValue) {
  const item: Record<string, AttributeValue> = { PK: { S: pk }, SK: { S: 'username_' } };
  if (expiresAt) item.ExpiresAt = expiresAt;
  return client.send(new PutItemCommand({ TableName: 'ChaliceChat', Item: item }));
}

async function storedKeys(client: DynamoDBClient): Promise<string[]> {
  const { Items = [] } = await client.send(new ScanCommand({ TableName: 'ChaliceChat' }));
  return Items.map((item) => item.PK?.S as string).sort();
}

describe('TTL in the embedded DynamoDB', () => {
  let running: { db: EmbeddedDynamoDb; client: DynamoDBClient } | undefined;
  afterEach(async () => {
    running?.client.destroy();
    await running?.db.close();
    running = undefined;
  });

  it('handles TimeToLiveSpecification without a warning, and names the TTL attribute', async () => {
    const started = await startOnManualClock();
    running = started;

    expect(started.db.warnings).toEqual([]);
    expect(started.db.tables).toEqual([
      {
        logicalId: 'ChaliceChatTable',
        tableName: 'ChaliceChat',
        arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/ChaliceChat',
        timeToLiveAttribute: 'ExpiresAt',
      },
    ]);
  });

  it('deletes the items past their ExpiresAt at the next sweep, and keeps the others', async () => {
    // Prepare: one item of each kind DynamoDB's TTL tells apart.
    const { clock, client, db, nextSweep } = await startOnManualClock();
    running = { db, client };
    const nowS = clock.now() / 1000;
    await put(client, 'expired', { N: String(nowS - 60) });
    await put(client, 'future', { N: String(nowS + 3600) });
    await put(client, 'no-ttl');
    await put(client, 'string-ttl', { S: String(nowS - 60) });
    await put(client, 'over-five-years-ago', { N: String(nowS - SIX_YEARS_S) });
    const beforeSweep = await client.send(new GetItemCommand({ TableName: 'ChaliceChat', Key: { PK: { S: 'expired' }, SK: { S: 'username_' } } }));

    // Act
    const swept = nextSweep();
    await clock.advance(1_000);
    const sweep = await swept;

    // Assess: until the sweep an expired item is still read, as on DynamoDB; then it is gone, from the index too.
    expect(beforeSweep.Item?.PK).toEqual({ S: 'expired' });
    expect(sweep).toEqual({ at: clock.now(), deleted: { ChaliceChat: 1 } });
    expect(await storedKeys(client)).toEqual(['future', 'no-ttl', 'over-five-years-ago', 'string-ttl']);
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: 'ChaliceChat',
        IndexName: 'ReverseLookup',
        KeyConditionExpression: 'SK = :sk',
        ExpressionAttributeValues: { ':sk': { S: 'username_' } },
      }),
    );
    expect(Items.map((item) => item.PK?.S)).not.toContain('expired');
  });

  it('deletes an item that expires between two sweeps at the second, as the clock moves', async () => {
    const { clock, client, db, sweeps, nextSweep } = await startOnManualClock({ ttlSweepIntervalMs: 10_000 });
    running = { db, client };
    await put(client, 'soon', { N: String(clock.now() / 1000 + 5) });

    await clock.advance(6_000); // expired now, but no sweep yet
    const stillThere = await storedKeys(client);
    const swept = nextSweep();
    await clock.advance(4_000);
    const sweep = await swept;

    expect(stillThere).toEqual(['soon']);
    expect(sweeps).toHaveLength(1);
    expect(sweep.deleted).toEqual({ ChaliceChat: 1 });
    expect(await storedKeys(client)).toEqual([]);
  });

  it('stops sweeping on close()', async () => {
    const { clock, client, db, sweeps } = await startOnManualClock();
    await put(client, 'expired', { N: String(clock.now() / 1000 - 60) });
    client.destroy();
    const pendingBefore = clock.pending();

    await db.close();
    const pendingAfter = clock.pending();
    await clock.advance(60_000);

    expect([pendingBefore, pendingAfter]).toEqual([1, 0]);
    expect(sweeps).toEqual([]);
  });

  it('leaves a table alone when its TimeToLiveSpecification is disabled, and warns when it names no attribute', async () => {
    const template = chatTableWithTtl();
    const table = template.Resources?.ChaliceChatTable?.Properties as Record<string, unknown>;
    template.Resources!.Other = { Type: 'AWS::DynamoDB::Table', Properties: { ...table, TableName: 'Other', TimeToLiveSpecification: { Enabled: true } } };
    table.TimeToLiveSpecification = { AttributeName: 'ExpiresAt', Enabled: false };

    const db = await startEmbeddedDynamoDb(template, { clock: manualClock() });
    await db.close();

    expect(db.tables.map((entry) => entry.timeToLiveAttribute)).toEqual([undefined, undefined]);
    expect(db.warnings).toEqual(['Table Other: TimeToLiveSpecification needs Enabled and an AttributeName locally; TTL is not emulated']);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses ttlSweepIntervalMs %p', async (ms) => {
    await expect(startEmbeddedDynamoDb(chatTableWithTtl(), { ttlSweepIntervalMs: ms })).rejects.toThrow(
      `Invalid ttlSweepIntervalMs ${String(ms)}: use a number of milliseconds above 0`,
    );
  });
});
