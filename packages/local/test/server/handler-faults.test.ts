import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WsApp } from '@wsapp/framework';
import { startLocalGateway } from '@wsapp/local';
import { connect, eventually, type TestClient } from './helpers';

const fixture = join(__dirname, 'fixtures', 'crashing-app-gateway.mjs');
const loopbackEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'wsapp-test',
  AWS_SECRET_ACCESS_KEY: 'wsapp-test',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

interface GatewayProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the fixture gateway in its own process and waits for it to print its URL. */
function startGatewayProcess(): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [fixture], { env: loopbackEnv, cwd: __dirname });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const url = /WebSocket URL: (ws:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url, stderr: () => stderr, exited });
    });
    void exited.then(({ code }) => reject(new Error(`the gateway process exited with ${code} before starting:\n${stderr}`)));
  });
}

/** The JSON lines of the gateway's stderr (the crash logs). */
function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').flatMap((line) => {
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed === 'object' && parsed !== null ? [parsed as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

function crashLog(gateway: GatewayProcess, message: string, route: string, connectionId: string): Record<string, unknown> | undefined {
  return jsonLines(gateway.stderr()).find(
    (line) => line.message === message && line.route === route && line.connectionId === connectionId,
  );
}

/** The next frame, or a failure naming the close code when the connection closes first. */
function nextFrame(client: TestClient): Promise<string> {
  const closedFirst = client.closed.then(({ code }) => Promise.reject(new Error(`the connection closed with ${code} instead`)));
  return Promise.race([client.next(), closedFirst]);
}

async function echoes(client: TestClient, text: string): Promise<void> {
  client.socket.send(text);
  expect(await nextFrame(client)).toBe(`echo: ${text}`);
}

describe('handler crashes in a gateway with containHandlerFaults', () => {
  let gateway: GatewayProcess | undefined;
  let clients: TestClient[] = [];

  beforeAll(() => {
    expect(existsSync(join(__dirname, '..', '..', 'dist', 'index.js'))).toBe(true); // `pnpm build` runs before the tests
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    if (gateway && gateway.child.exitCode === null && gateway.child.signalCode === null) {
      gateway.child.kill('SIGKILL');
      await gateway.exited;
    }
    gateway = undefined;
  });

  it.each([
    ['throws from a timer', 'late', 'late'],
    ['leaves a rejected promise unhandled', 'unhandled', 'nobody handles this rejection'],
    ['calls process.exit(3)', 'exit', 'The handler called process.exit(3)'],
  ])('keeps serving every connection when a handler %s, and fails only that invocation', async (_what, route, errorMessage) => {
    // Prepare
    gateway = await startGatewayProcess();
    const bystander = await connect(gateway.url);
    const crasher = await connect(gateway.url);
    clients = [bystander, crasher];
    await echoes(bystander, 'before');

    // Act
    crasher.socket.send(JSON.stringify({ action: route }));
    const frame = JSON.parse(await nextFrame(crasher)) as { message: string; connectionId: string };

    // Assess: the crashing invocation got API Gateway's error frame, and nothing else broke.
    expect(frame).toEqual({ message: 'Internal server error', connectionId: expect.any(String), requestId: expect.any(String) });
    await echoes(bystander, 'after');
    await echoes(crasher, 'still open');
    await eventually(() => crashLog(gateway!, 'Websocket handler crashed', route, frame.connectionId) !== undefined, 'the crash log');
    expect(crashLog(gateway, 'Websocket handler crashed', route, frame.connectionId)?.error).toMatchObject({
      message: expect.stringContaining(errorMessage),
    });
    expect([bystander.socket.readyState, crasher.socket.readyState]).toEqual([bystander.socket.OPEN, crasher.socket.OPEN]);
    bystander.socket.close(1000);
    crasher.socket.close(1000);
    expect((await Promise.all([bystander.closed, crasher.closed])).map((closed) => closed.code)).toEqual([1000, 1000]);
    expect({ code: gateway.child.exitCode, signal: gateway.child.signalCode }).toEqual({ code: null, signal: null });
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
  });

  it('logs a crash that comes after the handler returned, with its route and connection, and keeps serving', async () => {
    // Prepare
    gateway = await startGatewayProcess();
    const bystander = await connect(gateway.url);
    const crasher = await connect(gateway.url);
    clients = [bystander, crasher];

    // Act
    crasher.socket.send(JSON.stringify({ action: 'late-after-return' }));
    const connectionId = (await nextFrame(crasher)).replace('returned on ', '');
    await eventually(
      () => crashLog(gateway!, 'Websocket handler crashed after its invocation ended', 'late-after-return', connectionId) !== undefined,
      'the crash log',
    );

    // Assess: the invocation had already succeeded, so there is no error frame to send.
    await echoes(crasher, 'after the crash');
    await echoes(bystander, 'after the crash');
    expect(crasher.messages).toEqual([`returned on ${connectionId}`, 'echo: after the crash']);
    crasher.socket.close(1000);
    bystander.socket.close(1000);
    expect((await Promise.all([bystander.closed, crasher.closed])).map((closed) => closed.code)).toEqual([1000, 1000]);
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toEqual({ code: 0, signal: null });
  });
});

describe('the onEvent callback of startLocalGateway', () => {
  it('is logged, not fatal, when it throws: every event still runs', async () => {
    // Prepare
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const escaped: unknown[] = [];
    const onEscape = (error: unknown): void => void escaped.push(error);
    process.on('unhandledRejection', onEscape);
    const app = new WsApp({ name: 'throwing-on-event' });
    const disconnects: Array<number | undefined> = [];
    app.onWsConnect(() => undefined);
    app.onWsMessage((event) => app.websocketApi.send(event.connectionId, `echo: ${event.body}`));
    app.onWsDisconnect((event) => void disconnects.push(event.disconnectStatusCode));
    const seen: string[] = [];
    const gateway = await startLocalGateway(app, {
      port: 0,
      onEvent: (record) => {
        seen.push(record.eventType);
        throw new Error(`onEvent broke on ${record.eventType}`);
      },
    });
    try {
      // Act
      const client = await connect(gateway.url);
      await echoes(client, 'hi');
      client.socket.close(1000);
      await client.closed;
      await eventually(() => disconnects.length === 1, '$disconnect');

      // Assess
      expect(seen).toEqual(['CONNECT', 'MESSAGE', 'DISCONNECT']);
      expect(disconnects).toEqual([1000]);
      for (const eventType of seen) {
        expect(errors).toHaveBeenCalledWith(expect.stringContaining(`the onEvent callback threw (ignored): onEvent broke on ${eventType}`));
      }
      expect(escaped).toEqual([]);
    } finally {
      process.off('unhandledRejection', onEscape);
      errors.mockRestore();
      await gateway.close();
    }
  });
});
