import WebSocket from 'ws';
import { WebsocketDisconnectedError, WsApp } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { connect, refusedHandshake } from './helpers';

describe('local gateway handshake ($connect)', () => {
  const gateways: LocalGateway[] = [];
  const start = async (app: WsApp): Promise<LocalGateway> => {
    const gateway = await startLocalGateway(app, { port: 0 });
    gateways.push(gateway);
    return gateway;
  };
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  });

  it('rejects the handshake with the status, headers and body the $connect handler returns', async () => {
    const app = new WsApp({ name: 'refuse' });
    app.onWsConnect(() => ({ statusCode: 401, headers: { 'X-Reason': 'no token' }, body: 'Unauthorized' }));
    const gateway = await start(app);

    const refused = await refusedHandshake(gateway.url);

    expect(refused.status).toBe(401);
    expect(refused.headers['x-reason']).toBe('no token');
    expect(refused.body).toBe('Unauthorized');
    expect(gateway.connections.size).toBe(0);
  });

  it('answers the handshake with the subprotocol and headers the $connect handler returns', async () => {
    const app = new WsApp({ name: 'protocol' });
    app.onWsConnect((event) => {
      const offered = (event.headers.get('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
      return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': offered[1] ?? '', 'X-Session': 'abc' } };
    });
    const gateway = await start(app);

    const socket = new WebSocket(gateway.url, ['token-abc', 'chat.v2']);
    const upgradeHeaders = new Promise<Record<string, unknown>>((resolve) => socket.once('upgrade', (res) => resolve(res.headers)));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    expect(socket.protocol).toBe('chat.v2');
    expect(await upgradeHeaders).toMatchObject({ 'sec-websocket-protocol': 'chat.v2', 'x-session': 'abc' });
    socket.close();
  });

  it('never chooses a subprotocol on its own', async () => {
    const app = new WsApp({ name: 'no-protocol' });
    app.onWsMessage(() => undefined);
    const gateway = await start(app);

    const failure = await new Promise<Error>((resolve) => {
      const socket = new WebSocket(gateway.url, ['chat.v2']);
      socket.on('error', resolve);
      socket.on('open', () => resolve(new Error('opened')));
    });

    expect(failure.message).toMatch(/Server sent no subprotocol/);
  });

  it('accepts every connection when the app has no $connect handler', async () => {
    const app = new WsApp({ name: 'open' });
    app.onWsMessage(() => undefined);
    const gateway = await start(app);

    const client = await connect(gateway.url);

    expect(gateway.connections.size).toBe(1);
    client.socket.close();
  });

  it('refuses the handshake with 500 when the $connect handler throws', async () => {
    const app = new WsApp({ name: 'broken-connect' });
    const logged: string[] = [];
    app.log.setSink((_record, line) => logged.push(line));
    app.onWsConnect(() => {
      throw new Error('database down');
    });
    const gateway = await start(app);

    const refused = await refusedHandshake(gateway.url);

    expect(refused.status).toBe(500);
    expect(JSON.parse(refused.body)).toEqual({ message: 'Internal server error' });
    expect(logged).toEqual([expect.stringContaining('database down')]);
  });

  it('refuses with 500 and says why when the $connect handler returns an impossible status', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = new WsApp({ name: 'odd-status' });
    app.onWsConnect(() => ({ statusCode: 42 }));
    const gateway = await start(app);

    const refused = await refusedHandshake(gateway.url);

    expect(refused.status).toBe(500);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('statusCode 42 is not an integer from 100 to 599'));
    errors.mockRestore();
  });

  it('answers 410 to a post while $connect is still running: the connection does not exist yet', async () => {
    const app = new WsApp({ name: 'early-send' });
    let sendError: unknown;
    app.onWsConnect(async (event) => {
      try {
        await app.websocketApi.send(event.connectionId, 'too early');
      } catch (error) {
        sendError = error;
      }
    });
    const gateway = await start(app);

    const client = await connect(gateway.url);

    expect(sendError).toBeInstanceOf(WebsocketDisconnectedError);
    client.socket.close();
  });

  it('accepts clients on the stage path and on the root path and refuses other paths with 403', async () => {
    const app = new WsApp({ name: 'paths' });
    const gateway = await start(app);
    const root = gateway.url.replace(/\/api$/, '/');

    const onStage = await connect(gateway.url);
    const onRoot = await connect(root);
    const elsewhere = await refusedHandshake(`${root}other`);

    expect(elsewhere.status).toBe(403);
    onStage.socket.close();
    onRoot.socket.close();
  });
});
