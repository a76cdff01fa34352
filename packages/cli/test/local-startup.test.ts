// Start-up can be stopped: a signal while wsapp local is starting (here: loading an app whose
// top level never finishes) stops it at once, instead of waiting for a start-up that may never end.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, makeApp, spawnCli, type CliProcess } from './helpers/local-process';

/** An app whose module top level says it has started loading, then awaits forever (a timer keeps the process busy). */
const HANGING_LOAD = `
import { WsApp } from '@wsapp/framework';
console.log('app.ts: top level started');
await new Promise(() => setInterval(() => undefined, 60_000));
export const app = new WsApp({ name: 'never-loaded' });
`;

/** An app whose top level awaits a promise nothing can ever settle: the event loop runs dry. */
const UNSETTLED_LOAD = `
import { WsApp } from '@wsapp/framework';
await new Promise(() => undefined);
export const app = new WsApp({ name: 'never-loaded' });
`;

const ESM = JSON.stringify({ type: 'module' });

/** Throw-away app folders and the CLI processes started on them, removed after each test. */
function throwAwayApps(): { processes: CliProcess[]; appWith(files: Record<string, string>): string } {
  const dirs: string[] = [];
  const processes: CliProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));
  return {
    processes,
    appWith(files) {
      const dir = makeApp(files);
      dirs.push(dir);
      return dir;
    },
  };
}

describe('wsapp local start-up', () => {
  const { processes, appWith } = throwAwayApps();

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stops at once on %s while the app is loading, closing what was started, and exits %d', async (signal, status) => {
    // Prepare: with a merge template, so the embedded DynamoDB is already running when loading hangs.
    const dir = appWith({ 'app.ts': HANGING_LOAD, 'package.json': ESM, 'resources.json': '{"Resources": {}}' });
    const local = spawnCli(['local', dir, '--port', '0', '--merge-template', join(dir, 'resources.json')]);
    processes.push(local);
    await local.waitFor(/app\.ts: top level started/);

    // Act
    local.child.kill(signal);

    // Assess
    expect(await local.exited).toBe(status);
    expect(local.output()).toContain(`wsapp: ${signal} during start-up, while loading ${join(dir, 'app.ts')}: stopped\n`);
    expect(local.output()).not.toContain('WebSocket URL');
  });

});

describe('an app whose top level awaits a promise that can never settle', () => {
  const { processes, appWith } = throwAwayApps();

  it.each([['local'], ['package']])(
    'makes wsapp %s exit 1 naming the entry, instead of exiting 0 as if it had succeeded',
    async (command) => {
      const dir = appWith({ 'app.ts': UNSETTLED_LOAD, 'package.json': ESM });
      const run = spawnCli(command === 'local' ? ['local', dir, '--port', '0'] : ['package', dir, join(dir, 'out')]);
      processes.push(run);

      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(
        `wsapp: Cannot load app entry ${join(dir, 'app.ts')}: its top level awaits a promise that can never settle (nothing is left for it to wait on)\n`,
      );
    },
  );
});
