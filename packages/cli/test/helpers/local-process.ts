import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import WebSocket from 'ws';

/** The checkout's root folder. */
export const REPO = resolve(__dirname, '..', '..', '..', '..');
const BIN = join(REPO, 'packages', 'cli', 'bin', 'wsapp.js');

/** The loopback-only environment the CLI runs in (dummy credentials, a region, no instance metadata). */
export const LOOPBACK_ENV = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'wsapp-test',
  AWS_SECRET_ACCESS_KEY: 'wsapp-test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** A throw-away app folder (files by relative path) whose imports resolve to this checkout's framework and the AWS SDK clients. */
export function makeApp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsapp-local-'));
  mkdirSync(join(dir, 'node_modules', '@wsapp'), { recursive: true });
  symlinkSync(join(REPO, 'packages', 'framework'), join(dir, 'node_modules', '@wsapp', 'framework'));
  symlinkSync(join(REPO, 'packages', 'local', 'node_modules', '@aws-sdk'), join(dir, 'node_modules', '@aws-sdk'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A running `wsapp` process and what it printed so far, stdout and stderr together. */
export interface CliProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the `count`-th match of `pattern` in the output; rejects if the process exits first. */
  waitFor(pattern: RegExp, count?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Starts `wsapp ARGS` in `cwd` (default: the checkout), in `env` (default: {@link LOOPBACK_ENV}). */
export function spawnCli(args: readonly string[], cwd = REPO, env: NodeJS.ProcessEnv = LOOPBACK_ENV): CliProcess {
  return watched(spawn(process.execPath, [BIN, ...args], { env, cwd }), (text) => text);
}

/** A word for `sh -c`, quoted. */
const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/** The escape sequences of terminal colours. */
const COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Starts `wsapp ARGS` on a pseudo-terminal (util-linux `script`), as a developer's terminal
 * runs it: its stdout is a TTY. The output is read without carriage returns and colours.
 * Killing the child closes the terminal, which hangs up wsapp.
 */
export function spawnCliOnTty(args: readonly string[], cwd = REPO, env: NodeJS.ProcessEnv = LOOPBACK_ENV): CliProcess {
  const command = [process.execPath, BIN, ...args].map(shellWord).join(' ');
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { env: { ...env, TERM: 'xterm' }, cwd });
  return watched(child, (text) => text.replace(/\r/g, '').replace(COLOURS, ''));
}

/** Follows what a child prints, stdout and stderr together, seen through `clean`. */
function watched(child: ChildProcess, clean: (text: string) => string): CliProcess {
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const waitFor = (pattern: RegExp, count = 1): Promise<RegExpMatchArray> =>
    new Promise((done, fail) => {
      const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
      const check = (): void => {
        const match = [...clean(text).matchAll(global)][count - 1];
        if (match) {
          listeners.delete(check);
          done(match);
        }
      };
      listeners.add(check);
      check();
      void exited.then(() => fail(new Error(`wsapp exited before printing ${pattern} (${count}):\n${clean(text)}`)));
    });
  return { child, output: () => clean(text), waitFor, exited };
}

/** A running `wsapp local` and its WebSocket URL. */
export interface LocalProcess extends CliProcess {
  url: string;
}

/** Starts `wsapp local ARGS` (on a pseudo-terminal with `tty`) and waits for its WebSocket URL. */
export async function startLocal(args: readonly string[], cwd = REPO, options: { tty?: boolean } = {}): Promise<LocalProcess> {
  const cli = options.tty ? spawnCliOnTty(['local', ...args], cwd) : spawnCli(['local', ...args], cwd);
  const url = (await cli.waitFor(/WebSocket URL: +(ws:\/\/\S+)/))[1] as string;
  return { ...cli, url };
}

/** An open client: the socket, the next message it receives, and the close code it gets. */
export interface OpenClient {
  socket: WebSocket;
  next(): Promise<string>;
  closed: Promise<number>;
}

/** Connects a WebSocket client to `url`. */
export function open(url: string): Promise<OpenClient> {
  const socket = new WebSocket(url);
  const queue: string[] = [];
  const waiting: Array<(text: string) => void> = [];
  socket.on('message', (data: Buffer) => {
    const resolveNext = waiting.shift();
    if (resolveNext) resolveNext(data.toString('utf8'));
    else queue.push(data.toString('utf8'));
  });
  const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
  return new Promise((done, fail) => {
    socket.once('open', () =>
      done({
        socket,
        closed,
        next: () => new Promise((r) => (queue.length > 0 ? r(queue.shift() as string) : waiting.push(r))),
      }),
    );
    socket.once('error', fail);
  });
}

/** An echo app whose replies start with `prefix`, so a test can tell which version answers. */
export const echoApp = (prefix: string): string => `
import { WsApp } from '@wsapp/framework';
export const app = new WsApp({ name: 'cli-echo' });
app.onWsMessage(async (event) => {
  await app.websocketApi.send(event.connectionId, '${prefix}' + event.body);
});
app.onWsDisconnect(() => undefined);
`;

/** Kills what a test started and removes its folders; for `afterEach`. */
export function cleanup(processes: CliProcess[], dirs: string[], remove: (dir: string) => void): () => Promise<void> {
  return async () => {
    for (const running of processes.splice(0)) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    for (const dir of dirs.splice(0)) remove(dir);
  };
}
