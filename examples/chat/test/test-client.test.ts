import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '@wsapp/local';
import { createTestClient, type TestClient } from '@wsapp/local/testing';
import resources from '../resources.json';
import { app } from '../app';

describe('chat example, with the in-process test client and the embedded DynamoDB', () => {
  let db: EmbeddedDynamoDb;
  let client: TestClient;

  beforeAll(async () => {
    db = await startEmbeddedDynamoDb(resources);
    Object.assign(process.env, db.environment); // TABLE and AWS_ENDPOINT_URL_DYNAMODB, as on Lambda
    client = createTestClient(app);
  });
  afterAll(async () => {
    await client.dispose();
    await db.close();
  });

  it('takes the first message as the nickname and chats within a room', async () => {
    const john = await client.connect();
    const jenny = await client.connect();
    await john.send('John');
    await jenny.send('Jenny');
    expect(john.received).toEqual(['Using nickname: John\nType /help for list of commands.']);

    await john.send('/join chalice');
    await jenny.send('/join chalice');
    await john.send('Hi');

    expect(john.received.slice(1)).toEqual(['Joined chat room "chalice"', 'Jenny joined room.', 'John: Hi']);
    expect(jenny.received.slice(1)).toEqual(['Joined chat room "chalice"', 'John: Hi']);
  });

  it('answers an unknown command with its name', async () => {
    const conn = await client.connect();
    await conn.send('Ann');
    await conn.send('/dance');
    expect(conn.received.at(-1)).toBe('Unknown command: dance');
  });

  it('forgets a connection when it disconnects', async () => {
    const conn = await client.connect();
    await conn.send('Zed');
    await conn.send('/join lonely');
    await conn.close(1000);
    const watcher = await client.connect();
    await watcher.send('Watcher');
    await watcher.send('/ls');
    expect(watcher.received.at(-1)?.split('\n')).not.toContain('lonely');
  });
});
