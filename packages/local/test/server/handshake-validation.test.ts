import { WsApp, type WebsocketResponse } from '@wsapp/framework';
import { startLocalGateway, type LocalGateway } from '@wsapp/local';
import { rawHandshake, refusedHandshake, upgradeHeaders } from './helpers';

/** RFC 9110: a header field name, a colon, a value without CR or LF. */
const WELL_FORMED_HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+: [^\r\n]*$/;

describe('handshake validation before $connect', () => {
  let gateway: LocalGateway;
  let connects: number;

  beforeEach(async () => {
    connects = 0;
    const app = new WsApp({ name: 'validation' });
    app.onWsConnect(() => void connects++);
    gateway = await startLocalGateway(app, { port: 0 });
  });
  afterEach(() => gateway.close());

  it('accepts a raw handshake whose headers are all valid and invokes $connect once', async () => {
    const { socket } = rawHandshake(gateway.port, 'GET /api HTTP/1.1', upgradeHeaders());

    const head = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    socket.destroy();

    expect(head).toMatch(/^HTTP\/1\.1 101 /);
    expect(connects).toBe(1);
  });

  it('answers 400 and never invokes $connect when Sec-WebSocket-Key is missing', async () => {
    const { response } = rawHandshake(gateway.port, 'GET /api HTTP/1.1', upgradeHeaders({ 'Sec-WebSocket-Key': undefined }));

    const answer = await response;

    expect(answer.status).toBe(400);
    expect(answer.body).toContain('Sec-WebSocket-Key');
    expect(connects).toBe(0);
    expect(gateway.connections.size).toBe(0);
  });

  it('refuses a POST with upgrade headers with 405 and never invokes $connect', async () => {
    const { response } = rawHandshake(gateway.port, 'POST /api HTTP/1.1', { ...upgradeHeaders(), 'Content-Length': '0' });

    const answer = await response;

    expect(answer.status).toBe(405);
    expect(answer.headerLines).toContain('Allow: GET');
    expect(connects).toBe(0);
  });

  it('answers 426 with the version it supports for an unsupported Sec-WebSocket-Version, without invoking $connect', async () => {
    const { response } = rawHandshake(gateway.port, 'GET /api HTTP/1.1', upgradeHeaders({ 'Sec-WebSocket-Version': '8' }));

    const answer = await response;

    expect(answer.status).toBe(426);
    expect(answer.headerLines).toContain('Sec-WebSocket-Version: 13');
    expect(connects).toBe(0);
  });
});

describe('invalid headers returned by $connect', () => {
  const gateways: LocalGateway[] = [];
  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
  });

  it.each<[string, Partial<WebsocketResponse>, string]>([
    ['a header name with CR LF', { headers: { 'X-Bad\r\nInjected': 'x' } }, 'header name "X-Bad\\r\\nInjected" is not a valid HTTP header name'],
    ['a header value with a line feed', { headers: { 'X-Note': 'fine\nInjected: y' } }, 'header X-Note has a value with control characters'],
    ['a multi-value header with a CR LF in one value', { multiValueHeaders: { 'X-Many': ['ok', 'bad\r\nInjected: z'] } }, 'header X-Many has a value'],
  ])('refuses the handshake with a clean 500 and logs the header when $connect returns %s', async (_what, returned, logged) => {
    // Prepare
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = new WsApp({ name: 'bad-headers' });
    app.onWsConnect(() => ({ statusCode: 200, ...returned }));
    const gateway = await startLocalGateway(app, { port: 0 });
    gateways.push(gateway);

    try {
      // Act
      const answer = await rawHandshake(gateway.port, 'GET /api HTTP/1.1', upgradeHeaders()).response;
      const seenByWs = await refusedHandshake(gateway.url);

      // Assess: a complete, well-formed 500 with none of the handler's headers in it.
      expect(answer.status).toBe(500);
      expect(answer.raw).not.toContain('Injected');
      for (const line of answer.headerLines) expect(line).toMatch(WELL_FORMED_HEADER_LINE);
      expect(answer.headerLines).toContain(`Content-Length: ${Buffer.byteLength(answer.body)}`);
      expect(JSON.parse(answer.body)).toEqual({ message: 'Internal server error' });
      expect(seenByWs.status).toBe(500);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(logged));
      expect(gateway.connections.size).toBe(0);
    } finally {
      errors.mockRestore();
    }
  });
});
