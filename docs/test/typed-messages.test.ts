// Runs docs/snippets/typed-messages.ts, the example of docs/topics/typed-messages.md: with the test
// client (bodies that pass and fail their schema, the invalid-body frame exactly as the page
// documents it, the log line, the decorated two-way route, the heartbeat), with a client typed
// from `typeof app` over real sockets, and in a real `wsapp local`, whose output is compared with
// the block the page shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@wsapp/client';
import { INVALID_BODY_MESSAGE, WsApp, type InvalidBodyFrame, type LogRecord } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { createTestClient } from '@wsapp/local/testing';
import WebSocket from 'ws';
import { z } from 'zod';
import { cleanup, startLocal, type LocalProcess } from '../../packages/cli/test/helpers/local-process';
import { app, topics } from '../snippets/typed-messages';
import { Client, outputBlocks, outputMismatch, root } from './local-runs';

const PAGE = 'docs/topics/typed-messages.md';

/** The frame the page documents, with its ids as the test client gives them. */
function documentedFrame(page: string): unknown {
  return JSON.parse(/<!-- the invalid-body frame -->\n```json\n([\s\S]*?)\n```/.exec(page)?.[1] ?? 'null');
}

describe('docs/snippets/typed-messages.ts with the test client', () => {
  let records: LogRecord[];
  beforeEach(() => {
    records = [];
    app.log.setSink((record) => records.push(record));
  });
  afterEach(() => app.log.setSink());

  // #region test
  it("runs a route whose body passes its schema, with the schema's output as event.jsonBody", async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await conn.send('{"action":"join","room":"lobby"}');
    await conn.send('{"action":"sendmessage","text":"  hello  "}');

    expect(conn.received).toEqual(['{"joined":"lobby"}', '{"room":"lobby","text":"hello"}']);
    await client.dispose();
  });

  it('answers a body that fails with one Invalid message body frame, without running the handler', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    const result = await conn.send('{"action":"join","room":42}');

    expect(result).toEqual({ statusCode: 400 });
    expect(conn.received).toHaveLength(1); // no {"joined":...}: the handler did not run
    const frame = JSON.parse(conn.received[0] ?? '') as InvalidBodyFrame;
    expect(frame).toEqual({
      message: 'Invalid message body',
      routeKey: 'join',
      issues: [{ path: ['room'], message: 'Invalid input: expected string, received number' }],
      connectionId: conn.connectionId,
      requestId: expect.any(String),
    });
    await client.dispose();
  });
  // #endregion test

  it('shows the invalid-body frame exactly as a deterministic test client gets it', async () => {
    const client = createTestClient(app, { deterministic: true });
    const conn = await client.connect();

    await conn.send('{"action":"join","room":"lobby"}');
    await conn.send('{"action":"sendmessage","text":"   "}');

    const page = readFileSync(join(root, PAGE), 'utf8');
    expect(conn.received[1]).toBe(JSON.stringify(documentedFrame(page)));
    expect(JSON.parse(conn.received[1] ?? '')).toMatchObject({ message: INVALID_BODY_MESSAGE });
    await client.dispose();
  });

  it('logs one WARN line with the issues, in the invocation of the message', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await conn.send('{"action":"sendmessage","text":""}');

    const frame = JSON.parse(conn.received[0] ?? '') as InvalidBodyFrame;
    expect(records).toEqual([
      {
        timestamp: expect.any(String),
        level: 'WARN',
        message: 'Websocket message body failed validation',
        requestId: expect.any(String), // the Lambda request id, not the frame's API Gateway one
        connectionId: conn.connectionId,
        routeKey: 'sendmessage',
        issues: frame.issues,
      },
    ]);
    expect(records[0]?.requestId).not.toBe(frame.requestId);
    await client.dispose();
  });

  it('answers on the decorated two-way route with the frame as its route response', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    const refused = await conn.send('{"action":"topic","topic":7}');
    const accepted = await conn.send('{"action":"topic","topic":"cats"}');

    expect(refused?.statusCode).toBe(400);
    expect(JSON.parse(refused?.body ?? '')).toMatchObject({ message: 'Invalid message body', routeKey: 'topic', issues: [{ path: ['topic'] }] });
    expect(accepted).toEqual({ statusCode: 200, body: 'topic of lobby: cats' });
    expect(conn.received).toEqual([refused?.body, 'topic of lobby: cats']); // each once: the route response only
    expect(topics.byRoom.get('lobby')).toBe('cats');
    await client.dispose();
  });

  it('answers the heartbeat itself, running none of the app', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    const result = await conn.send('{"action":"ping"}');

    expect(result).toBeUndefined();
    expect(conn.received).toEqual(['{"action":"pong"}']);
    expect(records).toEqual([]);
    await client.dispose();
  });

  it('reports a $default body that is not JSON as one issue at the root', async () => {
    const echo = new WsApp({ name: 'json-only' }).onWsMessage({ body: z.object({ text: z.string() }) }, () => undefined);
    echo.log.setSink(() => undefined);
    const client = createTestClient(echo);
    const conn = await client.connect();

    await conn.send('hello');

    expect(JSON.parse(conn.received[0] ?? '')).toMatchObject({
      routeKey: '$default',
      issues: [{ path: [], message: expect.stringMatching(/^The body is not valid JSON: /) }],
    });
    await client.dispose();
  });

  it('refuses every message with a strict object schema that does not list the route field', async () => {
    const strict = new WsApp({ name: 'strict' })
      .onWsRoute('join', { body: z.strictObject({ room: z.string() }) }, () => undefined)
      .onWsRoute('enter', { body: z.strictObject({ action: z.literal('enter'), room: z.string() }) }, (event) => `entered ${event.jsonBody.room}`);
    strict.log.setSink(() => undefined);
    const client = createTestClient(strict);
    const conn = await client.connect();

    await conn.send('{"action":"join","room":"lobby"}');
    await conn.send('{"action":"enter","room":"lobby"}');

    expect(JSON.parse(conn.received[0] ?? '')).toMatchObject({ issues: [{ path: [], message: 'Unrecognized key: "action"' }] });
    expect(conn.received).toHaveLength(1); // enter lists action, so its handler ran (and returned nothing to the client)
    await client.dispose();
  });

  it('runs the middleware for a body that fails too, with { statusCode: 400 } out of next', async () => {
    const seen: unknown[] = [];
    const guarded = new WsApp({ name: 'guarded' }).onWsRoute('join', { body: z.object({ room: z.string() }) }, () => undefined);
    guarded.log.setSink(() => undefined);
    guarded.middleware(async (event, next) => {
      const result = await next(event);
      seen.push([event.routeKey, result]);
      return result;
    });
    const client = createTestClient(guarded);
    const conn = await client.connect();

    await conn.send('{"action":"join","room":"lobby"}');
    await conn.send('{"action":"join","room":1}');

    expect(seen).toEqual([['join', undefined], ['join', { statusCode: 400 }]]);
    await client.dispose();
  });

  it('sends a body that is not JSON, addressed to a custom route, to $default instead (here: Forbidden)', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await conn.send('{"action":"join"');

    expect(JSON.parse(conn.received[0] ?? '')).toMatchObject({ message: 'Forbidden' });
    await client.dispose();
  });
});

describe('a client typed from typeof app', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    app.log.setSink(() => undefined);
    gateway = await startLocalGateway(app, { port: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    app.log.setSink();
  });

  it('sends what the schemas take, with the route field filled in', async () => {
    const url = gateway.url;
    const received: unknown[] = [];
    // #region typed-client
    const client = createClient<typeof app>(url, { WebSocket });
    client.on('message', (data) => received.push(data));

    client.send('join', { room: 'lobby' }); // sent as {"action":"join","room":"lobby"}
    client.send('sendmessage', { text: 'hello' });
    // @ts-expect-error: room is a string
    client.send('join', { room: 42 });
    // @ts-expect-error: no such route in typeof app
    client.send('jion', { room: 'lobby' });
    // @ts-expect-error: a route registered with a decorator is not in typeof app
    client.send('topic', { topic: 'cats' });
    client.send('$default', 'anything'); // always allowed: here the app has no $default, so Forbidden
    // #endregion typed-client
    const deadline = Date.now() + 10_000;
    while (received.length < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    client.close();

    expect(received).toEqual([
      { joined: 'lobby' },
      { room: 'lobby', text: 'hello' },
      expect.objectContaining({ message: 'Invalid message body', routeKey: 'join' }),
      expect.objectContaining({ message: 'Forbidden' }), // 'jion' matches no route, and there is no $default
      'topic of lobby: cats', // the route exists; only its type is missing
      expect.objectContaining({ message: 'Forbidden' }),
    ]);
  });
});

describe('docs/snippets/typed-messages.ts in wsapp local', () => {
  const processes: LocalProcess[] = [];
  afterEach(cleanup(processes, [], () => undefined));

  it('prints the failed body as ok 400 with its WARN line, and the heartbeat as (mock), as the page shows', async () => {
    const local = await startLocal(['--app', 'docs/snippets', '--entry', 'typed-messages.ts', '--port', '0'], root, { tty: true });
    processes.push(local);
    const client = await Client.open(local.url);

    expect(await client.ask('{"action":"join","room":"lobby"}')).toBe('{"joined":"lobby"}');
    expect(await client.ask('{"action":"sendmessage","text":"hi"}')).toBe('{"room":"lobby","text":"hi"}');
    expect(JSON.parse(await client.ask('{"action":"sendmessage","text":""}'))).toMatchObject({ message: 'Invalid message body' });
    expect(await client.ask('{"action":"ping"}')).toBe('{"action":"pong"}');
    await client.close();
    await local.waitFor(/DISCONNECT .*\n/);

    expect(outputMismatch(outputBlocks(PAGE).get('typed') ?? ['(no block)'], local.output())).toBeUndefined();
  }, 30_000);
});
