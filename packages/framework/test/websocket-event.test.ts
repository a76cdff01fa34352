import { BadRequestError, WebsocketEvent } from '../src';
import { capturedEvent } from '@wsapp/local/testing';

describe('WebsocketEvent on the captured $connect event', () => {
  const event = new WebsocketEvent(capturedEvent('connect'));

  it('exposes the request context fields by name', () => {
    expect(event.connectionId).toBe('BFHPhfCWIAMCKlQ=');
    expect(event.routeKey).toBe('$connect');
    expect(event.eventType).toBe('CONNECT');
    expect(event.domainName).toBe('asasasas.execute-api.us-east-1.amazonaws.com');
    expect(event.stage).toBe('prod');
    expect(event.apiId).toBe('asasasas');
    expect(event.requestId).toBe('BFHPhFe3IAMF95g=');
    expect(event.identity).toEqual({ sourceIp: '166.90.225.1' });
    expect(event.authorizer).toBeUndefined();
  });

  it('turns connectedAt and requestTime into Dates', () => {
    expect(event.connectedAt).toEqual(new Date(1731324924553));
    expect(event.requestTime.toISOString()).toBe('2024-11-11T11:35:24.561Z');
  });

  it('looks headers up case-insensitively and iterates them in the original casing', () => {
    expect(event.headers.get('sec-websocket-key')).toBe('+W5xw47OHh3OTFsWKjGu9Q==');
    expect(event.headers.get('SEC-WEBSOCKET-VERSION')).toBe('13');
    expect(event.headers.has('x-amzn-trace-id')).toBe(true);
    expect(event.headers.get('authorization')).toBeUndefined();
    expect([...event.headers].map(([name]) => name)).toContain('X-Forwarded-Proto');
    expect(event.headers.toJSON()).toEqual(capturedEvent('connect').headers);
  });

  it('gives an empty body and an empty query when the event has none', () => {
    expect(event.body).toBe('');
    expect(event.query).toEqual({});
    expect(event.disconnectStatusCode).toBeUndefined();
  });

  it('reads query parameters when the URL had a query', () => {
    const raw = capturedEvent('connect');
    raw.queryStringParameters = { token: 'abc', room: 'b' };
    raw.multiValueQueryStringParameters = { token: ['abc'], room: ['a', 'b'] };
    const withQuery = new WebsocketEvent(raw);
    expect(withQuery.query.token).toBe('abc');
    expect(withQuery.multiValueQuery.room).toEqual(['a', 'b']);
  });

  it('returns every value of a repeated header with getAll', () => {
    const raw = capturedEvent('connect');
    raw.multiValueHeaders['Sec-WebSocket-Protocol'] = ['chat.v2', 'chat.v1'];
    raw.headers['Sec-WebSocket-Protocol'] = 'chat.v1';
    expect(new WebsocketEvent(raw).headers.getAll('sec-websocket-protocol')).toEqual(['chat.v2', 'chat.v1']);
  });

  it('keeps the raw event and the Lambda context', () => {
    const raw = capturedEvent('connect');
    expect(new WebsocketEvent(raw).raw).toBe(raw);
  });
});

describe('WebsocketEvent on the captured message event', () => {
  it('parses the JSON body once and caches it', () => {
    const event = new WebsocketEvent(capturedEvent('message'));
    expect(event.body).toBe('{"action": "chat", "message": "Hello from client"}');
    expect(event.jsonBody).toEqual({ action: 'chat', message: 'Hello from client' });
    expect(event.jsonBody).toBe(event.jsonBody);
  });

  it('throws a BadRequestError saying the body is not valid JSON', () => {
    const event = new WebsocketEvent(capturedEvent('message', { body: 'hello {', requestContext: { routeKey: '$default' } }));
    expect(() => event.jsonBody).toThrow(BadRequestError);
    expect(() => event.jsonBody).toThrow(/body is not valid JSON \(connection BFaT_fALIAMCKug=\)/);
  });

  it('never turns a missing body into the text "undefined"', () => {
    const raw = capturedEvent('message') as unknown as Record<string, unknown>;
    delete raw.body;
    expect(new WebsocketEvent(raw as never).body).toBe('');
  });

  it('decodes base64-encoded bodies into text and bytes', () => {
    const raw = capturedEvent('message', { body: Buffer.from([0xe2, 0x82, 0xac, 0x00, 0xff]).toString('base64'), requestContext: { routeKey: '$default' } });
    raw.isBase64Encoded = true;
    const event = new WebsocketEvent(raw);
    expect(event.isBase64Encoded).toBe(true);
    expect([...event.bodyBytes]).toEqual([0xe2, 0x82, 0xac, 0x00, 0xff]);
    expect(event.body.startsWith('€')).toBe(true);
  });

  it('has no headers on a message event', () => {
    expect(new WebsocketEvent(capturedEvent('message')).headers.size).toBe(0);
  });
});

describe('WebsocketEvent on the captured $disconnect event', () => {
  it('exposes the close code and reason', () => {
    const event = new WebsocketEvent(capturedEvent('disconnect'));
    expect(event.eventType).toBe('DISCONNECT');
    expect(event.disconnectStatusCode).toBe(1005);
    expect(event.disconnectReason).toBe('Client-side close frame status not set');
    expect(event.headers.get('x-restapi')).toBe('');
  });

  it('passes the authorizer context through when the API has one', () => {
    const raw = capturedEvent('disconnect');
    raw.requestContext.authorizer = { principalId: 'user-1', integrationLatency: 12, tenant: 'acme' };
    expect(new WebsocketEvent(raw).authorizer).toEqual({ principalId: 'user-1', integrationLatency: 12, tenant: 'acme' });
  });
});
