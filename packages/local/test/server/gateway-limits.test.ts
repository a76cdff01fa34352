import { WsApp, type WebsocketLambdaEvent } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { manualClock, type ManualClock } from '@wsapp/local/testing';
import { connect, eventually } from './helpers';

describe('local gateway limits', () => {
  let gateway: LocalGateway;
  let disconnects: WebsocketLambdaEvent[];
  let received: number[];

  const start = async (limits = {}, clock?: ManualClock): Promise<void> => {
    const app = new WsApp({ name: 'limits' });
    app.onWsMessage((event) => {
      received.push(event.body.length);
    });
    app.onWsDisconnect((event) => {
      disconnects.push(event.raw);
    });
    gateway = await startLocalGateway(app, { port: 0, limits, ...(clock ? { clock } : {}) });
  };
  /** GetConnection's status for the one open connection: 200 while open, 410 once closing. */
  const describeOnlyConnection = async (): Promise<number> => {
    const [id] = [...gateway.connections.keys()];
    const response = await fetch(`${gateway.managementEndpoint}/@connections/${encodeURIComponent(id ?? '')}`);
    await response.arrayBuffer();
    return response.status;
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

  it('closes an idle connection with 1001 when the idle timeout of the clock passes', async () => {
    // Prepare
    const clock = manualClock();
    await start({ idleTimeoutMs: 10 * 60 * 1000 }, clock);
    const client = await connect(gateway.url);

    // Act
    await clock.advance(10 * 60 * 1000 - 1);
    const justBefore = await describeOnlyConnection();
    await clock.advance(1);

    // Assess
    expect(justBefore).toBe(200);
    expect(await client.closed).toEqual({ code: 1001, reason: 'Going away' });
    await eventually(() => disconnects.length === 1, '$disconnect');
    expect(disconnects[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });
  });

  it('keeps a connection open past the idle timeout while the client sends data', async () => {
    // Prepare
    const clock = manualClock();
    await start({ idleTimeoutMs: 300 }, clock);
    const client = await connect(gateway.url);

    // Act: ten messages 200 ms apart, 2 s in all, never 300 ms idle.
    for (let i = 1; i <= 10; i++) {
      await clock.advance(200);
      client.socket.send('still here');
      await eventually(() => received.length === i, `message ${i}`);
    }

    // Assess: a connection that is closing drops messages, so each one shows it was still open.
    expect(await describeOnlyConnection()).toBe(200);
    await clock.advance(300);
    expect((await client.closed).code).toBe(1001);
  });

  it('closes a busy connection with 1001 at the maximum connection duration of the clock', async () => {
    // Prepare
    const clock = manualClock();
    const minute = 60 * 1000;
    await start({ maxConnectionDurationMs: 120 * minute, idleTimeoutMs: 10 * minute }, clock);
    const client = await connect(gateway.url);

    // Act: a message every 5 minutes until just before the 2 hours are up.
    for (let i = 1; i <= 24; i++) {
      await clock.advance(i < 24 ? 5 * minute : 5 * minute - 1);
      client.socket.send('busy');
      await eventually(() => received.length === i, `message ${i}`);
    }
    await clock.advance(1);

    // Assess
    expect((await client.closed).code).toBe(1001);
    await eventually(() => disconnects.length === 1, '$disconnect');
    expect(disconnects[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1001 });
  });
});
