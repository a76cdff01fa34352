import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsApp } from '@wsapp/framework';
import { startLocalGateway, type GatewayEventRecord, type LocalGateway } from '@wsapp/local';
import { connect, eventually, rawHandshake, upgradeHeaders, type TestClient } from './helpers';

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request to 127.0.0.1:`port` with the `Host` header given. */
function requestWithHost(port: number, host: string, method: string, path: string, body?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** An HTTP/1.0 request with no `Host` header at all, as written on a raw socket. */
function requestWithoutHost(port: number, path: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(`GET ${path} HTTP/1.0\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

/** Closes a client and waits for the gateway to be done with it (its `$disconnect` ran). */
async function closeClient(client: TestClient, gateway: LocalGateway): Promise<void> {
  client.socket.close();
  await eventually(() => gateway.connections.size === 0, 'the connection to close');
}

function recordingApp(name: string): { app: WsApp; invocations: string[] } {
  const app = new WsApp({ name });
  const invocations: string[] = [];
  app.onWsConnect(() => void invocations.push('$connect'));
  app.onWsMessage(() => void invocations.push('$default'));
  return { app, invocations };
}

describe('the local gateway on 127.0.0.1 and the Host header', () => {
  let site: string;
  let gateway: LocalGateway;
  let port: number;
  const { app, invocations } = recordingApp('host-check');
  const events: GatewayEventRecord[] = [];

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'wsapp-host-'));
    writeFileSync(join(site, 'index.html'), '<title>home</title>');
    gateway = await startLocalGateway(app, { port: 0, staticDir: site, onEvent: (record) => void events.push(record) });
    port = gateway.port;
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(site, { recursive: true, force: true });
  });
  beforeEach(() => {
    invocations.length = 0;
    events.length = 0;
  });

  it('refuses a static file asked for with Host evil.example, saying how to allow it', async () => {
    const answer = await requestWithHost(port, `evil.example:${port}`, 'GET', '/index.html');

    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['x-amzn-errortype']).toBe('ForbiddenException');
    expect(JSON.parse(answer.body)).toEqual({
      message:
        `Forbidden: Host evil.example:${port} is not allowed; this gateway answers 127.0.0.1:${port}, ` +
        `localhost:${port} or [::1]:${port} (a check against DNS rebinding); to allow it, pass ` +
        "allowedHosts: ['evil.example'] to startLocalGateway (wsapp local --allowed-host evil.example)",
    });
  });

  it('refuses @connections calls with Host evil.example and delivers nothing', async () => {
    // Prepare: an open connection, with its id.
    const client = await connect(gateway.url);
    const connectionId = [...gateway.connections.keys()][0] as string;
    const path = `/api/@connections/${encodeURIComponent(connectionId)}`;

    // Act
    const post = await requestWithHost(port, `evil.example:${port}`, 'POST', path, 'from evil');
    const get = await requestWithHost(port, `evil.example:${port}`, 'GET', path);
    const remove = await requestWithHost(port, `evil.example:${port}`, 'DELETE', path);
    const allowed = await requestWithHost(port, `127.0.0.1:${port}`, 'POST', path, 'from the app');

    // Assess: the first frame the client gets is the allowed post, and it is still connected.
    expect([post.status, get.status, remove.status, allowed.status]).toEqual([403, 403, 403, 200]);
    expect(await client.next()).toBe('from the app');
    expect(gateway.connections.has(connectionId)).toBe(true);
    await closeClient(client, gateway);
  });

  it('refuses a WebSocket upgrade with Host evil.example before $connect runs', async () => {
    const { response } = rawHandshake(port, 'GET /api HTTP/1.1', upgradeHeaders(), `evil.example:${port}`);
    const answer = await response;

    expect(answer.status).toBe(403);
    expect(answer.headerLines).toContain('x-amzn-ErrorType: ForbiddenException');
    expect(JSON.parse(answer.body).message).toContain(`Forbidden: Host evil.example:${port} is not allowed`);
    expect(invocations).toEqual([]);
    expect(events).toEqual([]);
    expect(gateway.connections.size).toBe(0);
  });

  it.each([
    'evil.example',
    'localhost:1',
    '127.0.0.1.evil.example:PORT',
    'localhost.',
    'evil.example:8000@127.0.0.1',
    'http://localhost',
  ])('refuses Host %s for files, @connections and upgrades alike', async (pattern) => {
    const host = pattern.replace('PORT', String(port));
    const file = await requestWithHost(port, host, 'GET', '/');
    const management = await requestWithHost(port, host, 'GET', '/api/@connections/AAAAAAAAAAAAAAA=');
    const upgrade = await rawHandshake(port, 'GET /api HTTP/1.1', upgradeHeaders(), host).response;

    expect([file.status, management.status, upgrade.status]).toEqual([403, 403, 403]);
    expect(invocations).toEqual([]);
  });

  it('refuses a request without a Host header', async () => {
    const answer = await requestWithoutHost(port, '/index.html');

    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toContain('Forbidden: a request without a Host header is not allowed');
  });

  it.each(['127.0.0.1:PORT', 'localhost:PORT', '[::1]:PORT', 'LocalHost:PORT', 'localhost', '127.0.0.1'])(
    'answers Host %s: files, @connections and upgrades',
    async (pattern) => {
      const host = pattern.replace('PORT', String(port));
      const file = await requestWithHost(port, host, 'GET', '/');
      const management = await requestWithHost(port, host, 'GET', '/api/@connections/AAAAAAAAAAAAAAA=');
      const client = await connect(gateway.url, undefined, { headers: { Host: host } });
      await closeClient(client, gateway);

      expect([file.status, management.status]).toEqual([200, 410]);
      expect(file.body).toBe('<title>home</title>');
      expect(invocations).toEqual(['$connect']);
    },
  );
});

describe('the local gateway with allowedHosts', () => {
  let gateway: LocalGateway;
  const { app, invocations } = recordingApp('allowed-hosts');

  beforeAll(async () => {
    gateway = await startLocalGateway(app, { port: 0, allowedHosts: ['myapp.test', 'Tunnel.Example:443', '[fd00::1]'] });
  });
  afterAll(() => gateway.close());

  it.each(['myapp.test:PORT', 'myapp.test:3000', 'MyApp.Test', 'tunnel.example:443', '[fd00::1]:9000', 'localhost:PORT'])(
    'answers Host %s: a listed name with any port, or a listed name:port',
    async (pattern) => {
      const host = pattern.replace('PORT', String(gateway.port));
      const answer = await requestWithHost(gateway.port, host, 'GET', '/api/@connections/AAAAAAAAAAAAAAA=');

      expect(answer.status).toBe(410);
    },
  );

  it.each(['tunnel.example:PORT', 'tunnel.example', 'sub.myapp.test:PORT', 'evil.example:PORT'])(
    'refuses Host %s, which no entry names',
    async (pattern) => {
      const host = pattern.replace('PORT', String(gateway.port));
      const answer = await requestWithHost(gateway.port, host, 'GET', '/api/@connections/AAAAAAAAAAAAAAA=');

      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).message).toContain(`myapp.test, Tunnel.Example:443 or [fd00::1]`);
    },
  );

  it('lets a WebSocket client in under an allowed name', async () => {
    const client = await connect(gateway.url, undefined, { headers: { Host: 'myapp.test:3000' } });
    await closeClient(client, gateway);

    expect(invocations).toContain('$connect');
  });

  it.each([['http://myapp.test'], ['myapp.test/app'], [''], ['myapp.test:0'], ['myapp.test:70000']])(
    'refuses to start with the allowedHosts entry %p, naming it',
    async (entry) => {
      await expect(startLocalGateway(app, { port: 0, allowedHosts: [entry] })).rejects.toThrow(
        `Invalid allowedHosts entry ${JSON.stringify(entry)}: use a host name or address, optionally with :port`,
      );
    },
  );
});

describe('the local gateway bound to 0.0.0.0', () => {
  let gateway: LocalGateway;

  beforeAll(async () => {
    gateway = await startLocalGateway(recordingApp('wildcard').app, { host: '0.0.0.0', port: 0 });
  });
  afterAll(() => gateway.close());

  it("answers the bind address, loopback names and each of the machine's interface addresses", async () => {
    const interfaceHosts = Object.values(networkInterfaces())
      .flatMap((addresses) => addresses ?? [])
      .map((entry) => (entry.family === 'IPv6' ? `[${entry.address}]` : entry.address));
    const hosts = ['0.0.0.0', 'localhost', ...interfaceHosts].map((name) => `${name}:${gateway.port}`);

    const statuses = await Promise.all(hosts.map((host) => requestWithHost(gateway.port, host, 'GET', '/api/@connections/AAAAAAAAAAAAAAA=')));

    expect(statuses.map((answer) => answer.status)).toEqual(hosts.map(() => 410));
  });

  it('refuses any other name, pointing at allowedHosts', async () => {
    const answer = await requestWithHost(gateway.port, `devbox.example:${gateway.port}`, 'GET', '/api/@connections/AAAAAAAAAAAAAAA=');

    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).message).toContain("or an address of this machine's interfaces");
    expect(JSON.parse(answer.body).message).toContain("allowedHosts: ['devbox.example']");
  });
});
