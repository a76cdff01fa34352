import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONNECTION_TTL_SECONDS, Storage } from '../lib/storage';
import { ChatClient } from './chat-client';
import { startChatGateway, type ChatGateway } from './chat-gateway';

describe('the chat table', () => {
  let gateway: ChatGateway;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    gateway = await startChatGateway();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await gateway.close();
  });

  it('stamps every record of a connection with an expiry 2 h 15 min after it was written', async () => {
    const before = Math.floor(Date.now() / 1000);
    const ann = await ChatClient.login(gateway.url, 'Ann');
    clients.push(ann);
    await ann.ask('/join den');
    const after = Math.ceil(Date.now() / 1000);

    const [connectionId] = gateway.connectionIds(); // Ann's: the only one open so far
    const records = await gateway.recordsOf(connectionId ?? '');

    expect(CONNECTION_TTL_SECONDS).toBe(8100);
    expect(records.map((r) => r.SK).sort()).toEqual(['room_den', 'username_Ann']);
    for (const record of records) {
      expect(record.ExpiresAt).toBeGreaterThanOrEqual(before + CONNECTION_TTL_SECONDS);
      expect(record.ExpiresAt).toBeLessThanOrEqual(after + CONNECTION_TTL_SECONDS);
    }
  });

  it("answers /ls in a room of ten with two DynamoDB requests: the asker's records and the room", async () => {
    // Prepare: ten members, every join announcement taken.
    const members: ChatClient[] = [];
    for (let i = 0; i < 10; i++) {
      const member = await ChatClient.login(gateway.url, `user ${i}`);
      members.push(member);
      clients.push(member);
      expect(await member.ask('/join hall')).toBe('Joined chat room "hall"');
      for (const earlier of members.slice(0, -1)) expect(await earlier.next()).toBe(`user ${i} joined room.`);
    }
    const last = members[9] as ChatClient;

    // Act
    const requestsBefore = gateway.dynamoRequests();
    const listing = await last.ask('/ls');

    // Assess: one query for the asker's record, one query of the room.
    expect(listing).toBe(Array.from({ length: 10 }, (_, i) => `user ${i}`).join('\n'));
    expect(gateway.dynamoRequests() - requestsBefore).toBe(2);
  });

  it('says what to set when the TABLE environment variable is missing', async () => {
    const saved = process.env.TABLE;
    delete process.env.TABLE;
    const endpoint = 'http://127.0.0.1:9'; // never reached: the table name is checked first
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1' }));
    try {
      await expect(new Storage({ client }).createConnection('AAAAAAAAAAAAAAA=')).rejects.toThrow(
        /^The TABLE environment variable is not set/,
      );
    } finally {
      if (saved !== undefined) process.env.TABLE = saved;
    }
  });
});
