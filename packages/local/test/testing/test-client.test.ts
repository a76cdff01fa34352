import { WebsocketDisconnectedError, WsApp, type WebsocketEvent } from '@wsapp/framework';
import { ConnectionRefusedError, createTestClient } from '@wsapp/local/testing';

function quietErrors(): () => void {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  return () => spy.mockRestore();
}

describe('createTestClient', () => {
  it('runs $connect with the query and headers of the handshake', async () => {
    const app = new WsApp({ name: 'test' });
    const seen: Array<{ token: string | undefined; protocol: string | undefined; userAgent: string | undefined }> = [];
    app.onWsConnect((event) => {
      seen.push({
        token: event.query.token,
        protocol: event.headers.get('sec-websocket-protocol'),
        userAgent: event.identity.userAgent,
      });
    });
    const client = createTestClient(app);
    await client.connect({ query: { token: 'abc' }, headers: { 'Sec-WebSocket-Protocol': 'chat.v1', 'User-Agent': 'jest' } });
    expect(seen).toEqual([{ token: 'abc', protocol: 'chat.v1', userAgent: 'jest' }]);
  });

  it('rejects connect with the status the $connect handler refuses with', async () => {
    const app = new WsApp({ name: 'test' });
    app.onWsConnect((event) => (event.query.token === 'secret' ? undefined : { statusCode: 401 }));
    const client = createTestClient(app);
    const refusal = await client.connect().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConnectionRefusedError);
    expect(refusal).toMatchObject({ statusCode: 401 });
    await expect(client.connect({ query: { token: 'secret' } })).resolves.toMatchObject({ isOpen: true });
  });

  it('lists what the app sent to each connection through app.websocketApi', async () => {
    const app = new WsApp({ name: 'echo' });
    app.onWsMessage((event) => app.websocketApi.send(event.connectionId, `echo: ${event.body}`));
    const client = createTestClient(app);
    const first = await client.connect();
    const second = await client.connect();
    await first.send('foo');
    await second.send('bar');
    await first.send('baz');
    expect(first.received).toEqual(['echo: foo', 'echo: baz']);
    expect(second.received).toEqual(['echo: bar']);
  });

  it('runs the custom route the selection expression picks and sends two-way responses back', async () => {
    const app = new WsApp({ name: 'routes' });
    const calls: string[] = [];
    app.onWsMessage((event) => void calls.push(`default:${event.body}`));
    app.onWsRoute('ping', () => 'pong', { twoWay: true });
    app.onWsRoute('join', (event) => void calls.push(`join:${(event.jsonBody as { room: string }).room}`));
    const conn = await createTestClient(app).connect();
    await conn.send('{"action":"join","room":"lobby"}');
    await conn.send('{"action":"ping"}');
    await conn.send('not json');
    expect(calls).toEqual(['join:lobby', 'default:not json']);
    expect(conn.received).toEqual(['pong']);
  });

  it('receives the Forbidden frame when no route matches and the app has no $default', async () => {
    const app = new WsApp({ name: 'strict' });
    app.onWsRoute('join', () => undefined);
    const conn = await createTestClient(app, { deterministic: true }).connect();
    await conn.send('{"action":"leave"}');
    expect(conn.received).toHaveLength(1);
    expect(JSON.parse(conn.received[0]!)).toEqual({
      message: 'Forbidden',
      connectionId: conn.connectionId,
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{15}=$/),
    });
  });

  it('rejects send with the error a handler throws and keeps the connection open', async () => {
    const app = new WsApp({ name: 'boom' });
    const logged: string[] = [];
    app.log.setSink((_record, line) => logged.push(line));
    app.onWsMessage((event) => {
      if (event.body === 'boom') throw new Error('handler failed');
      return app.websocketApi.send(event.connectionId, 'ok');
    });
    const conn = await createTestClient(app).connect();
    const restore = quietErrors();
    try {
      await expect(conn.send('boom')).rejects.toThrow('handler failed');
    } finally {
      restore();
    }
    await conn.send('fine');
    expect(conn.received).toEqual(['ok']);
    expect(logged).toEqual([expect.stringContaining('"message":"Websocket handler failed"')]);
  });

  it('runs $disconnect with the close code, after which sends and info get 410 as in AWS', async () => {
    const app = new WsApp({ name: 'bye' });
    const disconnects: Array<[number | undefined, string | undefined]> = [];
    app.onWsDisconnect((event) => void disconnects.push([event.disconnectStatusCode, event.disconnectReason]));
    const client = createTestClient(app);
    const conn = await client.connect();
    const info = await app.websocketApi.info(conn.connectionId);
    expect(info.identity.sourceIp).toBe('127.0.0.1');
    expect(info.connectedAt).toBeInstanceOf(Date);

    await conn.close(4000, 'bye');

    expect(disconnects).toEqual([[4000, 'bye']]);
    await expect(app.websocketApi.send(conn.connectionId, 'late')).rejects.toBeInstanceOf(WebsocketDisconnectedError);
    await expect(app.websocketApi.info(conn.connectionId)).rejects.toBeInstanceOf(WebsocketDisconnectedError);
    await expect(conn.send('after close')).rejects.toThrow(/closed/);
  });

  it('reports 1005 with API Gateway reason when the client closes without a code', async () => {
    const app = new WsApp({ name: 'bye' });
    let reason: string | undefined;
    app.onWsDisconnect((event) => void (reason = event.disconnectReason));
    const conn = await createTestClient(app).connect();
    await conn.close();
    expect(reason).toBe('Client-side close frame status not set');
  });

  it('closes the connection and runs $disconnect when the app calls websocketApi.close', async () => {
    const app = new WsApp({ name: 'kick' });
    let disconnectCode: number | undefined;
    app.onWsMessage((event) => app.websocketApi.close(event.connectionId));
    app.onWsDisconnect((event) => void (disconnectCode = event.disconnectStatusCode));
    const conn = await createTestClient(app).connect();
    await conn.send('kick me');
    await conn.disconnected;
    expect(conn.isOpen).toBe(false);
    expect(conn.closeCode).toBe(1000);
    expect(disconnectCode).toBe(1000);
  });

  it('answers 410 to a send during $connect, because the connection does not exist yet', async () => {
    const app = new WsApp({ name: 'eager' });
    let duringConnect: unknown;
    app.onWsConnect(async (event) => {
      duringConnect = await app.websocketApi.send(event.connectionId, 'too early').catch((error: unknown) => error);
    });
    const conn = await createTestClient(app).connect();
    expect(duringConnect).toBeInstanceOf(WebsocketDisconnectedError);
    expect(conn.received).toEqual([]);
  });

  it('runs the messages of one connection in the order they were sent', async () => {
    const app = new WsApp({ name: 'order' });
    const order: string[] = [];
    app.onWsMessage(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, event.body === 'slow' ? 30 : 0));
      order.push(event.body);
    });
    const conn = await createTestClient(app).connect();
    await Promise.all([conn.send('slow'), conn.send('fast'), conn.send('last')]);
    expect(order).toEqual(['slow', 'fast', 'last']);
  });

  it('gives the same ids and times on every run when deterministic', async () => {
    const run = async (): Promise<unknown[]> => {
      const app = new WsApp({ name: 'det' });
      const seen: unknown[] = [];
      const record = (event: WebsocketEvent): void =>
        void seen.push([event.routeKey, event.connectionId, event.requestId, event.requestTime.toISOString(), event.connectedAt.getTime()]);
      app.onWsConnect(record);
      app.onWsMessage(record);
      app.onWsDisconnect(record);
      const conn = await createTestClient(app, { deterministic: true }).connect();
      await conn.send('x');
      await conn.close(1000);
      return seen;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first[0]).toEqual(['$connect', 'AAAAAAAAAAAAAAE=', 'AAAAAAAAAAAAAAI=', '2024-11-11T11:35:24.000Z', 1731324924000]);
  });

  it('closes every open connection on dispose and detaches from the app', async () => {
    const app = new WsApp({ name: 'dispose' });
    const codes: Array<number | undefined> = [];
    app.onWsDisconnect((event) => void codes.push(event.disconnectStatusCode));
    const client = createTestClient(app);
    await client.connect();
    await client.connect();
    await client.dispose();
    expect(codes).toEqual([1001, 1001]);
    await expect(app.websocketApi.send('x', 'y')).rejects.toThrow(/No websocket management endpoint/);
  });
});
