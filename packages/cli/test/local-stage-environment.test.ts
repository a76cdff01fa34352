// `wsapp local --stage` is the stage of .wsapp/config.json, as in `wsapp package`: the URL path
// is its api_gateway_stage and the handlers get its environment_variables, each function its own.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, makeApp, open, spawnCli, startLocal, type CliProcess } from './helpers/local-process';

// Reads the variables at load time, in $connect (after an await) and in the message handler.
const ENV_APP = `
import { WsApp } from '@wsapp/framework';
export const app = new WsApp({ name: 'cli-env' });
const pick = () => ({ SHARED: process.env.SHARED, LEVEL: process.env.LEVEL, CONNECT_ONLY: process.env.CONNECT_ONLY, FROM_TEMPLATE: process.env.FROM_TEMPLATE });
const atLoad = pick();
let atConnect = {};
app.onWsConnect(async () => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  atConnect = pick();
});
app.onWsMessage(async () => JSON.stringify({ atLoad, atConnect, atMessage: pick() }), { twoWay: true });
`;

const CONFIG = {
  environment_variables: { SHARED: 'top', LEVEL: 'info', FROM_TEMPLATE: 'config' },
  lambda_functions: { websocket_connect: { environment_variables: { CONNECT_ONLY: 'yes' } } },
  stages: {
    dev: { environment_variables: { SHARED: 'dev' } },
    prod: {
      api_gateway_stage: 'v1',
      environment_variables: { SHARED: 'prod' },
      lambda_functions: { websocket_message: { environment_variables: { LEVEL: 'debug', FROM_TEMPLATE: 'function' } } },
    },
  },
};

const TEMPLATE = { Resources: { WebsocketMessage: { Properties: { Environment: { Variables: { FROM_TEMPLATE: 'template' } } } } } };

describe('wsapp local --stage', () => {
  const dirs: string[] = [];
  const processes: CliProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));
  const envApp = (): string => {
    const dir = makeApp({ 'app.ts': ENV_APP, '.wsapp/config.json': JSON.stringify(CONFIG), 'resources.json': JSON.stringify(TEMPLATE) });
    dirs.push(dir);
    return dir;
  };

  it("serves the stage's api_gateway_stage and gives each function the stage's variables, its own, and the merge template's", async () => {
    // Prepare
    const dir = envApp();
    const local = await startLocal([dir, '--port', '0', '--stage', 'prod', '--merge-template', join(dir, 'resources.json')]);
    processes.push(local);

    // Act
    const client = await open(local.url);
    client.socket.send('env?');
    const seen = JSON.parse(await client.next()) as Record<string, unknown>;

    // Assess: prod's path; the top level's variables under prod's; websocket_connect's own only in
    // $connect, websocket_message's only in messages; the merge template over everything.
    expect(local.url).toMatch(/\/v1$/);
    expect(local.output()).toContain('Stage:                prod (URL path /v1)');
    expect(seen).toEqual({
      atLoad: { SHARED: 'prod', LEVEL: 'info', FROM_TEMPLATE: 'template' },
      atConnect: { SHARED: 'prod', LEVEL: 'info', CONNECT_ONLY: 'yes', FROM_TEMPLATE: 'template' },
      atMessage: { SHARED: 'prod', LEVEL: 'debug', FROM_TEMPLATE: 'template' },
    });
    expect(local.output()).toMatch(
      /warning: environment variables set per function \(websocket_connect: CONNECT_ONLY; websocket_message: LEVEL\) apply locally while that function's handlers run/,
    );
    client.socket.close();
  });

  it('uses the default stage dev, and its URL path api, without --stage', async () => {
    const local = await startLocal([envApp(), '--port', '0']);
    processes.push(local);
    const client = await open(local.url);

    client.socket.send('env?');

    expect(local.url).toMatch(/\/api$/);
    expect((JSON.parse(await client.next()) as { atMessage: unknown }).atMessage).toEqual({ SHARED: 'dev', LEVEL: 'info', FROM_TEMPLATE: 'config' });
    client.socket.close();
  });

  it('exits 1 on an unknown stage, naming the stages the config defines', async () => {
    const local = spawnCli(['local', envApp(), '--port', '0', '--stage', 'prdo']);
    processes.push(local);

    expect(await local.exited).toBe(1);
    expect(local.output()).toMatch(/^wsapp: Unknown stage "prdo" for --stage: .*config\.json defines dev, prod; to add it, put "prdo": \{\} under "stages" there\n$/);
  });
});
