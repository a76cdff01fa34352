// Stack traces of handlers run by `wsapp local` name the user's app.ts and its TypeScript lines,
// whether the app is CommonJS (no "type": "module", loaded through tsx's require) or an ES module.
import { rmSync } from 'node:fs';
import { cleanup, makeApp, open, startLocal, type CliProcess } from './helpers/local-process';

/** The throw is on line 6 of app.ts, column 9. */
const THROWING_APP = `import { WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'stack-traces' });

app.onWsMessage(() => {
  throw new Error('thrown on line 6');
});
`;

describe('wsapp local stack traces', () => {
  const dirs: string[] = [];
  const processes: CliProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));

  it.each([
    ['a CommonJS app (no "type": "module")', {}],
    ['an ES module app', { 'package.json': JSON.stringify({ type: 'module' }) }],
  ])('name app.ts and the line of the throw for %s', async (_what, extra) => {
    const dir = makeApp({ 'app.ts': THROWING_APP, ...extra });
    dirs.push(dir);
    const local = await startLocal([dir, '--port', '0']);
    processes.push(local);
    const client = await open(local.url);

    client.socket.send('hi');
    await client.next();
    const logged = await local.waitFor(/"stack":"Error: thrown on line 6\\n {4}at ([^"\\]+)/);

    expect(logged[1]).toContain(`${dir}/app.ts:6:9`);
    expect(logged[1]).not.toContain('data:');
    client.socket.close();
  });
});
