import { WsApp } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { connect } from './helpers';

describe('local gateway routing and responses', () => {
  const gateways: LocalGateway[] = [];
  const start = async (app: WsApp, options = {}): Promise<LocalGateway> => {
    const gateway = await startLocalGateway(app, { port: 0, ...options });
    gateways.push(gateway);
    return gateway;
  };
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    errors.mockRestore();
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  });

  it('routes by the action field, and sends non-JSON bodies and unknown actions to $default', async () => {
    const app = new WsApp({ name: 'routes' });
    app.onWsRoute('join', (event) => `join:${event.routeKey}`, { twoWay: true });
    app.onWsMessage((event) => `default:${event.routeKey}`, { twoWay: true });
    const gateway = await start(app);
    const client = await connect(gateway.url);

    client.socket.send('{"action":"join"}');
    client.socket.send('{"action":"leave"}');
    client.socket.send('plain text');
    client.socket.send('{"action":"$connect"}');

    expect([await client.next(), await client.next(), await client.next(), await client.next()]).toEqual([
      'join:join',
      'default:$default',
      'default:$default',
      'default:$default',
    ]);
    client.socket.close();
  });

  it('selects routes with an expression that combines several variables', async () => {
    const app = new WsApp({ name: 'combined', routeSelectionExpression: '${request.body.service}/${request.body.op}' });
    app.onWsRoute('chat/send', () => 'chat-send', { twoWay: true });
    app.onWsMessage(() => 'default', { twoWay: true });
    const gateway = await start(app);
    const client = await connect(gateway.url);

    client.socket.send('{"service":"chat","op":"send"}');
    client.socket.send('{"service":"chat"}');

    expect([await client.next(), await client.next()]).toEqual(['chat-send', 'default']);
    client.socket.close();
  });

  it('sends the Forbidden frame when no route matches and there is no $default', async () => {
    const app = new WsApp({ name: 'forbidden' });
    app.onWsRoute('join', () => undefined);
    const gateway = await start(app);
    const client = await connect(gateway.url);
    const connectionId = [...gateway.connections.keys()][0];

    client.socket.send('{"action":"other"}');

    const frame = JSON.parse(await client.next()) as Record<string, string>;
    expect(frame).toEqual({ message: 'Forbidden', connectionId, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{15}=$/) });
    client.socket.close();
  });

  it('sends the Internal server error frame with the real ids when a handler throws, and keeps the connection open', async () => {
    const app = new WsApp({ name: 'throws' });
    const requestIds: string[] = [];
    app.onWsMessage((event) => {
      requestIds.push(event.requestId);
      if (event.body === 'boom') throw new Error('boom');
      return 'fine';
    }, { twoWay: true });
    const logged: string[] = [];
    app.log.setSink((_record, line) => logged.push(line));
    const gateway = await start(app);
    const client = await connect(gateway.url);

    client.socket.send('boom');
    const frame = JSON.parse(await client.next()) as Record<string, string>;
    client.socket.send('again');

    expect(frame).toEqual({
      message: 'Internal server error',
      connectionId: [...gateway.connections.keys()][0],
      requestId: requestIds[0],
    });
    expect(await client.next()).toBe('fine');
    expect(logged).toEqual([expect.stringContaining('"message":"Websocket handler failed"')]);
    client.socket.close();
  });

  it('sends the Internal server error frame when a handler exceeds the integration timeout', async () => {
    const app = new WsApp({ name: 'slow' });
    app.onWsMessage(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    });
    const gateway = await start(app, { limits: { integrationTimeoutMs: 50 } });
    const client = await connect(gateway.url);

    client.socket.send('slow');

    expect(JSON.parse(await client.next())).toMatchObject({ message: 'Internal server error' });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('timed out after 50 ms'));
    client.socket.close();
  });

  it('treats a handler that returns nothing as a success and sends nothing back', async () => {
    const app = new WsApp({ name: 'quiet' });
    app.onWsRoute('ping', () => 'pong', { twoWay: true });
    app.onWsMessage(() => undefined, { twoWay: true });
    const gateway = await start(app);
    const client = await connect(gateway.url);

    client.socket.send('nothing to say');
    client.socket.send('{"action":"ping"}');

    expect(await client.next()).toBe('pong');
    expect(client.messages).toEqual(['pong']);
    client.socket.close();
  });

  it('sends the returned body back only on two-way routes', async () => {
    const app = new WsApp({ name: 'two-way' });
    app.onWsRoute('oneway', () => 'discarded');
    app.onWsRoute('twoway', () => ({ statusCode: 200, body: 'returned' }), { twoWay: true });
    const gateway = await start(app);
    const client = await connect(gateway.url);

    client.socket.send('{"action":"oneway"}');
    client.socket.send('{"action":"twoway"}');

    expect(await client.next()).toBe('returned');
    expect(client.messages).toEqual(['returned']);
    client.socket.close();
  });

  it('runs the message handlers of one connection in arrival order', async () => {
    const app = new WsApp({ name: 'ordering' });
    const seen: string[] = [];
    app.onWsMessage(async (event) => {
      // Later messages finish sooner if they were run concurrently.
      await new Promise((resolve) => setTimeout(resolve, 20 - Number(event.body)));
      seen.push(event.body);
      await app.websocketApi.send(event.connectionId, event.body);
    });
    const gateway = await start(app);
    const client = await connect(gateway.url);
    const sent = Array.from({ length: 20 }, (_, i) => String(i));

    for (const body of sent) client.socket.send(body);
    const received: string[] = [];
    for (let i = 0; i < sent.length; i++) received.push(await client.next());

    expect(seen).toEqual(sent);
    expect(received).toEqual(sent);
    client.socket.close();
  });

  it('sends new invocations to the app given to setApp while open connections stay up', async () => {
    const first = new WsApp({ name: 'v1' });
    first.onWsMessage(() => 'v1', { twoWay: true });
    const second = new WsApp({ name: 'v2' });
    second.onWsMessage(() => 'v2', { twoWay: true });
    const gateway = await start(first);
    const client = await connect(gateway.url);

    client.socket.send('a');
    const before = await client.next();
    gateway.setApp(second);
    client.socket.send('b');

    expect([before, await client.next()]).toEqual(['v1', 'v2']);
    expect(gateway.app).toBe(second);
    client.socket.close();
  });
});
