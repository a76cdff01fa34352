import { WsApp, type WebsocketLambdaEvent } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { connect, eventually } from './helpers';

describe('local gateway limits', () => {
  let gateway: LocalGateway;
  let disconnects: WebsocketLambdaEvent[];
  let received: number[];

  const start = async (limits = {}): Promise<void> => {
    const app = new WsApp({ name: 'limits' });
    app.onWsMessage((event) => {
      received.push(event.body.length);
    });
    app.onWsDisconnect((event) => {
      disconnects.push(event.raw);
    });
    gateway = await startLocalGateway(app, { port: 0, limits });
  };
  beforeEach(() => {
    disconnects = [];
    received = [];
  });
  afterEach(() => gateway.close());

  it('closes the connection with 1003 when the client sends a binary frame', async () => {
    await start();
    const client = await connect(gateway.url);

    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });

    expect((await client.closed).code).toBe(1003);
    await eventually(() => disconnects.length === 1, '$disconnect');
    expect(disconnects[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1003 });
    expect(received).toEqual([]);
  });

  it('closes the connection with 1009 when one frame is over 32 KB', async () => {
    await start();
    const client = await connect(gateway.url);

    client.socket.send('x'.repeat(32 * 1024 + 1));

    expect((await client.closed).code).toBe(1009);
    await eventually(() => disconnects.length === 1, '$disconnect');
    expect(disconnects[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1009 });
    expect(received).toEqual([]);
  });

  it('accepts a 32 KB frame and a 128 KB message sent in 32 KB frames', async () => {
    await start();
    const client = await connect(gateway.url);
    const frame = 'y'.repeat(32 * 1024);

    client.socket.send(frame);
    for (let i = 0; i < 4; i++) client.socket.send(frame, { fin: i === 3 });

    await eventually(() => received.length === 2, 'both messages');
    expect(received).toEqual([32 * 1024, 128 * 1024]);
    client.socket.close();
  });

  it('closes the connection with 1009 when a message in small frames is over 128 KB', async () => {
    await start();
    const client = await connect(gateway.url);
    const frame = 'z'.repeat(32 * 1024);

    for (let i = 0; i < 4; i++) client.socket.send(frame, { fin: false });
    client.socket.send('z', { fin: true });

    expect((await client.closed).code).toBe(1009);
    expect(received).toEqual([]);
  });

  it('closes an idle connection with 1001 after the idle timeout', async () => {
    await start({ idleTimeoutMs: 200 });
    const client = await connect(gateway.url);

    expect(await client.closed).toEqual({ code: 1001, reason: 'Going away' });
    await eventually(() => disconnects.length === 1, '$disconnect');
    expect(disconnects[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });
  });

  it('keeps a connection open past the idle timeout while the client sends data', async () => {
    await start({ idleTimeoutMs: 300 });
    const client = await connect(gateway.url);

    for (let i = 0; i < 10; i++) {
      client.socket.send('still here');
      await new Promise((resolve) => setTimeout(resolve, 60));
    }

    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(received).toHaveLength(10);
    client.socket.close();
  });

  it('closes a busy connection with 1001 at the maximum connection duration', async () => {
    await start({ maxConnectionDurationMs: 300 });
    const client = await connect(gateway.url);
    const chatter = setInterval(() => client.socket.readyState === client.socket.OPEN && client.socket.send('busy'), 30);

    const closed = await client.closed;
    clearInterval(chatter);

    expect(closed.code).toBe(1001);
    expect(received.length).toBeGreaterThan(0);
  });
});
