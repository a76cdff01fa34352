import type { LocalGateway } from '@wsapp/local';
import { createClient, QueueOverflowError, type WebsocketClient } from '../src';
import { closeBoth, deleteConnection, eventually, nextEvent, recordingApp, recordingWebSocket, sharedClock, startGateway, type SharedClock } from './helpers';

describe('sending while no connection is open', () => {
  let gateway: LocalGateway;
  let client: WebsocketClient | undefined;
  let clock: SharedClock;

  beforeEach(() => (clock = sharedClock()));
  afterEach(async () => {
    await closeBoth(client, gateway);
    client = undefined;
  });

  it('sends what was queued during an outage once, in order, after what the open listener sends', async () => {
    // Prepare
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, maxConnectionMs: Infinity });
    client.on('open', ({ reconnected }) => client!.send('$default', reconnected ? 'rejoin' : 'join'));
    client.send('$default', 'before the first open');
    await nextEvent(client, 'open');
    const [first] = log.connections;

    // Act: the server closes the connection; five messages are sent during the outage.
    const reconnecting = nextEvent(client, 'reconnecting');
    await deleteConnection(gateway, first!);
    const { delayMs } = await reconnecting;
    for (let i = 1; i <= 5; i++) client.send('$default', `queued ${i}`);
    const states = [client.state];
    await clock.manual.advance(delayMs);
    await nextEvent(client, 'open');
    await eventually(() => log.messageCount() === 8, 'all eight messages at the server');

    // Assess
    const second = log.connections[1]!;
    expect(states).toEqual(['reconnecting']);
    expect(log.bodies(first!)).toEqual(['join', 'before the first open']);
    expect(log.bodies(second)).toEqual(['rejoin', 'queued 1', 'queued 2', 'queued 3', 'queued 4', 'queued 5']);
  });

  it('throws QueueOverflowError, and emits it, for the message after maxQueued', async () => {
    // Prepare
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, maxQueued: 3 });
    const errors: Error[] = [];
    client.on('error', (error) => void errors.push(error));

    // Act: the client is still connecting.
    for (const text of ['one', 'two', 'three']) client.send('$default', text);
    let thrown: unknown;
    try {
      client.send('$default', 'four');
    } catch (error) {
      thrown = error;
    }
    await nextEvent(client, 'open');
    await eventually(() => log.messageCount() === 3, 'the three queued messages');

    // Assess
    expect(thrown).toBeInstanceOf(QueueOverflowError);
    expect(thrown).toMatchObject({ name: 'QueueOverflowError', code: 'WSAPP_QUEUE_OVERFLOW', maxQueued: 3 });
    expect(errors).toEqual([thrown]);
    expect(log.bodies(log.connections[0]!)).toEqual(['one', 'two', 'three']);
  });

  it('sends a custom route as one JSON object with the route field first, and $default bodies as they are', async () => {
    const { app, log } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false });
    await nextEvent(client, 'open');

    // No route matches these custom route keys, so the gateway hands them to $default as sent.
    client.send('sendmessage', { text: 'hi', to: 'room' });
    client.send('leave');
    client.send('$default', 'raw text');
    client.send('$default', { json: [1, 2] });
    await eventually(() => log.messageCount() === 4, 'four messages');

    expect(log.bodies(log.connections[0]!)).toEqual(['{"action":"sendmessage","text":"hi","to":"room"}', '{"action":"leave"}', 'raw text', '{"json":[1,2]}']);
  });

  it('delivers frames to message listeners, parsed as JSON when they are JSON', async () => {
    const { app } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false });
    const received: Array<[unknown, string]> = [];
    client.on('message', (data, text) => void received.push([data, text]));
    await nextEvent(client, 'open');

    client.send('$default', 'echo:{"n":1}');
    client.send('$default', 'echo:plain text');
    await eventually(() => received.length === 2, 'two echoes');

    expect(received).toEqual([
      [{ n: 1 }, '{"n":1}'],
      ['plain text', 'plain text'],
    ]);
  });
  it('stops calling a listener once the function on() returned is called', async () => {
    const { app } = recordingApp();
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false });
    const kept: unknown[] = [];
    const dropped: unknown[] = [];
    client.on('message', (data) => void kept.push(data));
    const off = client.on('message', (data) => void dropped.push(data));
    await nextEvent(client, 'open');

    client.send('$default', 'echo:1');
    await eventually(() => kept.length === 1, 'the first echo');
    off();
    client.send('$default', 'echo:2');
    await eventually(() => kept.length === 2, 'the second echo');

    expect([kept, dropped]).toEqual([[1, 2], [1]]);
  });
});
