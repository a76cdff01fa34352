import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { standInEnv } from '../helpers/deploy-cli';
import { REPO, makeApp } from '../helpers/local-process';
import { startAwsStandIns, type AwsStandIns } from '../stand-ins';

const BIN = join(REPO, 'packages', 'cli', 'bin', 'wsapp.js');
const ECHO_APP = readFileSync(join(REPO, 'examples', 'echo-server', 'app.ts'), 'utf8');
const WITH_CONNECT = ECHO_APP.replace('// #region handler', "app.onWsConnect(() => undefined);\n// #region handler");

/** A run of `wsapp ARGS` on a pseudo-terminal (util-linux `script`), answering `answer` when asked. */
function onTerminal(args: string[], cwd: string, env: NodeJS.ProcessEnv, answer?: string): Promise<{ status: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  const child = spawn('script', ['-qefc', `stty rows 50 cols 160; ${command}`, '/dev/null'], { cwd, env: { ...env, TERM: 'xterm' } });
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
    if (answer !== undefined && screen.includes('[y/N] ')) {
      child.stdin.write(answer);
      answer = undefined;
    }
  });
  return new Promise((done) => child.on('close', (status) => done({ status, screen })));
}

/** The screen as a terminal shows it in the end: cursor moves and line clears applied. */
function finalScreen(raw: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  for (const part of raw.replace(/\r/g, '').split(/(\x1b\[\d+F|\x1b\[2K|\n)/).filter(Boolean)) {
    const up = /^\x1b\[(\d+)F$/.exec(part);
    if (up) row = Math.max(0, row - Number(up[1]));
    else if (part === '\x1b[2K') lines[row] = '';
    else if (part === '\n') lines[++row] ??= '';
    else lines[row] = (lines[row] ?? '') + part;
  }
  return lines;
}

describe('wsapp deploy on a terminal', () => {
  let standIns: AwsStandIns;
  let app: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    standIns = await startAwsStandIns();
    env = standInEnv(standIns);
    app = makeApp({ 'app.ts': WITH_CONNECT });
  });
  afterAll(async () => {
    await standIns.close();
    rmSync(app, { recursive: true, force: true });
  });

  it('shows one live line per resource, ending with each one settled and its time', async () => {
    const run = await onTerminal(['deploy', '--app', app], app, env);

    expect(run.status).toBe(0);
    expect(run.screen).toContain('\x1b[2K'); // redrawn in place, not printed line by line
    const screen = finalScreen(run.screen);
    for (const id of ['WebsocketConnect', 'WebsocketMessage', 'WebsocketAPI', 'DefaultRole', 'echo-server-dev']) {
      expect(screen.filter((line) => new RegExp(`^✓ ${id} +CREATE_COMPLETE +\\d+\\.\\ds$`).test(line))).toHaveLength(1);
    }
    expect(screen.some((line) => /_IN_PROGRESS/.test(line))).toBe(false);
    expect(screen).toContain('Resources deployed:');
  }, 60_000);

  it('asks before removing a resource, and a no deletes the change set and changes nothing', async () => {
    writeFileSync(join(app, 'app.ts'), ECHO_APP);

    const run = await onTerminal(['deploy', '--app', app], app, env, 'n\n');

    expect(run.status).toBe(1);
    expect(run.screen).toMatch(/Remove +WebsocketConnect +AWS::Serverless::Function/);
    expect(run.screen).toContain('This change set removes or replaces resources (data in them may be lost). Execute it? [y/N] ');
    expect(run.screen).toContain('wsapp: Not deployed: the change set was deleted and stack echo-server-dev is unchanged');
    const stack = standIns.cloudFormation.stack('echo-server-dev');
    expect(stack?.status).toBe('CREATE_COMPLETE');
    expect(stack?.resources.WebsocketConnect).toBeDefined();
  }, 60_000);

  it('with --yes removes it without asking', async () => {
    const run = await onTerminal(['deploy', '--app', app, '--yes'], app, env);

    expect(run.status).toBe(0);
    expect(run.screen).not.toContain('[y/N]');
    expect(standIns.cloudFormation.stack('echo-server-dev')?.resources.WebsocketConnect).toBeUndefined();
  }, 60_000);
});
