// Rows of docs/topics/local-gateway.md that only the socket server has, checked over real sockets
// on 127.0.0.1: handshake validation, the close codes of protocol errors and of a client that
// stops reading, the UTF-8 rule for @connections posts, and (in a `wsapp local` process, since
// jest handles uncaught errors itself) crash containment.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WsApp } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';

/** Sends `text` on a plain TCP socket and resolves with everything the server answered. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

function handshake(lines: string[]): string {
  return [...lines, 'Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade', '', ''].join('\r\n');
}

function post(endpoint: string, connectionId: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}/@connections/${encodeURIComponent(connectionId)}`, { method: 'POST' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function open(gateway: LocalGateway): Promise<{ socket: WebSocket; connectionId: string }> {
  const before = new Set(gateway.connections.keys());
  const socket = new WebSocket(gateway.url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  for (let i = 0; i < 200; i++) {
    const connectionId = [...gateway.connections.keys()].find((id) => !before.has(id));
    if (connectionId) return { socket, connectionId };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the gateway never registered the connection');
}

async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  for (const started = Date.now(); !check() && Date.now() - started < timeoutMs; ) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the local gateway, as docs/topics/local-gateway.md describes it', () => {
  const app = new WsApp({ name: 'local-gateway-topic' });
  let connects = 0;
  /** `$disconnect`'s code and reason by connection. */
  const disconnects = new Map<string, string>();
  app.onWsConnect(() => void (connects += 1));
  app.onWsMessage((event) => app.websocketApi.send(event.connectionId, `echo ${event.body}`));
  app.onWsDisconnect((event) => void disconnects.set(event.connectionId, `${event.disconnectStatusCode} ${event.disconnectReason}`));
  let gateway: LocalGateway;
  let errors: jest.SpyInstance;

  beforeAll(async () => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    gateway = await startLocalGateway(app, {
      port: 0,
      onEvent: () => {
        throw new Error('a broken onEvent callback');
      },
    });
  });
  afterAll(async () => {
    await gateway.close();
    errors.mockRestore();
  });

  it.each([
    ['a POST', ['POST /api HTTP/1.1', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', 'Content-Length: 0'], '405 Method Not Allowed'],
    ['a handshake without Sec-WebSocket-Key', ['GET /api HTTP/1.1', 'Sec-WebSocket-Version: 13'], '400 Bad Request'],
    ['a handshake of WebSocket version 8', ['GET /api HTTP/1.1', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 8'], '426 Upgrade Required'],
  ])('refuses %s before $connect runs', async (_what, lines, status) => {
    const answer = await rawRequest(gateway.port, handshake(lines));

    expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${status}`);
    expect(connects).toBe(0);
  });

  it('logs an onEvent callback that throws and goes on serving', async () => {
    const { socket } = await open(gateway);
    const frames: string[] = [];
    socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));

    socket.send('hi');
    await until(() => frames.length >= 1);

    expect(frames).toEqual(['echo hi']);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('the onEvent callback threw (ignored): a broken onEvent callback'));
    socket.close();
  });

  it('answers 400 to a post that is not UTF-8 text, and 200 to one that is', async () => {
    const { socket, connectionId } = await open(gateway);

    expect(await post(gateway.managementEndpoint, connectionId, Buffer.from([0xff, 0xfe]))).toBe(400);
    expect(await post(gateway.managementEndpoint, connectionId, Buffer.from('héllo'))).toBe(200);
    socket.close();
  });

  it('closes with 1007 a connection whose client sends a text frame that is not UTF-8, and $disconnect reports 1007', async () => {
    const { socket, connectionId } = await open(gateway);

    // A masked text frame whose two payload bytes are not UTF-8 (ws itself refuses to send one).
    (socket as unknown as { _socket: NodeJS.WritableStream })._socket.write(Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xff, 0xfe]));
    await until(() => disconnects.has(connectionId));

    expect(disconnects.get(connectionId)).toMatch(/^1007 /);
  });

  it('closes with 1008 a connection whose client stops reading once over 1 MB waits for it; later posts get 410', async () => {
    // Prepare: a client that takes nothing more off its socket.
    const { socket, connectionId } = await open(gateway);
    const tcp = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();

    // Act: post 128 KB at a time until the gateway gives up on the client.
    const statuses: number[] = [];
    for (let i = 0; i < 1_000 && statuses.at(-1) !== 410; i++) {
      statuses.push(await post(gateway.managementEndpoint, connectionId, Buffer.alloc(128 * 1024, 'x')));
    }
    const later = await post(gateway.managementEndpoint, connectionId, Buffer.from('later'));
    tcp.resume();
    await until(() => disconnects.has(connectionId));

    // Assess
    expect(statuses.at(-1)).toBe(410);
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(later).toBe(410);
    expect(disconnects.get(connectionId)).toBe('1008 Client is not reading');
  });
});

describe('wsapp local with a handler that crashes', () => {
  it('fails only the invocation that crashed, logs it with its route and connection, and keeps serving', async () => {
    // Prepare: wsapp local on the fixture app, on a free port.
    const root = join(__dirname, '..', '..');
    const cli = join(root, 'packages', 'cli', 'bin', 'wsapp.js');
    const child = spawn(process.execPath, [cli, 'local', 'docs/test/fixtures/crashing-app', '--port', '0'], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      await until(() => /WebSocket URL:\s+ws:\/\//.test(output) || child.exitCode !== null, 10_000);
      const url = /WebSocket URL:\s+(ws:\/\/\S+)/.exec(output)?.[1];
      if (!url) throw new Error(`wsapp local did not start:\n${output}`);
      const socket = new WebSocket(url);
      const frames: string[] = [];
      socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
      await new Promise((resolve) => socket.once('open', resolve));

      // Act
      for (const body of ['throw in a timer', 'one', 'unhandled rejection', 'two', 'exit', 'three']) socket.send(body);
      await until(() => frames.length >= 6, 10_000);
      socket.close();

      // Assess
      const shown = frames.map((frame) => (frame.startsWith('{') ? (JSON.parse(frame) as { message: string }).message : frame));
      expect(shown).toEqual(['Internal server error', 'echo one', 'Internal server error', 'echo two', 'Internal server error', 'echo three']);
      expect(output).toMatch(/"message":"Websocket handler crashed","route":"\$default","connectionId":"[^"]{16}"/);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    }
  }, 30_000);
});
