import type { LocalGateway } from '@wsapp/local';
import { createClient, HandshakeRefusedError, type WebsocketClient } from '../src';
import { closeBoth, nextEvent, recordEvents, recordingApp, recordingWebSocket, sharedClock, startGateway, type SharedClock } from './helpers';

describe('a handshake the server refuses', () => {
  let gateway: LocalGateway;
  let client: WebsocketClient | undefined;
  let clock: SharedClock;

  beforeEach(() => (clock = sharedClock()));
  afterEach(async () => {
    await closeBoth(client, gateway);
    client = undefined;
  });

  it.each([401, 403])('closes without retrying when $connect answers %i', async (status) => {
    // Prepare
    const { app, log } = recordingApp(() => status);
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false });
    const events = recordEvents(client);

    // Act
    const detail = await nextEvent(client, 'closed');
    await clock.manual.advance(60_000);

    // Assess
    expect(detail.error).toBeInstanceOf(HandshakeRefusedError);
    expect(detail.error).toMatchObject({ status, code: 'WSAPP_HANDSHAKE_REFUSED', name: 'HandshakeRefusedError' });
    expect(detail.error?.message).toBe(`The server refused the WebSocket handshake with ${status}: not retrying (fix the credentials, then create a new client)`);
    expect(events.map(([name]) => name)).toEqual(['connecting', 'error', 'closed']);
    expect(events[1]).toEqual(['error', detail.error]);
    expect(client.state).toBe('closed');
    expect(clock.delays).toEqual([]);
    expect(log.lines).toEqual([expect.stringMatching(new RegExp(`^connect \\S+ refused ${status}$`))]);
  });

  it('retries after a 500, and opens once $connect accepts', async () => {
    // Prepare
    let refuse = true;
    const { app, log } = recordingApp(() => (refuse ? 500 : undefined));
    gateway = await startGateway(app, clock);
    client = createClient(gateway.url, { WebSocket: recordingWebSocket().WebSocket, clock: clock.client, heartbeat: false, random: () => 0 });

    // Act
    const detail = await nextEvent(client, 'reconnecting');
    refuse = false;
    const opened = nextEvent(client, 'open');
    await clock.manual.advance(detail.delayMs);

    // Assess
    expect(detail).toEqual({ attempt: 1, delayMs: 250, code: 1006, reason: '', status: 500 });
    expect(await opened).toEqual({ reconnected: false, switchOver: false });
    expect(log.connections).toHaveLength(1);
    expect(log.lines[0]).toMatch(/refused 500$/);
  });
});
