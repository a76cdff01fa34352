import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOOPBACK_ENV, REPO, cleanup, echoApp, makeApp, open, startLocal, type LocalProcess } from './helpers/local-process';

const repo = REPO;
const bin = join(repo, 'packages', 'cli', 'bin', 'wsapp.js');
const loopbackEnv = LOOPBACK_ENV;

describe('wsapp local', () => {
  const dirs: string[] = [];
  const processes: LocalProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));
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
const hosts = new Set();
// Never further than loopback: every request must go where wsapp local's environment points.
client.middlewareStack.add((next) => async (args) => {
  const hostname = (args.request as { hostname?: string }).hostname;
  if (hostname !== '127.0.0.1') throw new Error('DynamoDB request to ' + hostname + ', not loopback');
  hosts.add(hostname);
  return next(args);
}, { step: 'finalizeRequest', name: 'loopbackOnly' });
const table = process.env.TABLE;
app.onWsMessage(async (event) => {
  await client.send(new PutItemCommand({ TableName: table, Item: { PK: { S: event.connectionId }, SK: { S: event.body } } }));
  const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: { PK: { S: event.connectionId }, SK: { S: event.body } } }));
  return JSON.stringify({ stored: Item?.SK?.S, table, arn: process.env.TABLE_ARN, hosts: [...hosts] });
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
      hosts: ['127.0.0.1'],
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
