import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

const repo = resolve(__dirname, '..', '..', '..');
const bin = join(repo, 'packages', 'cli', 'bin', 'wsapp.js');
const loopbackEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'wsapp-test',
  AWS_SECRET_ACCESS_KEY: 'wsapp-test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** A throw-away app folder whose imports resolve to this checkout's framework and the AWS SDK clients. */
function makeApp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsapp-local-'));
  mkdirSync(join(dir, 'node_modules', '@wsapp'), { recursive: true });
  symlinkSync(join(repo, 'packages', 'framework'), join(dir, 'node_modules', '@wsapp', 'framework'));
  symlinkSync(join(repo, 'packages', 'local', 'node_modules', '@aws-sdk'), join(dir, 'node_modules', '@aws-sdk'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface LocalProcess {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  url: string;
}

async function startLocal(args: string[]): Promise<LocalProcess> {
  const child = spawn(process.execPath, [bin, 'local', ...args], { env: loopbackEnv, cwd: repo });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const waitFor = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((done, fail) => {
      const check = (): void => {
        const match = text.match(pattern);
        if (match) {
          listeners.delete(check);
          done(match);
        }
      };
      listeners.add(check);
      check();
      void exited.then(() => fail(new Error(`wsapp local exited before printing ${pattern}:\n${text}`)));
    });
  const url = (await waitFor(/WebSocket URL: +(ws:\/\/\S+)/))[1] as string;
  return { child, output: () => text, waitFor, exited, url };
}

function open(url: string): Promise<{ socket: WebSocket; next(): Promise<string>; closed: Promise<number> }> {
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

/**
 * Writes a file until `wsapp local` logs `pattern`: Node 20 sets up recursive watching on Linux
 * asynchronously, so a change made right after start-up may go unseen.
 */
async function writeUntilLogged(local: LocalProcess, file: string, text: string, pattern: RegExp): Promise<void> {
  const logged = local.waitFor(pattern);
  let seen = false;
  void logged.then(() => (seen = true), () => undefined);
  while (!seen) {
    writeFileSync(file, text);
    await Promise.race([logged, new Promise((r) => setTimeout(r, 500))]);
  }
}

const echoApp = (prefix: string): string => `
import { WsApp } from '@wsapp/framework';
export const app = new WsApp({ name: 'cli-echo' });
app.onWsMessage(async (event) => {
  await app.websocketApi.send(event.connectionId, '${prefix}' + event.body);
});
app.onWsDisconnect(() => undefined);
`;

describe('wsapp local', () => {
  const dirs: string[] = [];
  const processes: LocalProcess[] = [];
  afterEach(async () => {
    for (const running of processes.splice(0)) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const run = async (files: Record<string, string>): Promise<{ local: LocalProcess; dir: string }> => {
    const dir = makeApp(files);
    dirs.push(dir);
    const local = await startLocal([dir, '--port', '0']);
    processes.push(local);
    return { local, dir };
  };

  it('prints the WebSocket URL and management endpoint and logs one line per event', async () => {
    const { local } = await run({ 'app.ts': echoApp('echo: ') });
    const client = await open(local.url);

    client.socket.send('hi');

    expect(await client.next()).toBe('echo: hi');
    expect(local.output()).toMatch(/Management endpoint: +http:\/\/127\.0\.0\.1:\d+\/api/);
    const line = await local.waitFor(/MESSAGE +\$default +(\S{16}) +[\d.]+ ms +ok 200/);
    expect(local.output()).toContain(`CONNECT    $connect     ${line[1]}`);
    client.socket.close();
  });

  it('reloads the app when a file changes, keeping open connections', async () => {
    const { local, dir } = await run({ 'app.ts': echoApp('v1: ') });
    const client = await open(local.url);
    client.socket.send('a');
    expect(await client.next()).toBe('v1: a');

    await writeUntilLogged(local, join(dir, 'app.ts'), echoApp('v2: '), /Reloaded /);
    client.socket.send('b');

    expect(await client.next()).toBe('v2: b');
    client.socket.close();
  });

  it('keeps the previous app and logs the error when a reload fails', async () => {
    const { local, dir } = await run({ 'app.ts': echoApp('v1: ') });

    await writeUntilLogged(local, join(dir, 'app.ts'), 'export const app = ;', /Reload failed, still running the previous app: .*app\.ts/);
    const client = await open(local.url);
    client.socket.send('c');

    expect(await client.next()).toBe('v1: c');
    client.socket.close();
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'closes every connection with 1001 on %s, runs $disconnect for each, and exits 0',
    async (signal) => {
      const { local } = await run({ 'app.ts': echoApp('') });
      const clients = await Promise.all([open(local.url), open(local.url)]);

      local.child.kill(signal);

      expect(await local.exited).toBe(0);
      expect(await Promise.all(clients.map((c) => c.closed))).toEqual([1001, 1001]);
      expect(local.output().match(/DISCONNECT +\$disconnect +\S+ +[\d.]+ ms +ok 1001 Going away/g)).toHaveLength(2);
    },
  );

  it('creates the tables of a YAML merge template and gives the handlers their environment', async () => {
    const app = `
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { WsApp } from '@wsapp/framework';
export const app = new WsApp({ name: 'cli-dynamo' });
const client = new DynamoDBClient({});
const table = process.env.TABLE;
app.onWsMessage(async (event) => {
  await client.send(new PutItemCommand({ TableName: table, Item: { PK: { S: event.connectionId }, SK: { S: event.body } } }));
  const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: { PK: { S: event.connectionId }, SK: { S: event.body } } }));
  return JSON.stringify({ stored: Item?.SK?.S, table, arn: process.env.TABLE_ARN });
}, { twoWay: true });
`;
    const template = [
      'Resources:',
      '  NotesTable:',
      '    Type: AWS::DynamoDB::Table',
      '    Properties:',
      '      TableName: !Sub "${AWS::StackName}-notes"',
      '      BillingMode: PAY_PER_REQUEST',
      '      AttributeDefinitions: [{AttributeName: PK, AttributeType: S}, {AttributeName: SK, AttributeType: S}]',
      '      KeySchema: [{AttributeName: PK, KeyType: HASH}, {AttributeName: SK, KeyType: RANGE}]',
      '  WebsocketMessage:',
      '    Properties:',
      '      Environment:',
      '        Variables:',
      '          TABLE: !Ref NotesTable',
      '          TABLE_ARN: !GetAtt NotesTable.Arn',
      '',
    ].join('\n');
    const dir = makeApp({ 'app.ts': app, 'resources.yaml': template });
    dirs.push(dir);
    const withTemplate = await startLocal([dir, '--port', '0', '--merge-template', join(dir, 'resources.yaml')]);
    processes.push(withTemplate);
    const client = await open(withTemplate.url);

    client.socket.send('first note');

    expect(JSON.parse(await client.next())).toEqual({
      stored: 'first note',
      table: 'wsapp-local-notes',
      arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/wsapp-local-notes',
    });
    expect(withTemplate.output()).toMatch(/Table: +wsapp-local-notes \(NotesTable\)/);
    client.socket.close();
  });

  it('runs the chat example with its merge template', async () => {
    const chat = await startLocal([
      join(repo, 'examples', 'chat'), '--port', '0', '--merge-template', join(repo, 'examples', 'chat', 'resources.json'),
    ]);
    processes.push(chat);
    const client = await open(chat.url);

    client.socket.send('alice');

    expect(await client.next()).toContain('alice');
    expect(chat.output()).toMatch(/Table: +ChaliceChat \(ChaliceChatTable\)/);
    expect(chat.output()).not.toMatch(/ error| timeout/);
    client.socket.close();
  });

  it('exits 1 with an error naming the path when the merge template is missing', async () => {
    const dir = makeApp({ 'app.ts': echoApp('') });
    dirs.push(dir);
    const child = spawn(process.execPath, [bin, 'local', dir, '--port', '0', '--merge-template', 'nope.json'], { env: loopbackEnv });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

    const code = await new Promise<number | null>((done) => child.on('exit', done));

    expect(code).toBe(1);
    expect(stderr).toContain(`Cannot find merge template: nope.json (resolved to ${join(repo, 'nope.json')})`);
  });

  it('exits 1 with an error naming the file, line and column when the merge template is malformed JSON', async () => {
    const dir = makeApp({ 'app.ts': echoApp(''), 'bad.json': '{\n  "Resources": {\n    "Table": { "Type": }\n  }\n}\n' });
    dirs.push(dir);
    const child = spawn(process.execPath, [bin, 'local', '.', '--port', '0', '--merge-template', 'bad.json'], { env: loopbackEnv, cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

    const code = await new Promise<number | null>((done) => child.on('exit', done));

    expect(code).toBe(1);
    expect(stderr).toContain("wsapp: Invalid JSON in bad.json at line 3, column 24: expected a value, found '}'");
  });

  it('serves the --static folder on the same port and prints the page URL', async () => {
    const dir = makeApp({ 'app.ts': echoApp('') });
    dirs.push(dir);
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'index.html'), '<title>page</title>');
    const local = await startLocal([dir, '--port', '0', '--static', join(dir, 'web')]);
    processes.push(local);

    const pageUrl = (await local.waitFor(/Page: +(http:\/\/127\.0\.0\.1:\d+\/) /))[1] as string;
    const page = await fetch(pageUrl);

    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<title>page</title>');
    expect(local.output()).toContain(`(files from ${join(dir, 'web')})`);
  });

  it('exits 1 with an error naming the path when the --static folder is missing', async () => {
    const dir = makeApp({ 'app.ts': echoApp('') });
    dirs.push(dir);
    const child = spawn(process.execPath, [bin, 'local', dir, '--port', '0', '--static', 'no-such-web'], { env: loopbackEnv, cwd: repo });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

    const code = await new Promise<number | null>((done) => child.on('exit', done));

    expect(code).toBe(1);
    expect(stderr).toContain(`Cannot find the static folder: no-such-web (resolved to ${join(repo, 'no-such-web')})`);
  });
});
