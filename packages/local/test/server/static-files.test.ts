import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WsApp } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { connect } from './helpers';

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Sends one request with `path` exactly as given (no URL normalisation, unlike fetch). */
function rawRequest(port: number, method: string, path: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('the local gateway with staticDir', () => {
  let parent: string;
  let site: string;
  let gateway: LocalGateway;

  beforeAll(async () => {
    // Prepare: a site folder, a secret next to it, and a symbolic link from inside to the secret.
    parent = mkdtempSync(join(tmpdir(), 'wsapp-static-'));
    site = join(parent, 'site');
    mkdirSync(join(site, 'docs'), { recursive: true });
    writeFileSync(join(parent, 'secret.txt'), 'top secret');
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(join(site, 'main.js'), 'console.log("hi");');
    writeFileSync(join(site, 'main.js.map'), '{"version":3}');
    writeFileSync(join(site, 'style.css'), 'body { margin: 0 }');
    writeFileSync(join(site, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(site, 'logo.png'), PNG);
    writeFileSync(join(site, 'data.json'), '{"ok":true}');
    writeFileSync(join(site, 'notes.unknown'), 'bytes');
    writeFileSync(join(site, '..dots.txt'), 'top secret dots');
    writeFileSync(join(site, 'docs', 'index.html'), '<title>docs</title>');
    symlinkSync(join(parent, 'secret.txt'), join(site, 'linked-secret.txt'));
    // Dotfiles and dot-folders, as a project folder served by mistake would hold them.
    mkdirSync(join(site, '.git'));
    writeFileSync(join(site, '.git', 'config'), 'top secret git config');
    writeFileSync(join(site, '.env'), 'top secret env');
    mkdirSync(join(site, 'a', '.hidden'), { recursive: true });
    writeFileSync(join(site, 'a', '.hidden', 'x'), 'top secret hidden');
    mkdirSync(join(site, '.private'));
    writeFileSync(join(site, '.private', 'index.html'), 'top secret index');
    symlinkSync(join(site, '.env'), join(site, 'env.txt'));
    const app = new WsApp({ name: 'static-files' });
    app.onWsMessage(async (event) => {
      await app.websocketApi.send(event.connectionId, `echo: ${event.body}`);
    });
    gateway = await startLocalGateway(app, { port: 0, staticDir: site });
  });

  afterAll(async () => {
    await gateway.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('reports the page URL', () => {
    expect(gateway.staticUrl).toBe(`http://127.0.0.1:${gateway.port}/`);
  });

  it('serves index.html at /', async () => {
    const answer = await rawRequest(gateway.port, 'GET', '/');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body.toString('utf8')).toBe('<!doctype html><title>home</title>');
  });

  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/main.js', 'text/javascript; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/logo.svg', 'image/svg+xml'],
    ['/logo.png', 'image/png'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/main.js.map', 'application/json; charset=utf-8'],
    ['/notes.unknown', 'application/octet-stream'],
  ])('serves %s as %s', async (path, contentType) => {
    const answer = await rawRequest(gateway.port, 'GET', `${path}?v=1`);

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(contentType);
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
  });

  it('serves binary files byte for byte', async () => {
    const answer = await rawRequest(gateway.port, 'GET', '/logo.png');

    expect(answer.body.equals(PNG)).toBe(true);
  });

  it("serves a folder's index.html for the folder's path", async () => {
    const answer = await rawRequest(gateway.port, 'GET', '/docs/');

    expect(answer.status).toBe(200);
    expect(answer.body.toString('utf8')).toBe('<title>docs</title>');
  });

  it.each([
    '/.env',
    '/.git/config',
    '/a/.hidden/x',
    '/%2egit/config',
    '/%2Eenv',
    '/a/%2ehidden/x',
    '/.private/',
    '/docs/../.env',
    '/..dots.txt',
    '/env.txt',
  ])('answers 404 for %s, never serving a dotfile or anything in a dot-folder', async (path) => {
    const answer = await rawRequest(gateway.port, 'GET', path);

    expect(answer.status).toBe(404);
    expect(answer.body.toString('utf8')).not.toContain('top secret');
  });

  it('answers HEAD for a dotfile with the same 404 as for a missing file', async () => {
    const dotfile = await rawRequest(gateway.port, 'HEAD', '/.env');
    const missing = await rawRequest(gateway.port, 'HEAD', '/.xyz');

    expect(dotfile.status).toBe(404);
    expect(dotfile.headers['content-length']).toBe(missing.headers['content-length']);
  });

  it('serves a path that passes through a folder and back, if it names no dotfile', async () => {
    const answer = await rawRequest(gateway.port, 'GET', '/docs/../main.js');

    expect(answer.status).toBe(200);
    expect(answer.body.toString('utf8')).toBe('console.log("hi");');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const answer = await rawRequest(gateway.port, 'HEAD', '/main.js');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength('console.log("hi");')));
    expect(answer.body.length).toBe(0);
  });

  it('answers 404 for a missing file', async () => {
    const answer = await rawRequest(gateway.port, 'GET', '/missing.js');

    expect(answer.status).toBe(404);
    expect(answer.body.toString('utf8')).toContain('Not found: /missing.js');
  });

  it.each([
    '/../secret.txt',
    '/docs/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/linked-secret.txt',
    '/%00',
    '/%E0%A4%A',
  ])('answers 404 for %s, never serving a file outside the folder', async (path) => {
    const answer = await rawRequest(gateway.port, 'GET', path);

    expect(answer.status).toBe(404);
    expect(answer.body.toString('utf8')).not.toContain('top secret');
  });

  it('leaves other methods to the gateway (404 with its hint)', async () => {
    const answer = await rawRequest(gateway.port, 'POST', '/index.html');

    expect(answer.status).toBe(404);
    expect(answer.headers['x-amzn-errortype']).toBe('NotFoundException');
  });

  it('still answers @connections and WebSocket clients on the same port', async () => {
    const client = await connect(gateway.url);
    client.socket.send('hello');
    const echoed = await client.next();
    const gone = await rawRequest(gateway.port, 'GET', '/api/@connections/AAAAAAAAAAAAAAA=');
    client.socket.close();

    expect(echoed).toBe('echo: hello');
    expect(gone.status).toBe(410);
  });
});

describe('the local gateway without staticDir', () => {
  it('serves no files and reports no page URL', async () => {
    const gateway = await startLocalGateway(new WsApp({ name: 'no-static' }), { port: 0 });
    try {
      const answer = await rawRequest(gateway.port, 'GET', '/');

      expect(answer.status).toBe(404);
      expect(gateway.staticUrl).toBeUndefined();
    } finally {
      await gateway.close();
    }
  });

  it('refuses to start when the static folder is missing, naming the path', async () => {
    const missing = join(tmpdir(), 'wsapp-static-missing-folder');

    await expect(startLocalGateway(new WsApp({ name: 'missing-static' }), { port: 0, staticDir: missing })).rejects.toThrow(
      `Cannot find the static folder: ${missing} (resolved to ${missing})`,
    );
  });
});
