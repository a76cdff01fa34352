import type { LocalGateway } from '@wsapp/local';
import { createClient, type WebsocketClient } from '../src';
import { closeBoth, eventually, nextEvent, postToConnection, recordEvents, recordingApp, recordingWebSocket, sharedClock, startGateway, type SharedClock } from './helpers';

describe("switching connections before API Gateway's maximum duration", () => {
  let gateway: LocalGateway;
  let client: WebsocketClient | undefined;
  let clock: SharedClock;

  beforeEach(() => (clock = sharedClock()));
  afterEach(async () => {
    await closeBoth(client, gateway);
    client = undefined;
  });

  it('opens the next connection before closing the old one, and every message sent across the switch arrives once', async () => {
    // Prepare: a 2-minute maximum; the client switches 10 s before it, and keeps the old connection 1 s more.
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock, { limits: { maxConnectionDurationMs: 120_000 } });
    let sent = 0;
    const sendBurst = (count: number): void => {
      for (let i = 0; i < count; i++) client!.send('$default', `m${sent++}`);
    };
    let urls = 0;
    // The URL function runs when the next connection starts: the burst it sends goes out while the old one still serves.
    const url = (): string => {
      if (urls++ === 1) sendBurst(5);
      return gateway.url;
    };
    client = createClient(url, {
      WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: 120_000, switchOverMs: 10_000, switchOverGraceMs: 1_000,
    });
    const events = recordEvents(client);
    client.on('open', ({ switchOver }) => {
      if (switchOver) client!.send('$default', 'first on the new connection');
    });
    await nextEvent(client, 'open');
    sendBurst(5);
    await eventually(() => log.messageCount() === 5, 'the first five messages');

    // Act
    const switched = nextEvent(client, 'open');
    await clock.manual.advance(110_000);
    const detail = await switched;
    sendBurst(5);
    const [oldId, newId] = log.connections;
    await eventually(() => log.messageCount() === 16, 'all sixteen messages');
    const openDuringGrace = [...gateway.connections.keys()].sort();
    expect(await postToConnection(gateway, oldId!, 'late reply on the old connection')).toBe(200);
    await eventually(() => events.some(([name, data]) => name === 'message' && data === 'late reply on the old connection'), 'the late reply');
    await clock.manual.advance(1_000);
    await eventually(() => log.lines.some((line) => line.startsWith(`disconnect ${oldId}`)), "the old connection's $disconnect");

    // Assess
    expect(detail).toEqual({ reconnected: true, switchOver: true });
    expect(openDuringGrace).toEqual([oldId, newId].sort());
    expect(log.bodies(oldId!)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(log.bodies(newId!)).toEqual(['first on the new connection', 'm10', 'm11', 'm12', 'm13', 'm14']);
    const order = log.lines.filter((line) => !line.startsWith('message')).map((line) => line.replace(oldId!, 'old').replace(newId!, 'new'));
    expect(order).toEqual(['connect old', 'connect new', 'disconnect old 1000']);
    expect(events.map(([name]) => name).filter((name) => name !== 'message')).toEqual(['connecting', 'open', 'open']);
    expect(client.state).toBe('open');
  });

  it('reconnects as after any drop when the old connection is cut before the next one opens', async () => {
    // Prepare: no switch-over lead, so the gateway's cut comes first.
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock, { limits: { maxConnectionDurationMs: 120_000 } });
    client = createClient(gateway.url, {
      WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: 180_000, switchOverMs: 10_000, random: () => 0,
    });
    await nextEvent(client, 'open');

    // Act
    const reconnecting = nextEvent(client, 'reconnecting');
    await clock.manual.advance(120_000);
    const detail = await reconnecting;
    const reopened = nextEvent(client, 'open');
    await clock.manual.advance(detail.delayMs);

    // Assess
    expect(detail).toEqual({ attempt: 1, delayMs: 250, code: 1001, reason: 'Going away' });
    expect(await reopened).toEqual({ reconnected: true, switchOver: false });
    expect(log.connections).toHaveLength(2);
  });
  it('takes the opening connection as the reconnect when the old one drops during the switch-over', async () => {
    // Prepare: the next connection waits for its URL, which the test hands over once the old one dropped.
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    let handOver: (url: string) => void = () => undefined;
    let urls = 0;
    const url = (): string | Promise<string> => (urls++ === 1 ? new Promise<string>((resolve) => (handOver = resolve)) : gateway.url);
    const { WebSocket, sockets } = recordingWebSocket();
    client = createClient(url, { WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: 120_000, switchOverMs: 10_000 });
    const events = recordEvents(client);
    await nextEvent(client, 'open');
    await clock.manual.advance(110_000);
    await eventually(() => urls === 2, 'the next connection to start');

    // Act
    const connecting = nextEvent(client, 'connecting');
    sockets[0]!.terminate();
    await connecting;
    client.send('$default', 'sent while neither is open');
    const reopened = nextEvent(client, 'open');
    handOver(gateway.url);
    const detail = await reopened;
    await eventually(() => log.messageCount() === 1, 'the queued message');

    // Assess
    expect(detail).toEqual({ reconnected: true, switchOver: false });
    expect(events.map(([name]) => name)).toEqual(['connecting', 'open', 'connecting', 'open']);
    expect(log.bodies(log.connections[1]!)).toEqual(['sent while neither is open']);
  });
});
