import type { LocalGateway } from '@wsapp/local';
import { createClient, type WebSocketConstructor, type WebsocketClient } from '../src';
import { eventually, nextEvent, recordingApp, sharedClock, startGateway } from './helpers';

/** Node.js 22 and later (and browsers) have one; Node.js 20 has none without --experimental-websocket. */
const GlobalWebSocket = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;

describe('the global WebSocket', () => {
  let gateway: LocalGateway;
  let client: WebsocketClient | undefined;

  afterEach(async () => {
    client?.close();
    client = undefined;
    await gateway?.close();
  });

  it(`is used when there is one, and its absence says to install ws (here: ${GlobalWebSocket ? 'a global WebSocket' : 'none'})`, async () => {
    const { app } = recordingApp();
    gateway = await startGateway(app, sharedClock());

    if (!GlobalWebSocket) {
      expect(() => createClient(gateway.url)).toThrow(new TypeError("No global WebSocket (Node 20): npm install ws and pass { WebSocket } from 'ws'"));
      return;
    }
    client = createClient(gateway.url, { heartbeat: false });
    const received: unknown[] = [];
    client.on('message', (data) => void received.push(data));
    await nextEvent(client, 'open');
    client.send('$default', 'echo:{"over":"the global WebSocket"}');
    await eventually(() => received.length === 1, 'the echo');
    expect(received).toEqual([{ over: 'the global WebSocket' }]);
  });
});
