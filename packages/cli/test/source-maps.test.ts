import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturedEvent } from '@wsapp/local/testing';
import type { CfnTemplate, JsonObject } from '../src/template';
import { invokeBundle } from './helpers/invoke-bundle';
import { runCli } from './helpers/run-cli';
import { temporaryFolder } from './helpers/temporary-folder';
import { zipEntries } from './helpers/zip-entries';

const THROWING_APP = join(__dirname, 'fixtures', 'throwing-app');

/** The 1-based line of the fixture's `throw`, found in its source so the test follows edits. */
const THROW_LINE = readFileSync(join(THROWING_APP, 'app.ts'), 'utf8').split('\n').findIndex((line) => line.includes('throw new Error')) + 1;

/** What the failing handler printed on stderr when run from the bundle in a fresh Node process. */
async function stackOfFailure(bundle: string, env: Record<string, string>): Promise<string> {
  const event = capturedEvent('message', { body: '{}', requestContext: { routeKey: '$default' } });
  try {
    await invokeBundle(bundle, event, { env });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the handler did not fail');
}

describe('source maps in Lambda', () => {
  const work = temporaryFolder('source-maps');
  const task = join(work.path, 'var-task'); // where Lambda unpacks deployment.zip
  let variables: JsonObject;
  afterAll(() => work.remove());

  beforeAll(() => {
    // Prepare: package the app, then unpack its deployment.zip as Lambda does.
    const run = runCli(['package', '--app', THROWING_APP, 'out'], work.path);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const template = JSON.parse(readFileSync(join(work.path, 'out', 'sam.json'), 'utf8')) as CfnTemplate;
    variables = ((template.Resources.WebsocketMessage?.Properties as JsonObject).Environment as JsonObject).Variables as JsonObject;
    mkdirSync(task);
    for (const entry of zipEntries(readFileSync(join(work.path, 'out', 'deployment.zip')))) writeFileSync(join(task, entry.name), entry.data);
  });

  it("gives the function NODE_OPTIONS=--enable-source-maps, and then the stack names app.ts and the throw's line", async () => {
    expect(THROW_LINE).toBeGreaterThan(1);
    expect(variables).toEqual({ NODE_OPTIONS: '--enable-source-maps' });

    // Act: run the bundle with the function's environment from the template.
    const stack = await stackOfFailure(join(task, 'app.js'), { NODE_OPTIONS: String(variables.NODE_OPTIONS) });

    // Assess: the handler's own log line and the rethrown error both point into app.ts.
    expect(stack).toContain('Order without an item: {}');
    expect(stack).toMatch(new RegExp(`${join(task, 'app.ts').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${THROW_LINE}:\\d+`));
    expect(stack).not.toMatch(/app\.js:\d+:\d+/);
  });

  it('gives a stack into the minified app.js only without the option, so the option is what maps it', async () => {
    const stack = await stackOfFailure(join(task, 'app.js'), {});

    expect(stack).toMatch(/app\.js:\d+:\d+/);
    expect(stack).not.toMatch(/app\.ts:\d+/);
  });
});
