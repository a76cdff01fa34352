// Runs docs/snippets/jwt-authorizer.ts, the JWT authorizer docs/topics/auth.md shows, in process with
// the test client and over real sockets through the local gateway, with keys generated here: its
// createApp takes a local JWKS in place of the issuer's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogRecord } from '@wsapp/framework';
import { startLocalGateway, type GatewayEventRecord, type LocalGateway } from '@wsapp/local';
import { createTestClient } from '@wsapp/local/testing';
import { SignJWT, createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, type JWK, type JWTPayload, type JWTVerifyGetKey, type KeyLike } from 'jose';
import WebSocket from 'ws';
import { AUDIENCE, ISSUER, createApp } from '../snippets/jwt-authorizer';

// #region keys
/** The issuer's key pair, made for the test, and a key the issuer never published. */
let issuerKey: KeyLike;
let otherKey: KeyLike;
let publicJwks: { keys: JWK[] };
/** What createApp verifies tokens against in place of the issuer's JWKS URL. */
let keys: JWTVerifyGetKey;

beforeAll(async () => {
  const issuer = await generateKeyPair('RS256');
  issuerKey = issuer.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  publicJwks = { keys: [{ ...(await exportJWK(issuer.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }] };
  keys = createLocalJWKSet(publicJwks);
});

const now = (): number => Math.floor(Date.now() / 1000);

/** A token as the issuer signs it: for `sub`, with the chat scope, valid for an hour, unless `claims` or `options` say otherwise. */
function tokenFor(sub: string, claims: JWTPayload = {}, options: { key?: KeyLike; exp?: number } = {}): Promise<string> {
  return new SignJWT({ scope: 'chat', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? now() + 3600)
    .sign(options.key ?? issuerKey);
}

/** The app.log records an app writes (instead of stdout, so that the test output stays readable). */
function recordsOf(app: ReturnType<typeof createApp>): LogRecord[] {
  const records: LogRecord[] = [];
  app.log.setSink((record) => records.push(record));
  return records;
}
// #endregion keys

describe('docs/snippets/jwt-authorizer.ts with the test client', () => {
  // #region test-client
  it('opens a connection for a valid token, and every event gets the claims the authorizer passed on, as strings', async () => {
    const client = createTestClient(createApp(keys));
    const exp = now() + 3600;
    const conn = await client.connect({ query: { token: await tokenFor('alice', { tenant: 'acme' }, { exp }) } });

    await conn.send('hi');
    await conn.send(JSON.stringify({ action: 'whoami' }));

    expect(conn.received[0]).toBe('alice: hi');
    expect(JSON.parse(conn.received[1] ?? '')).toEqual({
      tenant: 'acme',
      admin: 'false',
      expiresAt: String(exp),
      principalId: 'alice',
      integrationLatency: expect.any(Number),
    });
    await client.dispose();
  });

  it('refuses an expired token and a forged one with 401, and a user without the chat scope with 403', async () => {
    const app = createApp(keys);
    const logged = recordsOf(app);
    const client = createTestClient(app);
    const expired = await tokenFor('alice', {}, { exp: now() - 60 });
    const forged = await tokenFor('alice', {}, { key: otherKey });
    const noChat = await tokenFor('bob', { scope: 'profile' });

    await expect(client.connect({ query: { token: expired } })).rejects.toMatchObject({ statusCode: 401 });
    await expect(client.connect({ query: { token: forged } })).rejects.toMatchObject({ statusCode: 401 });
    await expect(client.connect({ query: { token: noChat } })).rejects.toMatchObject({ statusCode: 403 });

    expect(logged.map((record) => record.reason)).toEqual(['"exp" claim timestamp check failed', 'signature verification failed']);
    await client.dispose();
  });

  it('refuses a handshake without a token with 401, without running the authorizer', async () => {
    let keyLookups = 0;
    const client = createTestClient(
      createApp((header, token) => {
        keyLookups += 1;
        return keys(header, token);
      }),
    );

    await expect(client.connect()).rejects.toMatchObject({ statusCode: 401, response: { body: '{"message":"Unauthorized"}' } });
    await expect(client.connect({ query: { token: '' } })).rejects.toMatchObject({ statusCode: 401 });

    expect(keyLookups).toBe(0);
    await client.dispose();
  });
  // #endregion test-client

  it('checks a valid token against keys it fetches from a JWKS URL, as the app does on Lambda', async () => {
    const server = await serve((_request, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(publicJwks)));
    try {
      const client = createTestClient(createApp(createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`))));
      const conn = await client.connect({ query: { token: await tokenFor('alice') } });

      await conn.send('hi');

      expect(conn.received).toEqual(['alice: hi']);
      await client.dispose();
    } finally {
      server.close();
    }
  });

  it('refuses with 500, not 401, when the JWKS cannot be fetched: the token may be fine', async () => {
    const server = await serve((_request, response) => response.writeHead(503).end());
    try {
      const app = createApp(createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`)));
      const logged = recordsOf(app);
      const gatewayLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const token = await tokenFor('alice');

      // handlerErrors: 'reject' (the default) rejects with the authorizer's own error; 'frame' refuses as API Gateway does.
      await expect(createTestClient(app).connect({ query: { token } })).rejects.toThrow('Expected 200 OK from the JSON Web Key Set HTTP response');
      await expect(createTestClient(app, { handlerErrors: 'frame' }).connect({ query: { token } })).rejects.toMatchObject({
        statusCode: 500,
        response: { body: '{"message":null}' },
      });
      expect(logged.map((record) => [record.level, record.message])).toEqual([
        ['ERROR', 'Websocket authorizer failed'],
        ['ERROR', 'Websocket authorizer failed'],
      ]);
      expect(gatewayLog).toHaveBeenCalledWith(
        expect.stringMatching(/^wsapp local gateway: refusing connection \S{16} with 500: the authorizer threw JOSEError: Expected 200 OK/),
      );
      gatewayLog.mockRestore();
    } finally {
      server.close();
    }
  });
});

/** An HTTP server on 127.0.0.1 standing in for the issuer's JWKS URL. */
async function serve(answer: Parameters<typeof createServer>[1]): Promise<{ url: string; close(): void }> {
  const server: Server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** Opens a `ws` connection; resolves with the socket, or with the status and body of a refused handshake. */
function open(url: string): Promise<{ socket: WebSocket } | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
}

describe('docs/snippets/jwt-authorizer.ts over real sockets', () => {
  let gateway: LocalGateway;
  let logged: LogRecord[];
  const events: GatewayEventRecord[] = [];
  beforeAll(async () => {
    const app = createApp(keys);
    logged = recordsOf(app);
    gateway = await startLocalGateway(app, { port: 0, onEvent: (record) => events.push(record) });
  });
  afterAll(() => gateway.close());

  it('opens a connection for a valid token, and every event gets the claims as strings', async () => {
    const exp = now() + 3600;
    const opened = await open(`${gateway.url}?token=${await tokenFor('alice', { tenant: 'acme', admin: true }, { exp })}`);
    if (!('socket' in opened)) throw new Error(`refused: ${opened.status} ${opened.body}`);
    const { socket } = opened;

    const reply = nextMessage(socket);
    socket.send(JSON.stringify({ action: 'whoami' }));

    expect(JSON.parse(await reply)).toEqual({ tenant: 'acme', admin: 'true', expiresAt: String(exp), principalId: 'alice', integrationLatency: expect.any(Number) });
    const echoed = nextMessage(socket);
    socket.send('hi');
    expect(await echoed).toBe('alice: hi');
    socket.close();
  });

  it('fails the handshake with 401 for an expired or forged token and 403 for a user without the chat scope, with API Gateway bodies', async () => {
    const expired = await tokenFor('alice', {}, { exp: now() - 60 });
    const forged = await tokenFor('alice', {}, { key: otherKey });
    const noChat = await tokenFor('bob', { scope: 'profile' });

    expect(await open(`${gateway.url}?token=${expired}`)).toEqual({ status: 401, body: '{"message":"Unauthorized"}' });
    expect(await open(`${gateway.url}?token=${forged}`)).toEqual({ status: 401, body: '{"message":"Unauthorized"}' });
    expect(await open(`${gateway.url}?token=${noChat}`)).toEqual({
      status: 403,
      body: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
    });
    expect(logged.filter((record) => record.message.startsWith('Websocket authorizer refused')).map((record) => record.reason)).toEqual([
      '"exp" claim timestamp check failed',
      'signature verification failed',
    ]);
  });

  it('fails the handshake with 401 without a token, and reports the authorizer as not invoked', async () => {
    events.length = 0;

    expect(await open(gateway.url)).toEqual({ status: 401, body: '{"message":"Unauthorized"}' });

    expect(events).toEqual([
      expect.objectContaining({
        eventType: 'AUTHORIZER',
        routeKey: '$connect',
        outcome: 'refused',
        handled: false,
        verdict: 'missing-identity',
        statusCode: 401,
        detail: 'missing identity source route.request.querystring.token',
      }),
    ]);
  });
});

describe('wsapp package for docs/snippets/jwt-authorizer.ts', () => {
  const root = join(__dirname, '..', '..');
  const page = readFileSync(join(root, 'docs', 'topics', 'auth.md'), 'utf8');
  const block = (marker: string): string => {
    const found = new RegExp(`<!-- ${marker} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(page)?.[1];
    if (found === undefined) throw new Error(`docs/topics/auth.md has no block under <!-- ${marker} -->`);
    return found;
  };

  it('prints what docs/topics/auth.md shows, and writes the resources it shows', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wsapp-docs-jwt-')), 'out');
    try {
      const run = spawnSync(process.execPath, [join(root, 'packages', 'cli', 'bin', 'wsapp.js'), 'package', '--app', 'docs/snippets', '--entry', 'jwt-authorizer.ts', out], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const sizes = (text: string): string => text.replace(/\d+\.\d KB/g, 'N KB').trimEnd();
      expect(sizes(run.stdout.replaceAll(out, 'out'))).toBe(sizes(block('wsapp package output: jwt-authorizer')));

      const resources = (JSON.parse(readFileSync(join(out, 'sam.json'), 'utf8')) as { Resources: Record<string, unknown> }).Resources;
      const shown = JSON.parse(block('template excerpt: jwt-authorizer')) as Record<string, unknown>;
      for (const [id, resource] of Object.entries(shown)) expect({ id, resource: resources[id] }).toEqual({ id, resource });
      expect(Object.keys(resources)).toEqual(
        expect.arrayContaining(['WebsocketAuthorizer', 'WebsocketAuthorizerLogGroup', 'WebsocketAuthorizerInvokePermission', 'WebsocketConnectMockIntegration']),
      );
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  }, 60_000);
});
