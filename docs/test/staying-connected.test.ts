// Runs the client of docs/snippets/staying-connected.ts, the example of
// docs/topics/staying-connected.md, against the app of docs/snippets/typed-messages.ts on a real
// local gateway (port 0, 127.0.0.1), with `ws` as its WebSocket and one manual clock for both:
// the reconnect after the idle cut, the heartbeat the gateway answers as a MOCK route, the
// switch-over before the maximum duration, and the backoff delays the page lists.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WebsocketClient } from '@wsapp/client';
import { startLocalGateway, type GatewayEventRecord, type LocalGateway } from '@wsapp/local';
import { manualClock } from '@wsapp/local/testing';
import WebSocket from 'ws';
import { backoffDelay } from '../../packages/client/src/backoff';
import { eventually as until } from '../../packages/client/test/helpers';
import { chatClient } from '../snippets/staying-connected';
import { app } from '../snippets/typed-messages';
import { root } from './local-runs';

const MINUTE = 60_000;

/** `ws`, counting every frame that reaches the client's sockets, the heartbeat's answers included. */
function countingWebSocket(): { WebSocket: new (url: string) => WebSocket; frames: () => number } {
  let frames = 0;
  class CountingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      this.on('message', () => void (frames += 1));
    }
  }
  return { WebSocket: CountingWebSocket, frames: () => frames };
}

describe('the client of docs/snippets/staying-connected.ts on the local gateway', () => {
  let gateway: LocalGateway | undefined;
  let client: WebsocketClient<typeof app> | undefined;
  const records: GatewayEventRecord[] = [];
  const onEvent = (record: GatewayEventRecord): void => void records.push(record);

  beforeAll(() => app.log.setSink(() => undefined));
  afterAll(() => app.log.setSink());
  beforeEach(() => {
    records.length = 0;
  });
  afterEach(async () => {
    client?.close();
    client = undefined;
    await gateway?.close();
    gateway = undefined;
  });

  // #region idle-cut
  it('reconnects after the idle cut, and joins its room again before the queued message goes out', async () => {
    // Prepare: a gateway that cuts idle connections after a minute, as `wsapp local --idle-timeout 60`.
    const clock = manualClock();
    gateway = await startLocalGateway(app, { port: 0, clock, limits: { idleTimeoutMs: MINUTE } });
    const lines: string[] = [];
    client = chatClient(gateway.url, 'lobby', (line) => lines.push(line), { WebSocket, clock, random: () => 0.5 });
    await until(() => lines.length === 1);

    // Act
    await clock.advance(MINUTE); // nothing sent for a minute: the gateway closes with 1001
    await until(() => client?.state === 'reconnecting');
    client.send('sendmessage', { text: 'anyone here?' }); // offline: queued
    await clock.advance(375); // the first delay: d = 500, d / 2 + 0.5 * d / 2
    await until(() => lines.length === 5);

    // Assess
    expect(lines).toEqual([
      '{"joined":"lobby"}',
      '(offline: closed with 1001, attempt 1 in 375 ms)',
      '(back online)',
      '{"joined":"lobby"}', // the open listener's join went out first...
      '{"room":"lobby","text":"anyone here?"}', // ...then the queue
    ]);
  });
  // #endregion idle-cut

  it('stays connected past the 10-minute idle cut on heartbeats the gateway answers itself (MOCK)', async () => {
    // Prepare: API Gateway's limits; the client's default heartbeat, every 9 minutes.
    const clock = manualClock();
    gateway = await startLocalGateway(app, { port: 0, clock, onEvent });
    const counting = countingWebSocket();
    const lines: string[] = [];
    client = chatClient(gateway.url, 'lobby', (line) => lines.push(line), { WebSocket: counting.WebSocket, clock });
    await until(() => lines.length === 1);

    // Act: 27 minutes in which the client sends nothing of its own.
    for (let beat = 1; beat <= 3; beat++) {
      await clock.advance(9 * MINUTE);
      await until(() => counting.frames() === 1 + beat, `the answer to heartbeat ${beat}`);
    }
    await clock.advance(10_000); // past the last answer's timeout

    // Assess
    const pings = records.filter((record) => record.routeKey === 'ping');
    expect(pings).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ eventType: 'MESSAGE', integration: 'MOCK', handled: false, outcome: 'ok', statusCode: 200 })));
    expect(records.filter((record) => record.eventType === 'CONNECT')).toHaveLength(1);
    expect(client.state).toBe('open');
    expect(lines).toEqual(['{"joined":"lobby"}']); // the answers are not delivered to 'message' listeners
  });

  it('opens the next connection a minute before the maximum duration, with no drop', async () => {
    // Prepare: connections last 5 minutes, as `wsapp local --max-duration 300`, and the client knows it.
    const clock = manualClock();
    gateway = await startLocalGateway(app, { port: 0, clock, onEvent, limits: { maxConnectionDurationMs: 5 * MINUTE } });
    const lines: string[] = [];
    client = chatClient(gateway.url, 'lobby', (line) => lines.push(line), { WebSocket, clock, maxConnectionMs: 5 * MINUTE });
    await until(() => lines.length === 1);

    // Act
    await clock.advance(4 * MINUTE); // maxConnectionMs - switchOverMs: the second connection opens and joins
    await until(() => lines.length === 2);
    client.send('sendmessage', { text: 'still here' });
    await until(() => lines.length === 4);
    await clock.advance(5_000); // switchOverGraceMs: the first connection is closed
    await until(() => records.some((record) => record.eventType === 'DISCONNECT'));
    client.send('sendmessage', { text: 'once' });
    await until(() => lines.length === 5);

    // Assess
    expect(lines).toEqual([
      '{"joined":"lobby"}',
      '{"joined":"lobby"}',
      '{"room":"lobby","text":"still here"}', // both connections are in the room during the grace period...
      '{"room":"lobby","text":"still here"}',
      '{"room":"lobby","text":"once"}', // ...then only the new one
    ]);
    expect(records.filter((record) => record.eventType === 'CONNECT')).toHaveLength(2);
    expect(records.find((record) => record.eventType === 'DISCONNECT')?.detail).toMatch(/^1000\b/);
    expect(client.state).toBe('open');
  });

  it('waits the delays the page lists: at least half of each ceiling, at most all of it', () => {
    const page = readFileSync(join(root, 'docs', 'topics', 'staying-connected.md'), 'utf8');
    const table = /<!-- backoff table -->\n([\s\S]*?)\n\n/.exec(page)?.[1] ?? '';
    const rows = [...table.matchAll(/^\| (\d+)\+? \| ([\d.,]+) s \| ([\d.,]+) s \|$/gm)].map((row) => row.slice(1, 4).map((cell) => Number(cell.replace(',', ''))));
    const defaults = { initialDelayMs: 500, maxDelayMs: 30_000, factor: 2 };

    expect(rows.map(([attempt]) => attempt)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const [attempt = 0, shortest, longest] of rows) {
      expect([attempt, backoffDelay(attempt, defaults, () => 0) / 1000, backoffDelay(attempt, defaults, () => 1) / 1000]).toEqual([attempt, shortest, longest]);
    }
    expect(backoffDelay(20, defaults, () => 1)).toBe(30_000);
  });
});
