import { WebsocketDisconnectedError, WsApp, WsAppConfigurationError } from '@wsapp/framework';
import { createTestClient, type TestClient, type TestConnection } from '@wsapp/local/testing';

function echoApp(): WsApp {
  const app = new WsApp({ name: 'shared' });
  app.onWsMessage((event) => app.websocketApi.send(event.connectionId, `echo: ${event.body}`));
  return app;
}

describe('two test clients on one app', () => {
  it('keeps the connections of both reachable through app.websocketApi', async () => {
    // Prepare
    const app = echoApp();
    const first = createTestClient(app);
    const second = createTestClient(app);
    const [a, b] = [await first.connect(), await second.connect()];

    // Act
    await a.send('to the first');
    await b.send('to the second');
    await app.websocketApi.send(a.connectionId, 'direct to the first');
    await app.websocketApi.send(b.connectionId, 'direct to the second');
    const infos = [await app.websocketApi.info(a.connectionId), await app.websocketApi.info(b.connectionId)];

    // Assess
    expect(a.received).toEqual(['echo: to the first', 'direct to the first']);
    expect(b.received).toEqual(['echo: to the second', 'direct to the second']);
    expect(infos.map((info) => info.connectedAt.getTime())).toEqual([a.connectedAt, b.connectedAt]);
    await first.dispose();
    await second.dispose();
  });

  it.each([
    ['the first', 0],
    ['the second', 1],
  ])('leaves the other client working when %s one is disposed', async (_which, disposed) => {
    // Prepare
    const app = echoApp();
    const clients: TestClient[] = [createTestClient(app), createTestClient(app)];
    const connections: TestConnection[] = [await clients[0]!.connect(), await clients[1]!.connect()];
    const [gone, kept] = [connections[disposed]!, connections[1 - disposed]!];

    // Act
    await clients[disposed]!.dispose();

    // Assess
    expect([gone.isOpen, gone.closeCode]).toEqual([false, 1001]);
    await expect(app.websocketApi.send(gone.connectionId, 'late')).rejects.toBeInstanceOf(WebsocketDisconnectedError);
    await kept.send('still here');
    await app.websocketApi.send(kept.connectionId, 'direct');
    expect(kept.received).toEqual(['echo: still here', 'direct']);
    await clients[1 - disposed]!.dispose();
  });

  it('gives deterministic clients distinct connection ids, so that each reply reaches its own connection', async () => {
    // Prepare
    const app = echoApp();
    const first = createTestClient(app, { deterministic: true });
    const second = createTestClient(app, { deterministic: true });
    const a = await first.connect();
    const [b, c] = await Promise.all([second.connect(), second.connect()]);

    // Act
    await b.send('to b');
    await a.send('to a');
    await c.send('to c');

    // Assess
    expect(a.connectionId).toBe('AAAAAAAAAAAAAAE=');
    expect(new Set([a.connectionId, b.connectionId, c.connectionId]).size).toBe(3);
    expect([a.received, b.received, c.received]).toEqual([['echo: to a'], ['echo: to b'], ['echo: to c']]);
    await first.dispose();
    await second.dispose();
  });

  it('resets app.websocketApi once both are disposed, so a send fails with the configuration error', async () => {
    const app = echoApp();
    const first = createTestClient(app);
    const second = createTestClient(app);
    const b = await second.connect();
    await first.connect();

    await first.dispose();
    await second.dispose();

    const failure = await app.websocketApi.send(b.connectionId, 'nobody is listening').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WsAppConfigurationError);
    expect(failure).toMatchObject({ message: expect.stringContaining('No websocket management endpoint') });
  });
});
