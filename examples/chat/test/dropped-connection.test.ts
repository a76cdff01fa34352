import { ChatClient } from './chat-client';
import { startChatGateway, type ChatGateway } from './chat-gateway';

describe('connections that go away', () => {
  let gateway: ChatGateway;
  const clients: ChatClient[] = [];

  /** Logs in and joins `room`, returning the client and its connection id. */
  async function enter(name: string, room: string): Promise<{ client: ChatClient; connectionId: string }> {
    const before = new Set(gateway.connectionIds());
    const client = await ChatClient.login(gateway.url, name);
    clients.push(client);
    const connectionId = gateway.connectionIds().find((id) => !before.has(id));
    if (!connectionId) throw new Error(`No new connection for ${name}`);
    expect(await client.ask(`/join ${room}`)).toBe(`Joined chat room "${room}"`);
    return { client, connectionId };
  }

  beforeAll(async () => {
    gateway = await startChatGateway();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await gateway.close();
  });

  it('deletes the records of a client that drops without a close frame, and the room carries on', async () => {
    // Prepare
    const ann = await enter('Ann', 'porch');
    const bob = await enter('Bob', 'porch');
    const cid = await enter('Cid', 'porch');
    expect(await ann.client.next()).toBe('Bob joined room.');
    expect(await ann.client.next()).toBe('Cid joined room.');
    expect(await bob.client.next()).toBe('Cid joined room.');
    expect((await gateway.recordsOf(cid.connectionId)).map((r) => r.SK).sort()).toEqual(['room_porch', 'username_Cid']);

    // Act
    await cid.client.terminate();
    const disconnect = await gateway.disconnected(cid.connectionId);

    // Assess
    expect(disconnect.detail).toMatch(/^1006\b/);
    expect(await gateway.recordsOf(cid.connectionId)).toEqual([]);
    expect(await ann.client.ask('still here?')).toBe('Ann: still here?');
    expect(await bob.client.next()).toBe('Ann: still here?');
    expect(await bob.client.ask('/ls')).toBe('Ann\nBob');
    expect(await bob.client.ask('yes')).toBe('Bob: yes');
    expect(await ann.client.next()).toBe('Bob: yes');
  });

  it('forgets a connection whose $disconnect never came the first time its room talks to it', async () => {
    // Prepare: records as a lost $disconnect leaves them, for an id the gateway does not know.
    const ann = await enter('Ann', 'attic');
    const ghost = 'R2hvc3RHb25lAA==';
    await gateway.putRecord({ PK: ghost, SK: 'username_Ghost' });
    await gateway.putRecord({ PK: ghost, SK: 'room_attic', Username: 'Ghost', JoinedAt: 0 });
    expect(await ann.client.ask('/ls')).toBe('Ghost\nAnn');

    // Act: the broadcast reaches the ghost, API Gateway answers 410 Gone.
    expect(await ann.client.ask('anyone?')).toBe('Ann: anyone?');

    // Assess (Ann's handlers run in order: once /ls answers, the broadcast and its cleanup are done)
    expect(await ann.client.ask('/ls')).toBe('Ann');
    expect(await gateway.recordsOf(ghost)).toEqual([]);
  });
});
