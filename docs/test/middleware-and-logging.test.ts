// Runs docs/snippets/middleware-and-logging.ts, the example of docs/topics/middleware-and-logging.md:
// in process with the test client (the order of the middleware, the short-circuit, the error
// mapping, the app.log records), then in a real `wsapp local`, off and on a terminal, whose
// output is compared with the blocks the page shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogRecord } from '@wsapp/framework';
import { createTestClient } from '@wsapp/local/testing';
import { cleanup, startLocal, type LocalProcess } from '../../packages/cli/test/helpers/local-process';
import { app } from '../snippets/middleware-and-logging';
import { Client, normalizeLine, outputBlocks, outputMismatch, root } from './local-runs';

const PAGE = 'docs/topics/middleware-and-logging.md';

describe('docs/snippets/middleware-and-logging.ts with the test client', () => {
  // #region records
  let records: LogRecord[];
  beforeEach(() => {
    records = [];
    app.log.setSink((record) => records.push(record)); // instead of stdout
  });
  afterEach(() => app.log.setSink());

  it('runs the middleware around the handler, the first registered outermost', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await conn.send('{"text": "hi"}');

    expect(conn.received).toEqual(['you said: hi']);
    expect(records.map((record) => [record.level, record.message, record.routeKey])).toEqual([
      ['INFO', 'connected', '$connect'],
      ['INFO', 'handled', '$connect'],
      ['INFO', 'handled', '$default'], // DEBUG "message" is below the default level, INFO
    ]);
    await client.dispose();
  });
  // #endregion records

  it('shows DEBUG lines when AWS_LAMBDA_LOG_LEVEL asks for them', async () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'DEBUG';
    try {
      const client = createTestClient(app);
      const conn = await client.connect();

      await conn.send('{"text": "hi"}');

      expect(records.map((record) => record.message)).toEqual(['connected', 'handled', 'message', 'handled']);
      expect(records[2]).toMatchObject({ level: 'DEBUG', message: 'message', routeKey: '$default', text: 'hi' });
      await client.dispose();
    } finally {
      delete process.env.AWS_LAMBDA_LOG_LEVEL;
    }
  });

  it('maps a BadRequestError to an answer, so the invocation succeeds', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await conn.send('{"msg": "hi"}');
    await conn.send('not JSON');

    expect(conn.received[0]).toBe('{"error":"send {\\"text\\": \\"...\\"}"}');
    expect(JSON.parse(conn.received[1] ?? '')).toEqual({ error: expect.stringMatching(/^The websocket message body is not valid JSON/) });
    expect(records.filter((record) => record.level !== 'INFO').map((record) => [record.level, record.message])).toEqual([
      ['WARN', 'bad request'],
      ['WARN', 'bad request'],
    ]);
    await client.dispose();
  });

  it('lets any other error through: the invocation fails, and app.handler logs "Websocket handler failed"', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await expect(conn.send('{"text": "boom"}')).rejects.toThrow('the database is down');

    const failed = records.at(-1);
    expect(failed).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'ERROR',
      message: 'Websocket handler failed',
      requestId: expect.any(String),
      connectionId: conn.connectionId,
      routeKey: '$default',
      error: { name: 'Error', message: 'the database is down', stack: expect.stringContaining('middleware-and-logging.ts') },
    });
    expect(records.at(-2)).toMatchObject({ message: 'handled' }); // the outer middleware's finally ran first
    await client.dispose();
  });

  it('refuses new connections with 503 during maintenance, without running $connect', async () => {
    process.env.MAINTENANCE = 'on';
    try {
      const client = createTestClient(app);

      await expect(client.connect()).rejects.toMatchObject({ statusCode: 503 });

      expect(records.map((record) => record.message)).toEqual(['handled']);
      await client.dispose();
    } finally {
      delete process.env.MAINTENANCE;
    }
  });
});

describe('docs/snippets/middleware-and-logging.ts in wsapp local', () => {
  const processes: LocalProcess[] = [];
  afterEach(cleanup(processes, [], () => undefined));

  /** One client: connects, says hi, sends a message without text, then one that fails, and leaves. */
  async function session(tty: boolean): Promise<string> {
    const local = await startLocal(['--app', 'docs/snippets', '--entry', 'middleware-and-logging.ts', '--port', '0'], root, { tty });
    processes.push(local);
    const client = await Client.open(local.url);
    expect(await client.ask('{"text": "hi"}')).toBe('you said: hi');
    expect(await client.ask('{"msg": "hi"}')).toBe('{"error":"send {\\"text\\": \\"...\\"}"}');
    expect(JSON.parse(await client.ask('{"text": "boom"}'))).toMatchObject({ message: 'Internal server error' });
    await client.close();
    await local.waitFor(/DISCONNECT .*\n/); // the last line, whole
    return local.output();
  }

  it('prints readable app.log lines under each event line on a terminal, as the page shows', async () => {
    const output = await session(true);

    expect(outputMismatch(outputBlocks(PAGE).get('terminal') ?? ['(no block)'], output)).toBeUndefined();
  }, 30_000);

  it('prints the JSON lines Lambda writes off a terminal, as the page shows', async () => {
    const output = await session(false);

    expect(outputMismatch(outputBlocks(PAGE).get('json') ?? ['(no block)'], output)).toBeUndefined();
    // The "Websocket handler failed" record the page shows, pretty-printed and with its stack cut short.
    const page = readFileSync(join(root, PAGE), 'utf8');
    const shown = JSON.parse(/<!-- the failed record -->\n```json\n([\s\S]*?)\n```/.exec(page)?.[1] ?? 'null') as LogRecord & { error: { stack: string } };
    const printed = output.split('\n').find((line) => line.includes('"message":"Websocket handler failed"'));
    const real = JSON.parse(printed ?? 'null') as LogRecord & { error: { stack: string } };
    expect(Object.keys(shown)).toEqual(Object.keys(real));
    expect(normalizeLine(JSON.stringify({ ...shown, error: { ...shown.error, stack: '' } }))).toBe(
      normalizeLine(JSON.stringify({ ...real, error: { ...real.error, stack: '' } })),
    );
    const shownFrames = shown.error.stack.split('\n').filter((line) => line.trim() !== '...');
    expect(real.error.stack.split('\n').slice(0, shownFrames.length).map(normalizeLine)).toEqual(shownFrames.map(normalizeLine));
  }, 30_000);
});
