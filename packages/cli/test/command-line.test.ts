// One vocabulary for every command (Chalice's): --stage is a stage of .wsapp/config.json, --app
// the app folder; and every error, commander's parse errors included, is `wsapp: MESSAGE`.
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanup, echoApp, makeApp, startLocal, type CliProcess } from './helpers/local-process';
import { runCli } from './helpers/run-cli';

const ECHO_EXAMPLE = resolve(__dirname, '..', '..', '..', 'examples', 'echo-server');

describe('wsapp option parsing', () => {
  it.each<[string, string[], RegExp]>([
    ['an unknown option', ['package', '--bogus', 'out'], /^wsapp: unknown option '--bogus'\n/],
    ['a misspelt option', ['local', '--prot', '0'], /^wsapp: unknown option '--prot'\n\(Did you mean --port\?\)/],
    ['an unknown command', ['pakage'], /^wsapp: unknown command 'pakage'\n/],
    ['a missing argument', ['new'], /^wsapp: missing required argument 'NAME'\n/],
    ['a missing OUT', ['package'], /^wsapp: missing required argument 'OUT': type wsapp package OUT .*e\.g\. wsapp package out\n/],
    ['an invalid port', ['local', '--port', 'abc'], /^wsapp: option '--port <PORT>' argument 'abc' is invalid\. Use a whole number from 0 to 65535/],
    ['a zero --timeout', ['local', '--timeout', '0'], /^wsapp: option '--timeout <SECONDS>' argument '0' is invalid\. Use a number of seconds above 0/],
    ['a negative --idle-timeout', ['local', '--idle-timeout', '-1'], /^wsapp: option '--idle-timeout <SECONDS>' argument '-1' is invalid\./],
    ['a --max-duration that is not a number', ['local', '--max-duration', '2h'], /^wsapp: option '--max-duration <SECONDS>' argument '2h' is invalid\./],
    ['a --max-duration beyond what a timer can wait', ['local', '--max-duration', '9999999'], /^wsapp: option '--max-duration <SECONDS>' argument '9999999' is invalid\./],
    ['an --allowed-host that is a URL', ['local', '--allowed-host', 'http://myapp.test'], /^wsapp: option '--allowed-host <HOST>' argument 'http:\/\/myapp\.test' is invalid\. Use a host name or address/],
    ['an invalid choice', ['package', '--template-format', 'xml', 'out'], /^wsapp: option '--template-format <FORMAT>' argument 'xml' is invalid\. Allowed choices are json, yaml\./],
  ])('reports %s as wsapp: MESSAGE with a hint to --help, and exits 1', (_name, args, message) => {
    const run = runCli(args, ECHO_EXAMPLE);

    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/\n\(run wsapp( \w+)? --help for .*\)\n$/);
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.status).toBe(1);
  });

  it('prints --help and --version on stdout and exits 0', () => {
    const help = runCli(['local', '--help'], ECHO_EXAMPLE);
    const version = runCli(['--version'], ECHO_EXAMPLE);

    expect([help.status, help.stderr, version.status, version.stderr]).toEqual([0, '', 0, '']);
    expect(help.stdout).toContain('Usage: wsapp local [options] [APP_DIR]');
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('wsapp package arguments and --stage', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const app = (files: Record<string, string> = {}): string => {
    const dir = makeApp({ 'app.ts': echoApp(''), ...files });
    dirs.push(dir);
    return dir;
  };

  it('takes the app folder as APP_DIR before OUT, and packages the default stage dev with no config at all', () => {
    const dir = app();

    const run = runCli(['package', '--stage', 'dev', '.', 'out'], dir);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('(stage dev)');
    expect(existsSync(join(dir, 'out', 'sam.json'))).toBe(true);
  });

  it.each<[string, (dir: string) => string[], RegExp]>([
    ['an unknown stage', () => ['--stage', 'prdo', 'out'], /^wsapp: Unknown stage "prdo" for --stage: .*\/\.wsapp\/config\.json defines prod \(and the default dev always exists\); to add it, put "prdo": \{\} under "stages" there\n$/],
    ['the app folder given twice', (dir) => ['--app', dir, '.', 'out'], /^wsapp: The app folder is given twice, as --app \S+ and as APP_DIR \.; give it once: wsapp package --app \S+ out or wsapp package --app \. out\n$/],
    ['three positionals', () => ['.', 'out', 'extra'], /^wsapp: too many arguments: wsapp package takes \[APP_DIR\] OUT, got \. out extra; type wsapp package APP_DIR OUT, e\.g\. wsapp package \. out/],
  ])('refuses %s, saying what to type, and writes nothing', (_name, args, message) => {
    const dir = app({ '.wsapp/config.json': '{"stages": {"prod": {}}}' });
    const other = app();

    const run = runCli(['package', ...args(other)], dir);

    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a stage other than dev when there is no .wsapp/config.json', () => {
    const run = runCli(['package', '--stage', 'prod', 'out'], app());

    expect(run.stderr).toMatch(/^wsapp: Unknown stage "prod" for --stage: there is no \S+\/\.wsapp\/config\.json, so only the default stage dev exists/);
    expect(run.status).toBe(1);
  });
});

describe('wsapp local --app', () => {
  const dirs: string[] = [];
  const processes: CliProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));

  it('runs the app in --app DIR, as it does the positional APP_DIR', async () => {
    const dir = makeApp({ 'app.ts': echoApp('') });
    dirs.push(dir);

    const local = await startLocal(['--app', dir, '--port', '0']);
    processes.push(local);

    expect(local.output()).toContain(`wsapp local: cli-echo from ${join(dir, 'app.ts')}`);
  });

  it('refuses two different app folders, saying what to type', () => {
    const run = runCli(['local', '--app', 'one', 'two', '--port', '0'], ECHO_EXAMPLE);

    expect(run.stderr).toBe('wsapp: The app folder is given twice, as --app one and as APP_DIR two; give it once: wsapp local --app one or wsapp local --app two\n');
    expect(run.status).toBe(1);
  });
});
