// Reloading on the ways editors save: in place, and by replacing the file (vim, JetBrains "safe
// write", Emacs, sed -i write a new file and rename it over the old one), which Node's recursive
// fs.watch stops reporting. Every wait is on a line wsapp local prints: the URL is printed once
// the folder is watched, so no change is made before the watcher can see it.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isIgnored } from '../src/local/watch-app';
import { cleanup, echoApp, makeApp, open, startLocal, type LocalProcess } from './helpers/local-process';

/** Saves as sed -i does: the new text goes into a temporary file beside it, renamed over the file. */
function replaceSave(file: string, text: string): void {
  const temporary = join(dirname(file), `sed${randomBytes(3).toString('hex')}`);
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

describe('wsapp local reloading', () => {
  const dirs: string[] = [];
  const processes: LocalProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));
  const run = async (text: string): Promise<{ local: LocalProcess; file: string }> => {
    const dir = makeApp({ 'app.ts': text });
    dirs.push(dir);
    const local = await startLocal([dir, '--port', '0']);
    processes.push(local);
    return { local, file: join(dir, 'app.ts') };
  };

  it('reloads when a file is written in place, keeping open connections', async () => {
    const { local, file } = await run(echoApp('v1: '));
    const client = await open(local.url);
    client.socket.send('a');
    expect(await client.next()).toBe('v1: a');

    writeFileSync(file, echoApp('v2: '));
    await local.waitFor(/Reloaded /);
    client.socket.send('b');

    expect(await client.next()).toBe('v2: b');
    client.socket.close();
  });

  it('reloads once for each of 5 replace-saves in a row, each time serving the new code', async () => {
    // Prepare: one client that stays connected throughout.
    const { local, file } = await run(echoApp('v0: '));
    const client = await open(local.url);

    for (let version = 1; version <= 5; version++) {
      // Act: save version N the way vim, JetBrains and sed -i do, and wait for reload N.
      replaceSave(file, echoApp(`v${version}: `));
      await local.waitFor(/Reloaded .*app\.ts/, version);
      client.socket.send('x');

      // Assess: reload N runs version N (a reload from an earlier save's leftovers would not).
      expect(await client.next()).toBe(`v${version}: x`);
    }
    expect(local.output().match(/Reloaded /g)).toHaveLength(5);
    expect(local.output()).not.toContain('Reload failed');
    client.socket.close();
  });

  it('keeps the previous app answering when a replace-save has a syntax error, and says so', async () => {
    // Prepare: a first replace-save, so the watcher has already followed one replaced file.
    const { local, file } = await run(echoApp('v0: '));
    replaceSave(file, echoApp('v1: '));
    await local.waitFor(/Reloaded /);

    // Act
    replaceSave(file, 'export const app = ;');
    await local.waitFor(/Reload failed, still running the previous app: .*app\.ts/);
    const client = await open(local.url);
    client.socket.send('c');

    // Assess: the old handler answers, and the next good save is still seen.
    expect(await client.next()).toBe('v1: c');
    replaceSave(file, echoApp('v2: '));
    await local.waitFor(/Reloaded /, 2);
    client.socket.send('d');
    expect(await client.next()).toBe('v2: d');
    client.socket.close();
  });
});

describe('which changes wsapp local reloads for', () => {
  it.each([
    ['node_modules/pkg/index.js'],
    ['dist/app.js'],
    ['.git/index'],
    ['.wsapp/config.json'],
    ['.app.ts.swp'],
    ['app.ts~'],
    ['#app.ts#'],
    ['data/db/000001.log'],
  ])('ignores a change to %s', (file) => {
    expect(isIgnored('/app', join('/app', file), ['/app/data'])).toBe(true);
  });

  it.each([['app.ts'], ['lib/storage.ts'], ['sed4f2a1c'], ['app.ts___jb_tmp___']])('reloads for a change to %s', (file) => {
    expect(isIgnored('/app', join('/app', file), ['/app/data'])).toBe(false);
  });
});
