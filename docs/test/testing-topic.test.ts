// The examples of docs/topics/testing.md beyond the first one: timeouts on a manual clock, the two
// ways the test client reports handler errors, several clients on one app, and calling
// app.handler directly with a captured event.
import { WsApp } from '@wsapp/framework';
import { capturedEvent, createTestClient, manualClock } from '@wsapp/local/testing';
import { app } from '../../examples/echo-server/app';
import { app as authApp } from '../snippets/auth';

// The gateway logs on stderr why it refuses a malformed $connect response; keep the test output readable.
let errors: jest.SpyInstance;
beforeEach(() => {
  errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => errors.mockRestore());

describe('timeouts on a manual clock', () => {
  // #region idle-timeout
  it('closes a connection with 1001 after 10 minutes without a message from the client', async () => {
    const clock = manualClock();
    const client = createTestClient(app, { clock });
    const conn = await client.connect();

    await clock.advance(9 * 60 * 1000);
    await conn.send('still here'); // a message restarts the idle timer
    await clock.advance(9 * 60 * 1000);
    expect(conn.isOpen).toBe(true);
    await clock.advance(60 * 1000);
    await conn.disconnected;

    expect(conn.closeCode).toBe(1001);
    await client.dispose();
  });
  // #endregion idle-timeout

  it('closes a connection with 1001 after 2 hours even while the client keeps sending', async () => {
    const clock = manualClock();
    const client = createTestClient(app, { clock });
    const conn = await client.connect();

    for (let minute = 5; minute < 120; minute += 5) {
      await clock.advance(5 * 60 * 1000);
      await conn.send(`minute ${minute}`);
    }
    expect(conn.isOpen).toBe(true);
    await clock.advance(5 * 60 * 1000);
    await conn.disconnected;

    expect(conn.closeCode).toBe(1001);
    await client.dispose();
  });

  // #region integration-timeout
  it('fails a handler that runs past the 29-second integration timeout', async () => {
    const slow = new WsApp({ name: 'slow' });
    slow.onWsMessage(() => new Promise<never>(() => undefined)); // never finishes
    const clock = manualClock();
    const client = createTestClient(slow, { clock });
    const conn = await client.connect();

    const failed = expect(conn.send('hello')).rejects.toThrow('The $default handler did not finish within 29000 ms');
    await clock.advance(29_000);

    await failed;
    await client.dispose();
  });
  // #endregion integration-timeout
});

describe('handler errors', () => {
  // #region handler-errors
  const failing = new WsApp({ name: 'failing' });
  failing.onWsMessage(() => {
    throw new Error('database down');
  });

  it('rejects send with the error the handler threw (handlerErrors: reject, the default)', async () => {
    const client = createTestClient(failing);
    const conn = await client.connect();

    await expect(conn.send('hi')).rejects.toThrow('database down');
    await client.dispose();
  });

  it('delivers the Internal server error frame, as API Gateway does (handlerErrors: frame)', async () => {
    const client = createTestClient(failing, { handlerErrors: 'frame' });
    const conn = await client.connect();

    await conn.send('hi');

    expect(JSON.parse(conn.received[0] ?? '')).toMatchObject({ message: 'Internal server error' });
    expect(conn.isOpen).toBe(true);
    await client.dispose();
  });
  // #endregion handler-errors
  // app.handler logs each failure as an app.log line on stdout; these are expected.
  beforeAll(() => failing.log.setSink(() => undefined));
  afterAll(() => failing.log.setSink());

  it('rejects a binary message naming the close code, and closes the connection with 1003', async () => {
    const client = createTestClient(app);
    const conn = await client.connect();

    await expect(conn.send(new Uint8Array([1, 2, 3]))).rejects.toThrow('closed the connection with 1003');
    await conn.disconnected;

    expect(conn.closeCode).toBe(1003);
    await client.dispose();
  });

  it('closes the connection with 1009 for a message over 128 KB, in frame mode without rejecting', async () => {
    const client = createTestClient(app, { handlerErrors: 'frame' });
    const conn = await client.connect();

    await conn.send('x'.repeat(128 * 1024 + 1));
    await conn.disconnected;

    expect(conn.closeCode).toBe(1009);
    expect(conn.received).toEqual([]);
    await client.dispose();
  });

  it('refuses with 500 a $connect that returns its status as a string', async () => {
    const stringly = new WsApp({ name: 'stringly' });
    stringly.onWsConnect(() => ({ statusCode: '401' }) as never);
    const client = createTestClient(stringly);

    await expect(client.connect()).rejects.toMatchObject({ statusCode: 500 });
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('statusCode "401" is not an integer from 100 to 599'));
    await client.dispose();
  });
});

describe('several clients on one app', () => {
  // #region several-clients
  it('runs two test clients on the same app at once', async () => {
    const first = createTestClient(app);
    const second = createTestClient(app);
    const a = await first.connect();
    const b = await second.connect();

    await a.send('from a');
    await b.send('from b');
    await first.dispose();
    await b.send('still here');

    expect(a.received).toEqual(['from a']);
    expect(b.received).toEqual(['from b', 'still here']);
    await second.dispose();
  });
  // #endregion several-clients
});

describe('app.handler with captured events', () => {
  // #region captured-event
  it('refuses a $connect event without a token with 401 and one with an unknown token with 403', async () => {
    const noToken = capturedEvent('connect');
    const wrongToken = capturedEvent('connect', { queryStringParameters: { token: 'wrong' } });

    expect(await authApp.handler(noToken)).toMatchObject({ statusCode: 401 });
    expect(await authApp.handler(wrongToken)).toMatchObject({ statusCode: 403 });
  });
  // #endregion captured-event
});
