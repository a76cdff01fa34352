// The events of an app with a $connect authorizer, checked key by key against events AWS really
// delivered (src/testing/events/README.md says where each comes from).
import { WsApp, type WebsocketAuthorizerRequest, type WebsocketLambdaEvent } from '@wsapp/framework';
import { capturedEvent, createTestClient } from '@wsapp/local/testing';

/** The key paths of an event, without the contents of header and query maps (their names vary per request). */
function shape(event: unknown, prefix = ''): string[] {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return [];
  return Object.entries(event).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (/^(multiValue)?[hH]eaders$|QueryStringParameters$|queryStringParameters$/.test(key)) return [path];
    return [path, ...shape(value, path)];
  }).sort();
}

/** The type of every leaf under `requestContext.authorizer`. */
function authorizerTypes(event: { requestContext: { authorizer?: object } }): Record<string, string> {
  return Object.fromEntries(Object.entries(event.requestContext.authorizer ?? {}).map(([key, value]) => [key, typeof value]));
}

describe('the events of an app with a $connect authorizer', () => {
  // Prepare: one connection through the whole life cycle, every event kept.
  const requests: WebsocketAuthorizerRequest[] = [];
  const events: WebsocketLambdaEvent[] = [];
  const byType = (type: string): WebsocketLambdaEvent => events.find((event) => event.requestContext.eventType === type) as WebsocketLambdaEvent;

  beforeAll(async () => {
    const app = new WsApp({ name: 'authorized-events' });
    app.authorizer((request) => {
      requests.push(request);
      return { principalId: '28aeed70-50ce-4ce9-85b8-40293dfd9b64', context: { tenant_id: 'ce2f5357-aa43-4b55-a835-b69f980d0ebf' } };
    }, { identitySources: ['route.request.querystring.Authorization'] });
    const record = (event: { raw: WebsocketLambdaEvent }): void => void events.push(event.raw);
    app.onWsConnect(record);
    app.onWsMessage(record);
    app.onWsDisconnect(record);
    const client = createTestClient(app, { deterministic: true, stage: 'dev' });
    const connection = await client.connect({ query: { Authorization: 'eyJhbGciOiJSUzI1NiIsInR5cCI6I', AuthId: 'ce2f5357' } });
    await connection.send('{"action":"hello"}');
    await connection.close(1000);
  });

  it('gives the authorizer a REQUEST event with exactly the keys of the one AWS sends, in its order', () => {
    const captured = capturedEvent('authorizerRequest');

    expect(shape(requests[0])).toEqual(shape(captured));
    expect(Object.keys(requests[0] as object)).toEqual(Object.keys(captured));
    expect(Object.keys((requests[0] as WebsocketAuthorizerRequest).requestContext)).toEqual(Object.keys(captured.requestContext));
  });

  it('builds the $connect event with exactly the keys AWS sends after an authorizer, authorizer right after routeKey', () => {
    const captured = capturedEvent('authorizedConnect');
    const connect = byType('CONNECT');

    expect(shape(connect)).toEqual(shape(captured));
    expect(Object.keys(connect.requestContext)).toEqual(Object.keys(captured.requestContext));
    expect(authorizerTypes(connect)).toEqual(authorizerTypes(captured));
    expect(Number.isInteger(connect.requestContext.authorizer?.integrationLatency)).toBe(true);
  });

  it('carries the same authorizer on the message and $disconnect events, right after routeKey', () => {
    const authorizerPaths = shape(capturedEvent('authorizedConnect')).filter((path) => path.startsWith('requestContext.authorizer'));
    const connectAuthorizer = byType('CONNECT').requestContext.authorizer;

    for (const [type, kind] of [['MESSAGE', 'message'], ['DISCONNECT', 'disconnect']] as const) {
      const event = byType(type);
      expect(shape(event)).toEqual([...shape(capturedEvent(kind)), ...authorizerPaths].sort());
      expect(Object.keys(event.requestContext).slice(0, 2)).toEqual(['routeKey', 'authorizer']);
      expect(event.requestContext.authorizer).toEqual(connectAuthorizer);
    }
  });

  it('gives the authorizer request and the $connect event one request: the same ids, time and trace header', () => {
    const request = requests[0] as WebsocketAuthorizerRequest;
    const connect = byType('CONNECT') as WebsocketLambdaEvent & { headers: Record<string, string> };
    const { authorizer: _authorizer, ...connectContext } = connect.requestContext;

    expect(request.requestContext).toEqual(connectContext);
    expect(request.headers).toEqual(connect.headers);
  });
});
