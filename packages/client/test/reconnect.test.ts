import type { LocalGateway } from '@wsapp/local';
import { createClient, ReconnectFailedError, type WebsocketClient } from '../src';
import {
  closeBoth, deleteConnection, eventually, nextEvent, recordEvents, recordingApp, recordingWebSocket, sharedClock, startGateway, type SharedClock,
} from './helpers';

/** The delay the documented formula gives: d = min(max, initial * factor^(attempt-1)), delay = d/2 + random*d/2. */
const expectedDelay = (attempt: number, random: number, initial = 500, max = 30_000, factor = 2): number => {
  const ceiling = Math.min(max, initial * factor ** (attempt - 1));
  return Math.round(ceiling / 2 + random * (ceiling / 2));
};

describe('reconnecting after the server drops the connection', () => {
  let gateway: LocalGateway;
  let client: WebsocketClient | undefined;
  let clock: SharedClock;

  beforeEach(() => (clock = sharedClock()));
  afterEach(async () => {
    await closeBoth(client, gateway);
    client = undefined;
  });

  it('reconnects after the idle cut (1001) with the backoff delay the formula gives', async () => {
    // Prepare
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock, { limits: { idleTimeoutMs: 60_000 } });
    const { WebSocket } = recordingWebSocket();
    client = createClient(gateway.url, { WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: Infinity, random: () => 0.5 });
    await nextEvent(client, 'open');

    // Act
    const reconnecting = nextEvent(client, 'reconnecting');
    await clock.manual.advance(60_000);
    const detail = await reconnecting;
    const reopened = nextEvent(client, 'open');
    await clock.manual.advance(detail.delayMs);

    // Assess
    expect(detail).toEqual({ attempt: 1, delayMs: expectedDelay(1, 0.5), code: 1001, reason: 'Going away' });
    expect(detail.delayMs).toBe(375);
    expect(await reopened).toEqual({ reconnected: true, switchOver: false });
    expect(clock.delays).toEqual([375]);
    expect(log.connections).toHaveLength(2);
    expect(client.state).toBe('open');
  });

  it('reconnects after DELETE @connections/{id} closes the connection (1000)', async () => {
    // Prepare
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: Infinity, random: () => 0 });
    await nextEvent(client, 'open');

    // Act
    const reconnecting = nextEvent(client, 'reconnecting');
    expect(await deleteConnection(gateway, log.connections[0]!)).toBe(204);
    const detail = await reconnecting;
    const reopened = nextEvent(client, 'open');
    await clock.manual.advance(detail.delayMs);

    // Assess
    expect(detail).toEqual({ attempt: 1, delayMs: 250, code: 1000, reason: '' });
    expect(await reopened).toEqual({ reconnected: true, switchOver: false });
    expect(log.connections).toHaveLength(2);
  });

  it('reconnects after the socket drops without a close frame (1006)', async () => {
    // Prepare
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    const { WebSocket, sockets } = recordingWebSocket();
    client = createClient(gateway.url, { WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: Infinity, random: () => 1 });
    await nextEvent(client, 'open');

    // Act
    const reconnecting = nextEvent(client, 'reconnecting');
    sockets[0]!.terminate();
    const detail = await reconnecting;
    const reopened = nextEvent(client, 'open');
    await clock.manual.advance(detail.delayMs);

    // Assess
    expect(detail).toEqual({ attempt: 1, delayMs: 500, code: 1006, reason: '' });
    await reopened;
    expect(log.connections).toHaveLength(2);
    expect(sockets).toHaveLength(2);
  });

  it('doubles the delay per failed attempt up to maxDelayMs, and starts over once a connection opens', async () => {
    // Prepare: the handshake fails with 500 four times, then succeeds.
    let refusals = 4;
    const { app, log } = recordingApp(() => (refusals-- > 0 ? 500 : undefined));
    gateway = await startGateway(app, clock);
    const { WebSocket, sockets } = recordingWebSocket();
    client = createClient(gateway.url, {
      WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: Infinity, random: () => 1, reconnect: { initialDelayMs: 1_000, maxDelayMs: 3_000 },
    });
    const events = recordEvents(client);

    // Act: wait out each delay as it is scheduled.
    for (let attempt = 1; attempt <= 4; attempt++) {
      const { delayMs } = await nextEvent(client, 'reconnecting');
      await clock.manual.advance(delayMs);
    }
    await nextEvent(client, 'open');
    const afterOpen = nextEvent(client, 'reconnecting');
    sockets.at(-1)!.terminate();
    const reset = await afterOpen;

    // Assess
    expect(clock.delays).toEqual([1_000, 2_000, 3_000, 3_000, 1_000]);
    expect(reset).toMatchObject({ attempt: 1, delayMs: 1_000 });
    expect(events.filter(([name]) => name === 'connecting').map(([, detail]) => detail)).toEqual([
      { attempt: 0 }, { attempt: 1 }, { attempt: 2 }, { attempt: 3 }, { attempt: 4 },
    ]);
    expect(events.filter(([name]) => name === 'reconnecting').map(([, detail]) => detail)).toEqual([
      { attempt: 1, delayMs: 1_000, code: 1006, reason: '', status: 500 },
      { attempt: 2, delayMs: 2_000, code: 1006, reason: '', status: 500 },
      { attempt: 3, delayMs: 3_000, code: 1006, reason: '', status: 500 },
      { attempt: 4, delayMs: 3_000, code: 1006, reason: '', status: 500 },
      { attempt: 1, delayMs: 1_000, code: 1006, reason: '' },
    ]);
    expect(log.lines.filter((line) => line.includes('refused 500'))).toHaveLength(4);
  });

  it('asks the URL function for a fresh URL before every connection', async () => {
    // Prepare
    const { app } = recordingApp();
    gateway = await startGateway(app, clock);
    const { WebSocket, sockets } = recordingWebSocket();
    let calls = 0;
    const url = async (): Promise<string> => `${gateway.url}?token=t${++calls}`;
    client = createClient(url, { WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: Infinity });
    await nextEvent(client, 'open');

    // Act
    const reconnecting = nextEvent(client, 'reconnecting');
    sockets[0]!.terminate();
    const { delayMs } = await reconnecting;
    const reopened = nextEvent(client, 'open');
    await clock.manual.advance(delayMs);
    await reopened;

    // Assess
    expect(sockets.map((socket) => new URL(socket.url).searchParams.get('token'))).toEqual(['t1', 't2']);
  });

  it('closes instead of reconnecting with reconnect: false', async () => {
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, reconnect: false });
    await nextEvent(client, 'open');

    const closed = nextEvent(client, 'closed');
    await deleteConnection(gateway, log.connections[0]!);

    expect(await closed).toEqual({ code: 1000, reason: '' });
    expect(client.state).toBe('closed');
    expect(() => client!.send('$default', 'late')).toThrow('Cannot send: the client is closed');
  });

  it('gives up with ReconnectFailedError after maxAttempts failed attempts in a row', async () => {
    // Prepare: every handshake fails.
    const { app } = recordingApp(() => 500);
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, {
      WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, reconnect: { maxAttempts: 2 }, random: () => 0,
    });
    const closed = nextEvent(client, 'closed');

    // Act
    for (let attempt = 1; attempt <= 2; attempt++) await clock.manual.advance((await nextEvent(client, 'reconnecting')).delayMs);

    // Assess
    const detail = await closed;
    expect(detail.error).toBeInstanceOf(ReconnectFailedError);
    expect(detail.error).toMatchObject({ attempts: 2, code: 'WSAPP_RECONNECT_FAILED' });
    expect(client.state).toBe('closed');
  });

  it('does not reconnect after client.close()', async () => {
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false });
    const events = recordEvents(client);
    await nextEvent(client, 'open');

    client.close(1000, 'bye');
    await eventually(() => log.lines.some((line) => line.startsWith('disconnect')), '$disconnect');
    await clock.manual.advance(60_000);

    expect(events.map(([name]) => name)).toEqual(['connecting', 'open', 'closed']);
    expect(events.at(-1)).toEqual(['closed', { code: 1000, reason: 'bye' }]);
    expect(log.lines.at(-1)).toMatch(/^disconnect \S+ 1000$/);
    expect(log.connections).toHaveLength(1);
  });
});
