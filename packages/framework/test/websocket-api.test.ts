import {
  MAX_PAYLOAD_BYTES,
  PayloadTooLargeError,
  WebsocketApi,
  WebsocketDisconnectedError,
  WsApp,
  isGoneError,
  managementEndpointFor,
} from '../src';
import { answerError, answerLikeApiGateway, FakeManagementApi } from './helpers/fake-management-api';
import { capturedEvent } from '@wsapp/local/testing';

describe('app.websocketApi against a real @connections server', () => {
  const server = new FakeManagementApi();
  let endpoint: string;
  let api: WebsocketApi;

  beforeAll(async () => {
    endpoint = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    server.responder = answerLikeApiGateway;
    server.delayMs = 0;
    api = new WebsocketApi();
    api.configure({ endpoint });
  });

  it('posts text as raw bytes to the percent-encoded connection path under the stage', async () => {
    await api.send('BFaT_fALIAMCKug=', 'héllo');
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/@connections/BFaT_fALIAMCKug%3D' });
    expect(request!.body.toString('utf8')).toBe('héllo');
  });

  it('hands each SDK client to wrapClient before its first request, as a tracer needs', async () => {
    const traced: string[] = [];
    const wrapped = new WebsocketApi();
    wrapped.configure({
      endpoint,
      wrapClient: (client) => {
        client.middlewareStack.add((next, context) => (args) => {
          traced.push(String(context.commandName));
          return next(args);
        }, { step: 'initialize', name: 'testTrace' });
        return client;
      },
    });

    await wrapped.send('abc', 'one');
    await wrapped.info('abc');

    expect(traced).toEqual(['PostToConnectionCommand', 'GetConnectionCommand']);
    expect(server.requests.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('posts binary data unchanged', async () => {
    await api.send('abc', new Uint8Array([0, 1, 254, 255]));
    expect([...server.requests[0]!.body]).toEqual([0, 1, 254, 255]);
  });

  it('returns connection info with Date fields and the identity', async () => {
    const info = await api.info('abc');
    expect(server.requests[0]!.method).toBe('GET');
    expect(info.connectedAt).toEqual(new Date('2024-11-11T13:45:35.513Z'));
    expect(info.lastActiveAt).toEqual(new Date('2024-11-11T13:45:46.514Z'));
    expect(info.identity).toEqual({ sourceIp: '127.0.0.1', userAgent: 'jest' });
  });

  it('closes a connection with DELETE', async () => {
    await expect(api.close('abc')).resolves.toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: 'DELETE', connectionId: 'abc' });
  });

  it.each([
    ['send', (a: WebsocketApi) => a.send('gone-1', 'x')],
    ['info', (a: WebsocketApi) => a.info('gone-1')],
    ['close', (a: WebsocketApi) => a.close('gone-1')],
  ])('turns a 410 GoneException from %s into WebsocketDisconnectedError with the connection id', async (_op, call) => {
    server.responder = (_req, res) => answerError(res, 410, 'GoneException');
    const error = await call(api).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebsocketDisconnectedError);
    expect((error as WebsocketDisconnectedError).connectionId).toBe('gone-1');
    expect(((error as Error).cause as Error).name).toBe('GoneException');
  });

  it('recognises a bare 410 without the error-type header as gone', async () => {
    server.responder = (_req, res) => answerError(res, 410);
    const error = await api.send('gone-2', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebsocketDisconnectedError);
    expect(((error as Error).cause as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(410);
  });

  it('passes other API errors through unchanged', async () => {
    server.responder = (_req, res) => answerError(res, 413, 'PayloadTooLargeException');
    const error = await api.send('abc', 'x').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(WebsocketDisconnectedError);
    expect((error as Error).name).toBe('PayloadTooLargeException');
  });

  it('retries a 429 LimitExceededException and succeeds when the next answer is 200', async () => {
    let calls = 0;
    server.responder = (req, res) => {
      calls += 1;
      if (calls === 1) answerError(res, 429, 'LimitExceededException');
      else answerLikeApiGateway(req, res);
    };
    await expect(api.send('abc', 'x')).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('refuses a payload over 128 KB before any network call', async () => {
    const tooBig = 'x'.repeat(MAX_PAYLOAD_BYTES + 1);
    await expect(api.send('abc', tooBig)).rejects.toThrow(PayloadTooLargeError);
    await expect(api.send('abc', tooBig)).rejects.toThrow(/131073 bytes; API Gateway accepts at most 131072/);
    await expect(api.send('abc', 'x'.repeat(MAX_PAYLOAD_BYTES))).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('counts payload size in UTF-8 bytes, not characters', async () => {
    const euros = '€'.repeat(Math.floor(MAX_PAYLOAD_BYTES / 3) + 1); // 3 bytes each
    await expect(api.send('abc', euros)).rejects.toThrow(PayloadTooLargeError);
    expect(server.requests).toHaveLength(0);
  });

  it('reuses one SDK client per endpoint across calls', async () => {
    const clients = (api as unknown as { clients: Map<string, unknown> }).clients;
    await api.send('a', '1');
    await api.send('b', '2');
    expect(clients.size).toBe(1);
    const first = clients.get(endpoint);
    await api.info('a');
    expect(clients.get(endpoint)).toBe(first);
  });
});

describe('endpoint resolution', () => {
  const server = new FakeManagementApi();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await server.start();
  });
  afterAll(() => server.stop());
  afterEach(() => {
    delete process.env.WSAPP_MANAGEMENT_ENDPOINT;
  });

  it('derives the endpoint from the event as Chalice does, with .cn in China regions', () => {
    expect(managementEndpointFor('abc123', 'api', 'us-west-2')).toBe(
      'https://abc123.execute-api.us-west-2.amazonaws.com/api',
    );
    expect(managementEndpointFor('abc123', 'prod', 'cn-north-1')).toBe(
      'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/prod',
    );
  });

  it('uses the event API id, stage and AWS_REGION inside a handler, even behind a custom domain', async () => {
    const app = new WsApp({ name: 'test' });
    let seen = '';
    app.onWsMessage(() => {
      seen = app.websocketApi.endpoint;
    });
    const event = capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } });
    event.requestContext.domainName = 'chat.example.com';
    await app.handler(event);
    expect(seen).toBe('https://asasasas.execute-api.us-east-1.amazonaws.com/prod');
  });

  it('prefers WSAPP_MANAGEMENT_ENDPOINT over the event, and configure() over both', async () => {
    const app = new WsApp({ name: 'test' });
    const seen: string[] = [];
    app.onWsMessage(() => void seen.push(app.websocketApi.endpoint));
    process.env.WSAPP_MANAGEMENT_ENDPOINT = 'http://127.0.0.1:9/from-env';
    await app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }));
    app.websocketApi.configure({ endpoint: 'http://127.0.0.1:9/configured' });
    await app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }));
    expect(seen).toEqual(['http://127.0.0.1:9/from-env', 'http://127.0.0.1:9/configured']);
  });

  it('sends from code that is not a websocket handler once configured', async () => {
    const app = new WsApp({ name: 'test' });
    app.websocketApi.configure({ endpoint });
    await app.websocketApi.send('from-a-queue-consumer', 'hi');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', connectionId: 'from-a-queue-consumer' });
  });

  it('says how to configure the endpoint when sending outside a handler without one', async () => {
    const app = new WsApp({ name: 'test' });
    await expect(app.websocketApi.send('abc', 'x')).rejects.toThrow(
      /No websocket management endpoint: call app.websocketApi.configure\(\{ endpoint \}\)/,
    );
  });
});

describe('isGoneError', () => {
  it('recognises GoneException by name, a bare 410 by status, and nothing else', () => {
    expect(isGoneError({ name: 'GoneException' })).toBe(true);
    expect(isGoneError({ name: 'Unknown', $metadata: { httpStatusCode: 410 } })).toBe(true);
    expect(isGoneError(new WebsocketDisconnectedError('x'))).toBe(true);
    expect(isGoneError({ name: 'ForbiddenException', $metadata: { httpStatusCode: 403 } })).toBe(false);
    expect(isGoneError(null)).toBe(false);
    expect(isGoneError('GoneException')).toBe(false);
  });
});

describe('WebsocketApi.reset', () => {
  it('forgets the configured endpoint and the last event, so nothing is derived from a stale event', async () => {
    const app = new WsApp({ name: 'test' });
    app.onWsMessage(() => undefined);
    await app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }));
    app.websocketApi.configure({ endpoint: 'http://127.0.0.1:9/api' });
    app.websocketApi.reset();
    expect(() => app.websocketApi.endpoint).toThrow(/No websocket management endpoint/);
  });
});
