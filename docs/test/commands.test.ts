// Every command the docs show (```sh blocks of README.md and docs/**/*.md) is covered here, in
// one of four ways, or this file fails:
//   1. run for real below, on 127.0.0.1 with dummy credentials, in a temporary folder where it
//      writes files; long-running commands are started, awaited until they listen, and stopped
//      with SIGINT (Ctrl-C);
//   2. run by CI (`.ci/run` runs `pnpm install && pnpm test`);
//   3. checked offline, for commands that need an AWS account: every option they use must appear
//      in the help of Debian's AWS CLI v2 (`/usr/bin/aws SERVICE OPERATION help`); `sam deploy`,
//      which is not installed, may use only options verified in AWS's SAM CLI reference;
//   4. run against the AWS stand-ins: `wsapp deploy`, `url`, `logs` and `delete` run for real
//      against loopback stand-ins of CloudFormation, S3 and CloudWatch Logs
//      (packages/cli/test/stand-ins, every endpoint 127.0.0.1), in throw-away copies of the apps.
// Transcripts (```text blocks starting with `$ COMMAND`) of commands run here are compared with
// what the command really printed.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  documentedCommands,
  normalizeWsdumpOutput,
  optionsOf,
  parseWsdumpTranscript,
  receivedCount,
  transcripts,
  type Transcript,
} from './commands';
import { ThrowAwayFolder, startStandInAws, transcriptMismatch, wsappArgs, type StandInAws } from './stand-in-runs';
import { spawnCli } from '../../packages/cli/test/helpers/local-process';

const root = join(__dirname, '..', '..');
const documented = documentedCommands(root);
const allTranscripts = transcripts(root);
const covered = new Map<string, string>();
const checkedTranscripts = new Set<Transcript>();

const CLI = 'node packages/cli/bin/wsapp.js';
const CLI_PATH = join(root, 'packages', 'cli', 'bin', 'wsapp.js');
const WSDUMP = '/usr/bin/wsdump';
const AWS_CLI = '/usr/bin/aws';

/** Loopback only: dummy credentials and region, no instance metadata, no profile. */
const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'wsapp-docs',
  AWS_SECRET_ACCESS_KEY: 'wsapp-docs',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  FORCE_COLOR: '0',
  PYTHONUNBUFFERED: '1',
};
delete ENV.AWS_PROFILE;

/** `a && b` is covered when `a` and `b` each are. */
const partsOf = (command: string): string[] => command.split(' && ');
const documentedParts = documented.flatMap((entry) => partsOf(entry.command));

/** Marks a documented command (or one part of an `a && b`) as covered; fails when the docs no longer show it. */
function cover(command: string, how: string): string {
  expect(documentedParts).toContain(command);
  covered.set(command, how);
  return command;
}

/** The argv of a documented command run from the repository root (`node` is this Node). */
function argv(command: string): [string, string[]] {
  const [program = '', ...args] = command.split(/\s+/);
  return [program === 'node' ? process.execPath : program, args];
}

function transcriptsOf(command: string, file?: string): Transcript[] {
  return allTranscripts.filter((t) => t.command === command && (file === undefined || t.file === file));
}

/** A long-running child whose output is collected, awaited on and stopped with a signal. */
class Running {
  output = '';
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    const collect = (chunk: Buffer): void => {
      this.output += chunk.toString('utf8');
      for (const waiter of [...this.waiters]) waiter();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => {
      resolve(code);
      for (const waiter of [...this.waiters]) waiter();
    }));
  }

  static start(program: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; detached?: boolean } = {}): Running {
    return new Running(spawn(program, args, { cwd: options.cwd ?? root, env: options.env ?? ENV, detached: options.detached ?? false }));
  }

  /** Resolves once `check(output)` returns something other than undefined. */
  waitFor<T>(check: (output: string) => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter = (): void => {
        const found = check(this.output);
        if (found !== undefined) {
          this.waiters.delete(waiter);
          resolve(found);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          this.waiters.delete(waiter);
          reject(new Error(`${this.child.spawnargs.join(' ')} exited:\n${this.output}`));
        }
      };
      this.waiters.add(waiter);
      waiter();
    });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Starts a documented `wsapp local` command on a free port and resolves with its WebSocket URL. */
async function startLocal(command: string): Promise<{ local: Running; url: string }> {
  const [program, args] = argv(command);
  const local = Running.start(program, [...args, '--port', '0']); // the only change: a free port
  const url = await local.waitFor((output) => /WebSocket URL:\s+(ws:\/\/\S+)/.exec(output)?.[1]);
  return { local, url };
}

/** Stops a `wsapp local` with SIGINT, as Ctrl-C does, and checks it exits cleanly. */
async function stopLocal(local: Running): Promise<void> {
  local.child.kill('SIGINT');
  expect(await local.exited).toBe(0);
  expect(local.output).toMatch(/SIGINT: closing \d+ connection\(s\)/);
}

const LOG_LINE = /^\d\d:\d\d:\d\d\.\d{3} (CONNECT |MESSAGE |DISCONNECT) +\S+ +\S{16} +\d+\.\d ms {2}\S.*$/;

/** Compares the printed lines of a `wsapp local` transcript (not its event log lines) with the real output. */
function checkLocalTranscript(transcript: Transcript, output: string): void {
  const printed = (lines: string[]): string[] =>
    lines.filter((line) => !LOG_LINE.test(line) && !line.startsWith('SIGINT: ') && line.trim() !== '' && line !== '...');
  const normalize = (line: string): string =>
    line.replaceAll(root, '/work/main').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
  const expected = printed(transcript.lines).map(normalize);
  const actual = printed(output.split('\n')).map(normalize);
  // stdout and stderr (warnings) arrive on two pipes, so only the lines are compared, not their order.
  expect(actual).toEqual(expect.arrayContaining(expected));
  for (const line of transcript.lines.filter((candidate) => /^\d\d:\d\d:/.test(candidate))) expect(line).toMatch(LOG_LINE);
  checkedTranscripts.add(transcript);
}

/** A wsdump client on `url`, driven line by line. */
class Wsdump {
  readonly running: Running;

  constructor(url: string) {
    this.running = Running.start(WSDUMP, [url]);
  }

  get printed(): string {
    return normalizeWsdumpOutput(this.running.output);
  }

  send(line: string): void {
    this.running.child.stdin.write(`${line}\n`);
  }

  received(count: number): Promise<true> {
    return this.running.waitFor((output) => (receivedCount(output) >= count ? true : undefined));
  }

  async quit(): Promise<void> {
    this.running.child.stdin.end(); // Ctrl-D
    await this.running.exited;
  }
}

/** Replays a one-client wsdump transcript against `url` and compares what wsdump printed. */
async function replayWsdump(transcript: Transcript, url: string): Promise<void> {
  const session = parseWsdumpTranscript(transcript.lines);
  const client = new Wsdump(url);
  try {
    await client.running.waitFor((output) => (output.includes('Press Ctrl+C to quit') ? true : undefined));
    for (const [index, line] of session.sends.entries()) {
      await client.received(session.receivedBefore[index] ?? 0);
      client.send(line);
    }
    await client.received(session.receivedBefore.at(-1) ?? 0);
    await client.quit();
    expect(client.printed).toBe(session.printed);
    checkedTranscripts.add(transcript);
  } finally {
    client.running.kill();
  }
}

describe('the commands in the docs', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'wsapp-docs-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('are shown in sh blocks (the docs show at least the tutorial commands)', () => {
    expect(documented.length).toBeGreaterThan(10);
  });

  describe('run by CI', () => {
    it('pnpm install && pnpm test is what .ci/run runs', () => {
      const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');
      expect(ciRun).toContain('npx -y pnpm@10.34.8 install --frozen-lockfile && npx -y pnpm@10.34.8 test');
      for (const part of ['npx -y pnpm@10.34.8 install', 'npx -y pnpm@10.34.8 test']) {
        if (documentedParts.includes(part)) covered.set(part, 'CI');
      }
    });
  });

  describe('checked offline because they need an AWS account', () => {
    const OFFLINE_AWS = ['s3 mb', 'cloudformation package', 'cloudformation deploy', 'cloudformation describe-stacks', 'cloudformation delete-stack'];
    const helpText = new Map<string, string>();

    it.each(OFFLINE_AWS)('aws %s: every option the docs use is in the AWS CLI v2 help', (operation) => {
      expect(existsSync(AWS_CLI)).toBe(true); // Debian's awscli; pnpm test installs it when missing (scripts/ensure-system-tools.sh)
      const uses = documented.filter((entry) => entry.command.startsWith(`aws ${operation} `));
      if (uses.length === 0) return;
      if (!helpText.has(operation)) {
        const help = spawnSync(AWS_CLI, [...operation.split(' '), 'help'], {
          encoding: 'utf8',
          env: { ...ENV, AWS_PAGER: '', PAGER: 'cat', MANPAGER: 'cat' },
        });
        expect(help.status).toBe(0);
        helpText.set(operation, help.stdout);
      }
      const options = new Set(helpText.get(operation)!.match(/--[a-z][a-z0-9-]*/g));
      for (const { command } of uses) {
        expect({ command, unknown: optionsOf(command).filter((option) => !options.has(option)) }).toEqual({ command, unknown: [] });
        covered.set(command, `offline: aws ${operation} help`);
      }
    });

    it('sam deploy: uses only options verified in the AWS SAM CLI reference', () => {
      // sam is not installed here. These options are documented in the AWS SAM CLI command
      // reference for `sam deploy` (docs.aws.amazon.com/serverless-application-model/latest/
      // developerguide/sam-cli-command-reference-sam-deploy.html), checked for this list.
      const SAM_DEPLOY_OPTIONS = ['--template-file', '--stack-name', '--capabilities', '--s3-bucket', '--resolve-s3'];
      for (const { command } of documented.filter((entry) => entry.command.startsWith('sam '))) {
        expect(command.startsWith('sam deploy ')).toBe(true);
        expect(optionsOf(command).filter((option) => !SAM_DEPLOY_OPTIONS.includes(option))).toEqual([]);
        covered.set(command, 'offline: SAM CLI reference');
      }
    });
  });

  describe('run for real', () => {
    beforeAll(() => {
      // Debian's python3-websocket provides wsdump, the client the tutorials use.
      if (!existsSync(WSDUMP)) throw new Error(`${WSDUMP} is missing: install Debian's python3-websocket`);
    });

    it('the echo server: wsapp local, then wsdump sessions as the transcripts show them', async () => {
      const command = cover(`${CLI} local examples/echo-server`, 'run');
      const { local, url } = await startLocal(command);
      try {
        const wsdump = cover('wsdump ws://127.0.0.1:8000/api', 'run');
        const sessions = allTranscripts.filter((t) => t.command === wsdump && t.file !== 'docs/tutorials/chat.md');
        expect(sessions.length).toBeGreaterThan(0);
        for (const transcript of sessions) await replayWsdump(transcript, url);
        await stopLocal(local);
        for (const transcript of transcriptsOf(command)) checkLocalTranscript(transcript, local.output);
      } finally {
        local.kill();
      }
    }, 90_000);

    it('the chat: wsapp local with its merge template, then John and Jenny chatting as the tutorial shows', async () => {
      const command = cover(`${CLI} local examples/chat --merge-template examples/chat/resources.json`, 'run');
      const { local, url } = await startLocal(command);
      const sessions = transcriptsOf('wsdump ws://127.0.0.1:8000/api', 'docs/tutorials/chat.md').map((transcript) => ({
        transcript,
        session: parseWsdumpTranscript(transcript.lines),
      }));
      const john = sessions.find((s) => s.session.sends[0] === 'John');
      const jenny = sessions.find((s) => s.session.sends[0] === 'Jenny');
      expect(john && jenny).toBeTruthy();
      const clients = { john: new Wsdump(url), jenny: new Wsdump(url) };
      try {
        // Who types what, in order, and how many messages each has received once it arrived.
        const steps: Array<[who: 'john' | 'jenny', line: string, john: number, jenny: number]> = [
          ['john', 'John', 1, 0],
          ['john', '/help', 2, 0],
          ['john', '/join chalice', 3, 0],
          ['jenny', 'Jenny', 3, 1],
          ['jenny', '/help', 3, 2],
          ['jenny', '/join chalice', 4, 3],
          ['jenny', '/ls', 4, 4],
          ['john', 'Hi', 5, 5],
          ['jenny', '/nick JennyJones', 6, 6],
          ['john', '/quit', 7, 7],
          ['john', '/ls', 8, 7],
          ['jenny', '/ls', 8, 8],
          ['jenny', '/room', 8, 9],
          ['jenny', '/nick', 8, 10],
        ];
        expect(steps.filter(([who]) => who === 'john').map(([, line]) => line)).toEqual(john!.session.sends);
        expect(steps.filter(([who]) => who === 'jenny').map(([, line]) => line)).toEqual(jenny!.session.sends);
        for (const [who, line, johnCount, jennyCount] of steps) {
          clients[who].send(line);
          await clients.john.received(johnCount);
          await clients.jenny.received(jennyCount);
        }
        await clients.john.quit();
        await clients.jenny.quit();
        expect(clients.john.printed).toBe(john!.session.printed);
        expect(clients.jenny.printed).toBe(jenny!.session.printed);
        checkedTranscripts.add(john!.transcript);
        checkedTranscripts.add(jenny!.transcript);
        await stopLocal(local);
        for (const transcript of transcriptsOf(command)) checkLocalTranscript(transcript, local.output);
      } finally {
        clients.john.running.kill();
        clients.jenny.running.kill();
        local.kill();
      }
    }, 90_000);

    it('pnpm chat: builds (as CI does), then runs the chat until Ctrl-C', async () => {
      cover('npx -y pnpm@10.34.8 chat', 'run (the build step by CI)');
      const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
      expect(scripts.chat).toBe('pnpm build && node examples/chat/scripts/start.mjs');
      // Its own process group, so that SIGINT reaches the script and wsapp local, as Ctrl-C does.
      const chat = Running.start(process.execPath, ['examples/chat/scripts/start.mjs'], { env: { ...ENV, PORT: '0' }, detached: true });
      try {
        await chat.waitFor((output) => (/WebSocket URL:\s+ws:\/\//.test(output) ? true : undefined));
        await chat.waitFor((output) => (/Chat page: http:\/\/127\.0\.0\.1:\d+\//.test(output) ? true : undefined));
        process.kill(-chat.child.pid!, 'SIGINT');
        expect(await chat.exited).toBe(0);
      } finally {
        chat.kill();
      }
    }, 90_000);

    it.each([
      [`${CLI} package --app examples/echo-server out/echo-server`, 'out/echo-server'],
      [`${CLI} package --app examples/chat --merge-template examples/chat/resources.json out/chat`, 'out/chat'],
    ])('%s writes sam.json and deployment.zip and prints what the transcript shows', (command, out) => {
      cover(command, 'run');
      const [program, args] = argv(command);
      const target = join(tmp, out); // the only change: OUT is in a temporary folder
      const run = spawnSync(program, args.map((arg) => (arg === out ? target : arg)), { cwd: root, env: ENV, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(readdirSync(target).sort()).toEqual(['deployment.zip', 'sam.json']);
      const normalize = (text: string): string =>
        text.replaceAll(target, out).replace(/\d+\.\d KB/g, 'N KB').trimEnd();
      const shown = transcriptsOf(command);
      expect(shown.length).toBeGreaterThan(0);
      for (const transcript of shown) {
        expect(normalize(run.stdout)).toBe(normalize(transcript.lines.join('\n')));
        checkedTranscripts.add(transcript);
      }
    }, 90_000);

    it('wsapp new creates a project in a new folder', () => {
      const command = cover(`${CLI} new my-api`, 'run');
      const cwd = mkdtempSync(join(tmp, 'new-'));
      const run = spawnSync(process.execPath, [CLI_PATH, 'new', 'my-api'], { cwd, env: ENV, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(existsSync(join(cwd, 'my-api', 'app.ts'))).toBe(true);
      for (const transcript of transcriptsOf(command)) {
        expect(run.stdout.trimEnd()).toBe(transcript.lines.join('\n'));
        checkedTranscripts.add(transcript);
      }
    });

    it('node:test runs the testing topic example', () => {
      const command = cover('node --import tsx --test docs/snippets/echo.node-test.ts', 'run');
      const [program, args] = argv(command);
      const run = spawnSync(program, args, { cwd: root, env: ENV, encoding: 'utf8' });
      expect(run.status).toBe(0);
      // `# pass 1` from the tap reporter (Node 20 and 22 off a terminal), `ℹ pass 1` from spec (Node 24).
      expect(run.stdout).toMatch(/^(?:#|ℹ) pass 1$/m);
      expect(run.stdout).toMatch(/^(?:#|ℹ) fail 0$/m);
    }, 90_000);
  });

  describe('run against the AWS stand-ins', () => {
    // The documented `wsapp deploy`, `url`, `logs` and `delete` commands of each page run for
    // real, in the order the page runs them, against the page's own loopback stand-ins of
    // CloudFormation, S3 and CloudWatch Logs (startAwsStandIns; standInEnv fails unless every
    // endpoint is 127.0.0.1), with dummy credentials, in a throw-away folder holding a copy of the
    // app (made by makeApp) at the path the page uses: the command line is the documented one,
    // only the folder it runs in differs. The page's transcripts of a command are compared, in
    // order, with that command's runs: stdout (stderr for a command that fails) against the
    // transcript's lines, after normalizeAwsOutput (docs/test/stand-in-runs.ts), which replaces
    // only what differs on every run: times, the ids and names AWS generates (API id, function
    // name suffix, managed bucket suffix, change set UUID), the copy's bundle hash and sizes and
    // the temporary folder; `...` in a transcript stands for lines the page leaves out. stderr may
    // hold nothing else than the line naming the overridden endpoints, which AWS itself never causes.
    const HOW = 'run against the AWS stand-ins';

    interface Step {
      command: string;
      /** Done first: what happens meanwhile in AWS (log events) or in the editor (a change to app.ts). */
      before?: (aws: StandInAws) => void;
      env?: NodeJS.ProcessEnv;
      /** The command fails (status 1) and the transcript shows its stderr. */
      fails?: boolean;
      /** Run on a pseudo-terminal (util-linux `script`), as at a terminal. */
      terminal?: boolean;
      /** Compared with the page's next transcript of this command, if there is one (default true). */
      compared?: boolean;
      /** Checks of the run beyond its transcript. */
      then?: (output: string, aws: StandInAws) => void;
    }

    /** A run of `wsapp ARGS` on a pseudo-terminal 200 columns wide; stdout and stderr arrive together. */
    function onTerminal(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
      const words = [process.execPath, CLI_PATH, ...wsappArgs(command)].map((word) => `'${word}'`).join(' ');
      const child = spawn('script', ['-qefc', `stty rows 50 cols 200; ${words}`, '/dev/null'], { cwd, env: { ...env, TERM: 'xterm' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      return new Promise((done) => child.on('close', (status) => done({ status, output })));
    }

    async function runPage(file: string, cwd: string, aws: StandInAws, steps: Step[]): Promise<void> {
      const runs = new Map<string, number>();
      for (const step of steps) {
        cover(step.command, HOW);
        step.before?.(aws);
        let status: number | null;
        let shown: string;
        if (step.terminal) {
          const run = await onTerminal(step.command, cwd, { ...aws.env, ...step.env });
          status = run.status;
          shown = run.output.replace(/\r/g, '').split('\n').filter((line) => line !== aws.notice).join('\n');
        } else {
          const run = await aws.run(step.command, cwd, step.env);
          status = run.status;
          const stderr = run.stderr.split('\n').filter((line) => line !== '' && line !== aws.notice);
          if (!step.fails) expect({ command: step.command, stderr }).toEqual({ command: step.command, stderr: [] });
          shown = step.fails ? stderr.join('\n') : run.stdout;
        }
        expect({ command: step.command, status }).toEqual({ command: step.command, status: step.fails ? 1 : 0 });
        step.then?.(shown, aws);
        if (step.compared === false) continue;
        const index = runs.get(step.command) ?? 0;
        runs.set(step.command, index + 1);
        const transcript = transcriptsOf(step.command, file)[index];
        if (transcript === undefined) continue;
        expect({ file, command: step.command, index, mismatch: transcriptMismatch(transcript.lines, shown) }).toEqual({
          file,
          command: step.command,
          index,
          mismatch: undefined,
        });
        checkedTranscripts.add(transcript);
      }
      for (const command of new Set(steps.map((step) => step.command))) {
        expect({ file, command, transcripts: transcriptsOf(command, file).length }).toEqual({ file, command, transcripts: Math.min(transcriptsOf(command, file).length, runs.get(command) ?? 0) });
      }
    }

    let aws: StandInAws;
    let folder: ThrowAwayFolder;
    beforeEach(async () => {
      aws = await startStandInAws();
      folder = new ThrowAwayFolder();
    });
    afterEach(async () => {
      await aws.close();
      folder.remove();
    });

    it('the echo tutorial: wsapp deploy, url, logs and delete', async () => {
      folder.addExample('echo-server');
      const app = '--app examples/echo-server';
      await runPage('docs/tutorials/echo-server.md', folder.dir, aws, [
        { command: `${CLI} deploy ${app}`, then: () => expect(aws.standIns.cloudFormation.stack('echo-server-dev')?.status).toBe('CREATE_COMPLETE') },
        { command: `${CLI} url ${app}` },
        { command: `${CLI} logs ${app}` },
        { command: `${CLI} delete ${app}`, then: () => expect(aws.standIns.cloudFormation.stack('echo-server-dev')).toBeUndefined() },
      ]);
    }, 120_000);

    it('the chat tutorial: wsapp deploy with its merge template, url and delete', async () => {
      folder.addExample('chat');
      await runPage('docs/tutorials/chat.md', folder.dir, aws, [
        {
          command: `${CLI} deploy --app examples/chat --merge-template examples/chat/resources.json`,
          then: () => expect(aws.standIns.cloudFormation.stack('chalice-chat-example-dev')?.resources.ChaliceChatTable?.type).toBe('AWS::DynamoDB::Table'),
        },
        { command: `${CLI} url --app examples/chat` },
        { command: `${CLI} delete --app examples/chat` },
      ]);
    }, 120_000);

    it('the deploying topic: a project from wsapp new, deployed, changed, followed in its logs and deleted', async () => {
      const project = folder.addNewProject('my-app');
      const group = (fn: string): string => `/aws/lambda/my-app-dev-${fn}`;
      const now = Date.now();
      const connectId = '3f1c2d9e-0a4b-4c5d-8e6f-7a8b9c0d1e2f';
      const messageId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
      // app.log's lines: Lambda's JSON log shape, with the event's connection and route.
      const json = (at: number, level: string, requestId: string, message: string, routeKey: string): string =>
        `${JSON.stringify({ timestamp: new Date(at).toISOString(), level, message, requestId, connectionId: 'Zi3H5RxLXe4Duvg=', routeKey })}\n`;
      await runPage('docs/topics/deploying.md', project, aws, [
        { command: 'npx wsapp deploy' },
        { command: 'npx wsapp url' },
        { command: 'npx wsapp deploy', then: (output) => expect(output).toContain('No changes: stack my-app-dev is already up to date\n') },
        {
          command: 'npx wsapp deploy --no-execute',
          before: () => {
            const path = join(project, 'app.ts');
            const text = readFileSync(path, 'utf8');
            expect(text).toContain('\nexport const handler = app.handler;\n');
            writeFileSync(path, text.replace('\nexport const handler', '\napp.onWsConnect(() => undefined);\n\nexport const handler'));
          },
          then: () => expect(aws.standIns.cloudFormation.stack('my-app-dev')?.resources.WebsocketConnect).toBeUndefined(),
        },
        { command: 'npx wsapp deploy', then: () => expect(aws.standIns.cloudFormation.stack('my-app-dev')?.resources.WebsocketConnect).toBeDefined() },
        {
          command: 'npx wsapp logs',
          // What Lambda wrote meanwhile: a $connect and a failed message, the message group's events put first.
          before: () => {
            aws.standIns.logs.putLogEvents(group('WebsocketMessage'), [
              { timestamp: now - 58_498, message: `START RequestId: ${messageId} Version: $LATEST\n` },
              { timestamp: now - 58_469, message: json(now - 58_469, 'ERROR', messageId, 'Websocket handler failed', '$default') },
              { timestamp: now - 58_460, message: `END RequestId: ${messageId}\n` },
            ]);
            aws.standIns.logs.putLogEvents(group('WebsocketConnect'), [
              { timestamp: now - 59_882, message: `START RequestId: ${connectId} Version: $LATEST\n` },
              { timestamp: now - 59_880, message: json(now - 59_880, 'INFO', connectId, 'connected', '$connect') },
              { timestamp: now - 59_875, message: `END RequestId: ${connectId}\n` },
            ]);
          },
        },
        { command: 'npx wsapp logs', terminal: true },
        { command: 'npx wsapp delete', then: () => expect(aws.standIns.cloudFormation.stack('my-app-dev')).toBeUndefined() },
        {
          command: 'npx wsapp url',
          fails: true,
          env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SHARED_CREDENTIALS_FILE: join(project, 'none'), AWS_CONFIG_FILE: join(project, 'none') },
        },
        {
          command: 'npx wsapp url',
          fails: true,
          compared: false,
          before: () => aws.standIns.cloudFormation.denyAction('DescribeStacks'),
          then: (stderr) => {
            // The page quotes the CLI's part of the message, up to what AWS said.
            const page = readFileSync(join(root, 'docs', 'topics', 'deploying.md'), 'utf8').replace(/\s+/g, ' ');
            const quoted = /`(Access denied: [^`]*AWS said: )\.\.\.`/.exec(page)?.[1];
            expect(quoted).toBeDefined();
            expect(stderr.startsWith(`wsapp: ${quoted}`)).toBe(true);
          },
        },
      ]);
    }, 180_000);

    it('the deploying topic: wsapp logs --follow prints new events until Ctrl-C', async () => {
      const command = cover('npx wsapp logs --function message --since 1h --follow', HOW);
      const project = folder.addNewProject('my-app');
      expect((await aws.run('npx wsapp deploy', project)).status).toBe(0);
      const group = '/aws/lambda/my-app-dev-WebsocketMessage';
      aws.standIns.logs.putLogEvents(group, [
        { timestamp: Date.now() - 2 * 3_600_000, message: 'older than --since\n' },
        { timestamp: Date.now() - 30 * 60_000, message: 'START RequestId: before\n' },
      ]);
      const follow = spawnCli(wsappArgs(command), project, aws.env);
      try {
        await follow.waitFor(/ WebsocketMessage START RequestId: before\n/);
        aws.standIns.logs.putLogEvents(group, [{ timestamp: Date.now(), message: 'START RequestId: after\n' }]);
        await follow.waitFor(/ WebsocketMessage START RequestId: after\n/);
        follow.child.kill('SIGINT');
        expect(await follow.exited).toBe(0);
        expect(follow.output()).not.toContain('older than --since');
      } finally {
        follow.child.kill('SIGKILL');
      }
    }, 120_000);
  });

  it('are each run, run by CI, or checked offline (nothing else)', () => {
    const uncovered = documented.filter((entry) => !partsOf(entry.command).every((part) => covered.has(part)));
    expect(uncovered).toEqual([]);
  });

  it('have their transcripts compared with real output, except for commands that need AWS', () => {
    const unchecked = allTranscripts
      .filter((t) => !checkedTranscripts.has(t) && !(covered.get(t.command) ?? '').startsWith('offline'))
      .map((t) => `${t.file}: $ ${t.command}`);
    expect(unchecked).toEqual([]);
  });
});
