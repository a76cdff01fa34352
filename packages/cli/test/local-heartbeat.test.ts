// The heartbeat route and body schemas as the real `wsapp local` process serves and logs them:
// the heartbeat answered as a MOCK integration (marked so in its event line, no function
// invoked), and a body that fails its schema answered with the invalid-body frame and logged.
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, makeApp, open, REPO, startLocal, type LocalProcess } from './helpers/local-process';

const APP = `
import { z } from 'zod';
import { WsApp } from '@wsapp/framework';
export const app = new WsApp({ name: 'cli-heartbeat' }).heartbeat();
app.onWsRoute('say', { body: z.object({ text: z.string() }), twoWay: true }, (event) => 'said ' + event.jsonBody.text);
`;

const TIME = String.raw`\d\d:\d\d:\d\d\.\d{3}`;

describe('wsapp local with a heartbeat and a typed route', () => {
  const dirs: string[] = [];
  const processes: LocalProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));

  it('answers the heartbeat as a mock and logs a body that fails its schema under its event line', async () => {
    const dir = makeApp({ 'app.ts': APP });
    symlinkSync(join(REPO, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'));
    dirs.push(dir);
    const local = await startLocal([dir, '--port', '0'], undefined, { tty: false });
    processes.push(local);
    const client = await open(local.url);

    client.socket.send('{"action":"ping"}');
    expect(await client.next()).toBe('{"action":"pong"}');
    client.socket.send('{"action":"say","text":7}');
    const frame = JSON.parse(await client.next());
    await local.waitFor(/failed validation/);

    expect(frame).toMatchObject({ message: 'Invalid message body', routeKey: 'say', issues: [{ path: ['text'] }] });
    const lines = local.output().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${TIME} MESSAGE    ping         \\S{16} +[\\d.]+ ms  ok 200 \\(mock\\)$`)));
    const at = lines.findIndex((line) => /MESSAGE    say /.test(line));
    expect(lines[at]).toMatch(/ ms  ok 400$/);
    expect(JSON.parse(lines[at + 1] as string)).toMatchObject({
      level: 'WARN', message: 'Websocket message body failed validation', routeKey: 'say', issues: frame.issues,
    });
    client.socket.close();
  });
});
