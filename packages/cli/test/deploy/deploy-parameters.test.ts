import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAsync, standInEnv } from '../helpers/deploy-cli';
import { REPO, makeApp } from '../helpers/local-process';
import { startAwsStandIns, type AwsStandIns } from '../stand-ins';

const ECHO_APP = readFileSync(join(REPO, 'examples', 'echo-server', 'app.ts'), 'utf8');
const PARAMETERS = { Parameters: { Greeting: { Type: 'String', Default: 'hi' } }, Resources: {} };

describe('wsapp deploy with --parameter-overrides and --tags', () => {
  let standIns: AwsStandIns;
  let app: string;

  beforeAll(async () => {
    standIns = await startAwsStandIns();
    app = makeApp({ 'app.ts': ECHO_APP, 'parameters.json': JSON.stringify(PARAMETERS) });
  });
  afterAll(async () => {
    await standIns.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('passes them to the stack, and a later deploy without them keeps both', async () => {
    const env = standInEnv(standIns);
    const wsapp = (...args: string[]) => runCliAsync(['deploy', '--app', app, '--merge-template', 'parameters.json', ...args], app, env);

    const first = await wsapp('--parameter-overrides', 'Greeting=hello=world', '--tags', 'team=chat', 'cost-centre=42');
    writeFileSync(join(app, 'app.ts'), ECHO_APP.replace('// #region handler', 'app.onWsConnect(() => undefined);\n// #region handler'));
    const second = await wsapp();

    expect([first.status, second.status]).toEqual([0, 0]);
    const stack = standIns.cloudFormation.stack('echo-server-dev');
    expect(stack?.status).toBe('UPDATE_COMPLETE');
    expect(stack?.parameters).toEqual({ Greeting: 'hello=world' });
    expect(stack?.tags).toEqual({ team: 'chat', 'cost-centre': '42' });
    expect(stack?.resources.WebsocketConnect).toBeDefined();
  }, 60_000);

  it('refuses a word that is not KEY=VALUE before anything is sent', async () => {
    const count = standIns.requests.length;

    const run = await runCliAsync(['deploy', '--app', app, '--tags', 'team'], app, standInEnv(standIns));

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('wsapp: --tags takes KEY=VALUE words, got "team"; e.g. --tags Stage=prod\n');
    expect(standIns.requests.length).toBe(count);
  });
});
