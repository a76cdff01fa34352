import { WsApp, type WebsocketLambdaEvent } from '@wsapp/framework';
import { formatClfTime, startLocalGateway, type LocalGateway } from '@wsapp/local';
import { capturedEvent } from '@wsapp/local/testing';
import { connect, eventually } from './helpers';

/** The captured AWS events. */
const reference = (name: 'connect' | 'message' | 'disconnect'): unknown => capturedEvent(name);

/** The key paths of an event, without the contents of header maps (their names vary per request). */
function shape(event: unknown, prefix = ''): string[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return [];
  return Object.entries(event).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (/^(multiValue)?[hH]eaders$|QueryStringParameters$|queryStringParameters$/.test(key)) return [path];
    return [path, ...shape(value, path)];
  }).sort();
}

const AWS_ID = /^[A-Za-z0-9_-]{15}=$/;

describe('local gateway events', () => {
  let gateway: LocalGateway;
  let events: WebsocketLambdaEvent[];

  beforeAll(async () => {
    const app = new WsApp({ name: 'events' });
    const record = (event: { raw: WebsocketLambdaEvent }): void => {
      events.push(event.raw);
    };
    app.onWsConnect(record);
    app.onWsRoute('chat', record);
    app.onWsDisconnect(record);
    gateway = await startLocalGateway(app, { port: 0, stage: 'prod' });
  });
  beforeEach(() => {
    events = [];
  });
  afterAll(() => gateway.close());

  const byType = (type: string): WebsocketLambdaEvent[] => events.filter((e) => e.requestContext.eventType === type);

  it('builds connect, message and disconnect events with exactly the keys AWS sends', async () => {
    const client = await connect(gateway.url, undefined, { headers: { 'User-Agent': 'test-agent' } });
    client.socket.send('{"action":"chat","message":"Hello from client"}');
    await eventually(() => byType('MESSAGE').length === 1, 'the message event');
    client.socket.close();
    await eventually(() => byType('DISCONNECT').length === 1, 'the disconnect event');

    // The captured events come from a client without a User-Agent.
    const expected = (name: 'connect' | 'message' | 'disconnect'): string[] => shape(reference(name)).concat('requestContext.identity.userAgent').sort();
    expect(shape(byType('CONNECT')[0])).toEqual(expected('connect'));
    expect(shape(byType('MESSAGE')[0])).toEqual(expected('message'));
    expect(shape(byType('DISCONNECT')[0])).toEqual(expected('disconnect'));
    expect(Object.keys((byType('DISCONNECT')[0] as { headers: object }).headers)).toEqual(
      Object.keys(capturedEvent('disconnect').headers),
    );
    expect(byType('DISCONNECT')[0]).toMatchObject({
      headers: { Host: `127.0.0.1:${gateway.port}`, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
    });
  });

  it('omits identity.userAgent when the client sends no User-Agent', async () => {
    const client = await connect(gateway.url);
    client.socket.close();
    await eventually(() => byType('DISCONNECT').length === 1, 'the disconnect event');

    expect(events.map((e) => e.requestContext.identity)).toEqual([{ sourceIp: '127.0.0.1' }, { sourceIp: '127.0.0.1' }]);
  });

  it('passes handshake headers in their original casing plus X-Amzn-Trace-Id and X-Forwarded-*', async () => {
    const client = await connect(gateway.url, undefined, { headers: { 'X-Custom-Header': 'a', 'x-lower-case': 'b' } });
    client.socket.close();
    await eventually(() => byType('DISCONNECT').length === 1, 'the disconnect event');

    const connectEvent = byType('CONNECT')[0] as { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> };
    expect(connectEvent.headers).toMatchObject({
      Host: `127.0.0.1:${gateway.port}`,
      'X-Custom-Header': 'a',
      'x-lower-case': 'b',
      'Sec-WebSocket-Version': '13',
      'X-Forwarded-For': '127.0.0.1',
      'X-Forwarded-Port': String(gateway.port),
      'X-Forwarded-Proto': 'http',
    });
    expect(connectEvent.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(connectEvent.multiValueHeaders['X-Custom-Header']).toEqual(['a']);
  });

  it('adds query parameters only when the URL has a query, with every value in multiValue', async () => {
    const withQuery = await connect(`${gateway.url}?token=abc&room=a&room=b`);
    const withoutQuery = await connect(gateway.url);
    withQuery.socket.close();
    withoutQuery.socket.close();
    await eventually(() => byType('DISCONNECT').length === 2, 'both disconnect events');

    const [first, second] = byType('CONNECT') as unknown as Array<Record<string, unknown>>;
    const queried = [first, second].find((e) => e && 'queryStringParameters' in e);
    const plain = [first, second].find((e) => e && !('queryStringParameters' in e));
    expect(queried?.queryStringParameters).toEqual({ token: 'abc', room: 'b' });
    expect(queried?.multiValueQueryStringParameters).toEqual({ token: ['abc'], room: ['a', 'b'] });
    expect(plain).toBeDefined();
    expect(plain).not.toHaveProperty('multiValueQueryStringParameters');
  });

  it('keeps connectedAt identical on every event and stamps each with a CLF requestTime and AWS-like ids', async () => {
    const client = await connect(gateway.url);
    client.socket.send('{"action":"chat"}');
    client.socket.send('{"action":"chat"}');
    await eventually(() => byType('MESSAGE').length === 2, 'two message events');
    client.socket.close();
    await eventually(() => byType('DISCONNECT').length === 1, 'the disconnect event');

    const contexts = events.map((e) => e.requestContext);
    expect(new Set(contexts.map((c) => c.connectedAt)).size).toBe(1);
    expect(new Set(contexts.map((c) => c.connectionId)).size).toBe(1);
    expect(new Set(contexts.map((c) => c.requestId)).size).toBe(4);
    for (const context of contexts) {
      expect(context.requestTime).toBe(formatClfTime(context.requestTimeEpoch));
      expect(context.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
      expect(context.connectionId).toMatch(AWS_ID);
      expect(context.requestId).toMatch(AWS_ID);
      expect(context.extendedRequestId).toBe(context.requestId);
      expect(context.domainName).toBe(`127.0.0.1:${gateway.port}`);
      expect(context.apiId).toBe(gateway.apiId);
      expect(context.stage).toBe('prod');
      expect(context.messageDirection).toBe('IN');
    }
    expect(contexts.map((c) => ('messageId' in c ? c.messageId : undefined)).filter(Boolean)).toEqual([
      expect.stringMatching(AWS_ID),
      expect.stringMatching(AWS_ID),
    ]);
  });

  it('keeps the same apiId for every connection of one gateway', async () => {
    const a = await connect(gateway.url);
    const b = await connect(gateway.url);
    a.socket.close();
    b.socket.close();
    await eventually(() => byType('DISCONNECT').length === 2, 'both disconnect events');

    expect(new Set(events.map((e) => e.requestContext.apiId))).toEqual(new Set([gateway.apiId]));
    expect(gateway.apiId).toMatch(/^[a-z0-9]{10}$/);
  });

  it.each([
    ['a close frame with a code and reason', (s: import('ws').WebSocket) => s.close(4000, 'bye'), 4000, 'bye'],
    ['a close frame without a code', (s: import('ws').WebSocket) => s.close(), 1005, 'Client-side close frame status not set'],
    ['an abrupt drop', (s: import('ws').WebSocket) => s.terminate(), 1006, ''],
  ])('reports the disconnect code and reason of %s', async (_what, closeIt, code, reason) => {
    const client = await connect(gateway.url);
    closeIt(client.socket);
    await eventually(() => byType('DISCONNECT').length === 1, 'the disconnect event');

    expect(byType('DISCONNECT')[0]?.requestContext).toMatchObject({ disconnectStatusCode: code, disconnectReason: reason });
  });
});
