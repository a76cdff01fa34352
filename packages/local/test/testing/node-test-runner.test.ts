import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('the test client under node:test', () => {
  it('passes the same kind of test run by node --test against the built package', () => {
    const built = join(__dirname, '..', '..', 'dist', 'testing', 'index.js');
    expect(existsSync(built)).toBe(true); // `pnpm build` runs before the tests
    const run = spawnSync(process.execPath, ['--test', join(__dirname, 'fixtures', 'echo-with-node-test.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    // The totals: `# pass 2` from the tap reporter (Node 20 and 22 off a terminal), `ℹ pass 2` from spec (Node 24).
    expect(run.stdout).toMatch(/^(?:#|ℹ) pass 2$/m);
    expect(run.stdout).toMatch(/^(?:#|ℹ) fail 0$/m);
    expect(run.status).toBe(0);
  });
});
