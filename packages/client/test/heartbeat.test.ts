import { WsApp, type WebsocketEvent } from '@wsapp/framework';
import type { GatewayEventRecord, LocalGateway } from '@wsapp/local';
import type WebSocket from 'ws';
import { createClient, type WebsocketClient } from '../src';
import { closeBoth, eventually, nextEvent, recordEvents, recordingApp, recordingWebSocket, sharedClock, startGateway, type SharedClock } from './helpers';

const MINUTE = 60_000;

describe('the heartbeat', () => {
  let gateway: LocalGateway;
  let client: WebsocketClient | undefined;
  let clock: SharedClock;

  beforeEach(() => (clock = sharedClock()));
  afterEach(async () => {
    await closeBoth(client, gateway);
    client = undefined;
  });

  /** Every text frame that reaches a socket, whether or not the client delivers it. */
  const framesOf = (socket: WebSocket): string[] => {
    const frames: string[] = [];
    socket.on('message', (data: Buffer) => void frames.push(data.toString('utf8')));
    return frames;
  };

  it('sends the default heartbeat every 9 minutes and swallows the answer of a two-way route, past the idle cut', async () => {
    // Prepare: the app answers `ping` itself; the gateway keeps its 10-minute idle cut.
    const { app, log } = recordingApp();
    const pings: string[] = [];
    app.onWsRoute('ping', (event: WebsocketEvent) => {
      pings.push(event.body);
      return '{"action":"pong"}';
    }, { twoWay: true });
    gateway = await startGateway(app, clock);
    const { WebSocket, sockets } = recordingWebSocket();
    client = createClient(gateway.url, { WebSocket, clock: clock.client, maxConnectionMs: Infinity });
    const events = recordEvents(client);
    await nextEvent(client, 'open');
    const frames = framesOf(sockets[0]!);

    // Act: 27 minutes in which the client sends nothing itself; the gateway's idle cut is 10 minutes.
    for (let beat = 1; beat <= 3; beat++) {
      await clock.manual.advance(9 * MINUTE);
      await eventually(() => frames.length === beat, `the answer to heartbeat ${beat}`);
    }
    await clock.manual.advance(10_000); // past the last answer's timeout

    // Assess
    expect(pings).toEqual(['{"action":"ping"}', '{"action":"ping"}', '{"action":"ping"}']);
    expect(frames).toEqual(['{"action":"pong"}', '{"action":"pong"}', '{"action":"pong"}']);
    expect(events.map(([name]) => name)).toEqual(['connecting', 'open']);
    expect(log.connections).toHaveLength(1);
    expect(client.state).toBe('open');
  });

  it('counts a missed answer as a drop: closes with 4000 and reconnects', async () => {
    // Prepare: nothing answers `ping` (it lands on $default, which is not two-way).
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, {
      WebSocket: recordingWebSocket().WebSocket, clock: clock.client, maxConnectionMs: Infinity, random: () => 0,
      heartbeat: { routeKey: 'ping', response: '{"action":"pong"}', intervalMs: MINUTE, timeoutMs: 5_000 },
    });
    await nextEvent(client, 'open');
    const [first] = log.connections;

    // Act
    await clock.manual.advance(MINUTE);
    await eventually(() => log.messageCount() === 1, 'the heartbeat at the server');
    const reconnecting = nextEvent(client, 'reconnecting');
    await clock.manual.advance(5_000);
    const detail = await reconnecting;
    const reopened = nextEvent(client, 'open');
    await clock.manual.advance(detail.delayMs);
    await reopened;

    // Assess
    expect(log.bodies(first!)).toEqual(['{"action":"ping"}']);
    expect(detail).toEqual({ attempt: 1, delayMs: 250, code: 4000, reason: 'Heartbeat answer missed' });
    await eventually(() => log.lines.includes(`disconnect ${first} 4000`), "the first connection's $disconnect");
    expect(log.connections).toHaveLength(2);
  });

  it("uses the app's heartbeat() by default: the gateway answers it without invoking a handler", async () => {
    // Prepare: `app.heartbeat()` is API Gateway's MOCK route, answered by the gateway.
    const app = new WsApp({ name: 'heartbeat-app' }).heartbeat();
    const echoes: string[] = [];
    app.onWsMessage(async (event: WebsocketEvent) => {
      echoes.push(event.body);
      await app.websocketApi.send(event.connectionId, event.body.slice('echo:'.length));
    });
    const records: GatewayEventRecord[] = [];
    gateway = await startGateway(app, clock, { onEvent: (record) => void records.push(record) });
    const { WebSocket, sockets } = recordingWebSocket();
    client = createClient<typeof app>(gateway.url, { WebSocket, clock: clock.client, maxConnectionMs: Infinity });
    const events = recordEvents(client);
    await nextEvent(client, 'open');
    const frames = framesOf(sockets[0]!);

    // Act
    await clock.manual.advance(9 * MINUTE);
    await eventually(() => frames.length === 1, 'the answer to the heartbeat');
    await clock.manual.advance(10_000);
    client.send('$default', 'echo:still open');
    await eventually(() => events.length === 3, 'the echo');

    // Assess
    expect(records.filter((record) => record.integration === 'MOCK')).toEqual([expect.objectContaining({ routeKey: 'ping', outcome: 'ok', handled: false })]);
    expect(frames).toEqual(['{"action":"pong"}', 'still open']);
    expect(echoes).toEqual(['echo:still open']);
    expect(events).toEqual([
      ['connecting', { attempt: 0 }],
      ['open', { reconnected: false, switchOver: false }],
      ['message', 'still open'],
    ]);
  });
});
