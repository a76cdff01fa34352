// app.log lines and the authorizer's event lines, as the real `wsapp local` process prints them:
// each event line once its invocation has ended, and right under it the app.log lines that
// invocation wrote (JSON lines when stdout is not a terminal, readable ones when it is).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, makeApp, open, startLocal, type LocalProcess } from './helpers/local-process';

const appText = (greeting: string): string => `
import { WsApp } from '@wsapp/framework';
export const app = new WsApp({ name: 'cli-logs' });
app.authorizer((request) => {
  app.log.info('checking token', { token: request.queryStringParameters?.token });
  return request.queryStringParameters?.token === 'letmein' ? { principalId: 'user-1', context: { tenant: 'acme' } } : null;
}, { identitySources: ['route.request.querystring.token'] });
app.onWsConnect((event) => {
  app.log.info('connected', { principal: event.authorizer?.principalId, tenant: event.authorizer?.tenant });
});
app.onWsMessage(async (event) => {
  app.log.info('${greeting}', { body: event.body });
  if (event.body === 'fail') throw new TypeError('bad body');
  app.log.warn('two words', { note: 'a b' });
  await app.websocketApi.send(event.connectionId, 'ok');
});
app.onWsDisconnect(() => undefined);
`;

const TIME = String.raw`\d\d:\d\d:\d\d\.\d{3}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The printed lines from the event line matching `eventLine` on, `count` of them. */
function linesFrom(output: string, eventLine: RegExp, count: number): string[] {
  const lines = output.split('\n');
  const at = lines.findIndex((line) => eventLine.test(line));
  if (at < 0) throw new Error(`no line matches ${eventLine}:\n${output}`);
  return lines.slice(at, at + count);
}

/** An app.log JSON line as Lambda writes it, for the invocation on `connectionId` of `routeKey`. */
const jsonLine = (level: string, message: string, connectionId: string, routeKey: string, fields: Record<string, unknown>) => ({
  timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level, message, requestId: expect.stringMatching(UUID), connectionId, routeKey, ...fields,
});

describe('wsapp local app.log lines', () => {
  const dirs: string[] = [];
  const processes: LocalProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));
  const run = async (tty: boolean): Promise<{ local: LocalProcess; dir: string }> => {
    const dir = makeApp({ 'app.ts': appText('message received') });
    dirs.push(dir);
    const local = await startLocal([dir, '--port', '0'], undefined, { tty });
    processes.push(local);
    return { local, dir };
  };

  it('prints the JSON lines of each invocation right under its event line when stdout is not a terminal', async () => {
    const { local } = await run(false);
    const client = await open(`${local.url}?token=letmein`);

    client.socket.send('hi');
    expect(await client.next()).toBe('ok');
    const id = (await local.waitFor(/MESSAGE +\$default +(\S{16}) /))[1] as string;
    await local.waitFor(/"message":"two words"/);

    const [authorizer, checked, connect, connected, message, received, warned] = linesFrom(local.output(), /AUTHORIZER/, 7);
    expect(authorizer).toMatch(new RegExp(`^${TIME} AUTHORIZER \\$connect     ${id} +[\\d.]+ ms  ok allow user-1$`));
    expect(JSON.parse(checked as string)).toEqual(jsonLine('INFO', 'checking token', id, '$connect', { token: 'letmein' }));
    expect(connect).toMatch(new RegExp(`^${TIME} CONNECT    \\$connect     ${id} +[\\d.]+ ms  ok 200$`));
    expect(JSON.parse(connected as string)).toEqual(jsonLine('INFO', 'connected', id, '$connect', { principal: 'user-1', tenant: 'acme' }));
    expect(message).toMatch(new RegExp(`^${TIME} MESSAGE    \\$default     ${id} +[\\d.]+ ms  ok 200$`));
    expect(JSON.parse(received as string)).toEqual(jsonLine('INFO', 'message received', id, '$default', { body: 'hi' }));
    expect(JSON.parse(warned as string)).toEqual(jsonLine('WARN', 'two words', id, '$default', { note: 'a b' }));
    client.socket.close();
  });

  it("prints the authorizer's refusals with their status and reason, and the lines it wrote under them", async () => {
    const { local } = await run(false);

    await expect(open(`${local.url}?token=nope`)).rejects.toThrow('Unexpected server response: 403');
    await local.waitFor(/"token":"nope"/);
    await expect(open(local.url)).rejects.toThrow('Unexpected server response: 401');
    await local.waitFor(/missing identity source/);

    const [denied, checked, missing, after] = linesFrom(local.output(), /AUTHORIZER/, 4);
    expect(denied).toMatch(new RegExp(`^${TIME} AUTHORIZER \\$connect     (\\S{16}) +[\\d.]+ ms  refused 403 explicit deny$`));
    expect(JSON.parse(checked as string)).toMatchObject({ level: 'INFO', message: 'checking token', routeKey: '$connect', token: 'nope' });
    expect(missing).toMatch(
      new RegExp(`^${TIME} AUTHORIZER \\$connect     \\S{16} +[\\d.]+ ms  refused 401 \\(not invoked\\) missing identity source route\\.request\\.querystring\\.token$`),
    );
    expect(after).toBe('');
  });

  it('prints readable lines under each event line on a terminal, with the stack of an error field indented', async () => {
    const { local } = await run(true);
    const client = await open(`${local.url}?token=letmein`);

    client.socket.send('hi');
    expect(await client.next()).toBe('ok');
    client.socket.send('fail');
    expect(JSON.parse(await client.next())).toMatchObject({ message: 'Internal server error' });
    await local.waitFor(/ERROR Websocket handler failed/);

    const [authorizer, checked, connect, connected, message, received, warned] = linesFrom(local.output(), /AUTHORIZER/, 7);
    expect(authorizer).toMatch(new RegExp(`^${TIME} AUTHORIZER \\$connect     \\S{16} +[\\d.]+ ms  ok allow user-1$`));
    expect([checked, connected, received, warned]).toEqual([
      '  INFO checking token token=letmein',
      '  INFO connected principal=user-1 tenant=acme',
      '  INFO message received body=hi',
      '  WARN two words note="a b"',
    ]);
    expect([connect, message]).toEqual([expect.stringMatching(/ CONNECT +\$connect .* ok 200$/), expect.stringMatching(/ MESSAGE +\$default .* ok 200$/)]);
    const [failed, failedReceived, failure, firstFrame] = linesFrom(local.output(), / MESSAGE .* error$/, 4);
    expect(failed).toMatch(new RegExp(`^${TIME} MESSAGE    \\$default     \\S{16} +[\\d.]+ ms  error$`));
    expect([failedReceived, failure]).toEqual(['  INFO message received body=fail', '  ERROR Websocket handler failed error="TypeError: bad body"']);
    expect(firstFrame).toMatch(/^ {6}at .*app\.ts:\d+:\d+\)?$/);
    client.socket.close();
  });

  it('keeps printing the lines of the reloaded app under its event lines', async () => {
    const { local, dir } = await run(false);
    const client = await open(`${local.url}?token=letmein`);

    writeFileSync(join(dir, 'app.ts'), appText('reloaded and received'));
    await local.waitFor(/Reloaded /);
    client.socket.send('again');
    expect(await client.next()).toBe('ok');
    await local.waitFor(/"message":"two words"/);

    const [message, received] = linesFrom(local.output(), /MESSAGE/, 2);
    expect(message).toMatch(/ MESSAGE +\$default +\S{16} +[\d.]+ ms  ok 200$/);
    expect(JSON.parse(received as string)).toMatchObject({ level: 'INFO', message: 'reloaded and received', body: 'again' });
    client.socket.close();
  });
});
