// Runs the snippets of docs/snippets/ that the topics show: in process with createTestClient, and
// over real sockets on 127.0.0.1 through the local gateway.
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { createTestClient } from '@wsapp/local/testing';
import WebSocket from 'ws';
import { app as authApp } from '../snippets/auth';
import { app as sendingApp, members, notify } from '../snippets/sending';

/** A `ws` client that queues the text frames it receives. */
async function open(url: string, protocols?: string[]): Promise<{ socket: WebSocket; next(): Promise<string>; closed: Promise<number> }> {
  const socket = new WebSocket(url, protocols);
  const frames: string[] = [];
  const waiting: Array<(text: string) => void> = [];
  socket.on('message', (data: Buffer) => {
    const resolve = waiting.shift();
    if (resolve) resolve(data.toString('utf8'));
    else frames.push(data.toString('utf8'));
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code: number) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
    socket.once('error', reject);
  });
  return {
    socket,
    closed,
    next: () => new Promise((resolve) => (frames.length > 0 ? resolve(frames.shift() as string) : waiting.push(resolve))),
  };
}

describe('docs/snippets/auth.ts', () => {
  // #region auth-test
  it('refuses a connection without a token with 401 and one with an unknown token with 403', async () => {
    const client = createTestClient(authApp);

    await expect(client.connect()).rejects.toMatchObject({ statusCode: 401 });
    await expect(client.connect({ query: { token: 'wrong' } })).rejects.toMatchObject({ statusCode: 403 });
    await client.dispose();
  });

  it('accepts a token in the query string and remembers the user', async () => {
    const client = createTestClient(authApp);
    const conn = await client.connect({ query: { token: 'secret-token-1' } });

    await conn.send('hi');

    expect(conn.received).toEqual(['alice: hi']);
    await client.dispose();
  });
  // #endregion auth-test

  it('accepts a token offered as a subprotocol, in process', async () => {
    const client = createTestClient(authApp);
    const conn = await client.connect({ headers: { 'Sec-WebSocket-Protocol': 'chat.v1, secret-token-1' } });

    await conn.send('hello');

    expect(conn.received).toEqual(['alice: hello']);
    await client.dispose();
  });

  describe('over real sockets', () => {
    let gateway: LocalGateway;
    beforeAll(async () => {
      gateway = await startLocalGateway(authApp, { port: 0 });
    });
    afterAll(() => gateway.close());

    it('answers the handshake with the chat.v1 subprotocol when the token is offered next to it', async () => {
      const client = await open(gateway.url, ['chat.v1', 'secret-token-1']);

      client.socket.send('hello');

      expect(client.socket.protocol).toBe('chat.v1');
      expect(await client.next()).toBe('alice: hello');
      client.socket.close();
    });

    it('accepts a token in the query string without a subprotocol', async () => {
      const client = await open(`${gateway.url}?token=secret-token-1`);

      client.socket.send('hi');

      expect(client.socket.protocol).toBe('');
      expect(await client.next()).toBe('alice: hi');
      client.socket.close();
    });

    it('fails the handshake with HTTP 401 without a token', async () => {
      await expect(open(gateway.url)).rejects.toThrow('refused with 401');
    });
  });
});

describe('docs/snippets/sending.ts', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startLocalGateway(sendingApp, { port: 0 });
  });
  afterAll(() => gateway.close());

  it('broadcasts to every member and forgets the ones that are gone', async () => {
    const alice = await open(gateway.url);
    const bob = await open(gateway.url);
    members.add('AAAAAAAAAAAAAAA='); // a member whose $disconnect never arrived

    alice.socket.send('hello all');

    expect(await alice.next()).toBe('hello all');
    expect(await bob.next()).toBe('hello all');
    alice.socket.send(JSON.stringify({ action: 'whoami' }));
    expect(members.has(await alice.next())).toBe(true);
    expect(members.has('AAAAAAAAAAAAAAA=')).toBe(false);
    alice.socket.close();
    bob.socket.close();
  });

  it('answers a heartbeat on the two-way ping route', async () => {
    const client = await open(gateway.url);

    client.socket.send(JSON.stringify({ action: 'ping' }));

    expect(await client.next()).toBe('pong');
    client.socket.close();
  });

  it('describes and closes a connection on kick', async () => {
    const client = await open(gateway.url);

    client.socket.send(JSON.stringify({ action: 'kick' }));

    expect(await client.next()).toMatch(/^bye; you connected at \d{4}-\d\d-\d\dT/);
    expect(await client.closed).toBe(1000);
  });

  it('sends from outside a handler once the endpoint is configured, and reports a gone connection', async () => {
    const client = await open(gateway.url);
    client.socket.send(JSON.stringify({ action: 'whoami' }));
    const connectionId = await client.next();

    expect(await notify(gateway.managementEndpoint, connectionId, 'from a queue')).toBe(true);
    expect(await client.next()).toBe('from a queue');
    client.socket.close();
    await client.closed;
    expect(await notify(gateway.managementEndpoint, 'AAAAAAAAAAAAAAA=', 'too late')).toBe(false);
  });
});
