import { UnauthorizedError, WsApp, type WebsocketAuthorizerRequest, type WebsocketConnectLambdaEvent } from '../src';
import { capturedEvent } from '@wsapp/local/testing';

const METHOD_ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/api/$connect';

function authorizerRequest(headers: Record<string, string> = { Authorization: 'Bearer good' }): WebsocketAuthorizerRequest {
  const connect = capturedEvent('connect') as WebsocketConnectLambdaEvent;
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: {},
    multiValueQueryStringParameters: {},
    stageVariables: {},
    requestContext: connect.requestContext,
  };
}

function quietApp(): { app: WsApp; lines: string[] } {
  const app = new WsApp({ name: 'auth' });
  const lines: string[] = [];
  app.log.setSink((_record, line) => lines.push(line));
  return { app, lines };
}

describe('app.authorizer in Lambda', () => {
  it('answers an allow with an Allow policy on the method ARN, keeping principalId and context', async () => {
    const { app } = quietApp();
    app.authorizer((request) => (request.headers.Authorization === 'Bearer good' ? { principalId: 'user-1', context: { tenant: 'acme', admin: false, level: 3 } } : null));

    await expect(app.handler(authorizerRequest())).resolves.toEqual({
      principalId: 'user-1',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }] },
      context: { tenant: 'acme', admin: false, level: 3 },
    });
  });

  it('answers null or false with a Deny policy, which API Gateway turns into 403', async () => {
    const { app } = quietApp();
    app.authorizer((request) => (request.headers.Authorization === 'Bearer null' ? null : false));

    for (const token of ['Bearer null', 'Bearer false']) {
      const response = await app.handler(authorizerRequest({ Authorization: token }));
      expect(response.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: METHOD_ARN }]);
    }
  });

  it('throws exactly "Unauthorized" for an UnauthorizedError, the message API Gateway answers 401 for', async () => {
    const { app, lines } = quietApp();
    app.authorizer(() => {
      throw new UnauthorizedError('token expired');
    });

    await expect(app.handler(authorizerRequest())).rejects.toThrow(/^Unauthorized$/);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'INFO', reason: 'token expired', routeKey: '$connect' });
  });

  it('lets any other error through (a 500) and logs it', async () => {
    const { app, lines } = quietApp();
    app.authorizer(() => {
      throw new Error('JWKS unreachable');
    });

    await expect(app.handler(authorizerRequest())).rejects.toThrow('JWKS unreachable');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'ERROR', message: 'Websocket authorizer failed', error: { message: 'JWKS unreachable' } });
  });

  it.each([
    ['a context value that is an object', { principalId: 'u', context: { user: { id: 1 } } }, /context values must be strings, numbers or booleans.*context\.user is \{"id":1\}/],
    ['no principalId', { context: {} }, /needs a non-empty string principalId, got undefined/],
    ['a string', 'yes', /must return \{ principalId, context\? \}, null or false; it returned "yes"/],
    ['nothing', undefined, /it returned undefined/],
  ])('refuses a malformed result (%s) with an error that says what is wrong', async (_what, result, message) => {
    const { app } = quietApp();
    app.authorizer(() => result as never);

    await expect(app.handler(authorizerRequest())).rejects.toThrow(message);
  });

  it('passes an advanced result with its own policy document through unchanged', async () => {
    const { app } = quietApp();
    const policyDocument = { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow' as const, Resource: 'arn:aws:execute-api:*:*:*/api/*' }] };
    app.authorizer(() => ({ principalId: 'svc', policyDocument }));

    await expect(app.handler(authorizerRequest())).resolves.toEqual({ principalId: 'svc', policyDocument });
  });

  it('keeps its identity sources, defaulting to the Authorization header, and refuses ones API Gateway would not take', () => {
    const first = new WsApp({ name: 'a' });
    first.authorizer(() => null);
    const second = new WsApp({ name: 'b' });
    second.authorizer(() => null, { identitySources: ['route.request.querystring.token', 'route.request.header.X-Tenant'] });

    expect(first.authorizerConfig).toEqual({ identitySources: ['route.request.header.Authorization'] });
    expect(second.authorizerConfig).toEqual({ identitySources: ['route.request.querystring.token', 'route.request.header.X-Tenant'] });
    expect(() => new WsApp({ name: 'c' }).authorizer(() => null, { identitySources: ['method.request.header.Authorization'] })).toThrow(
      'app.authorizer: identity source "method.request.header.Authorization" is not one API Gateway takes for a WebSocket REQUEST authorizer; use route.request.header.NAME or route.request.querystring.NAME',
    );
    expect(() => first.authorizer(() => null)).toThrow('Duplicate authorizer: app.authorizer is already registered');
  });

  it('runs a decorated authorizer method on its instance', async () => {
    const { app } = quietApp();
    class Auth {
      readonly tenant = 'acme';

      @app.authorizer({ identitySources: ['route.request.header.Authorization'] })
      check(request: WebsocketAuthorizerRequest) {
        return { principalId: request.headers.Authorization ?? '', context: { tenant: this.tenant } };
      }
    }
    new Auth();

    await expect(app.handler(authorizerRequest())).resolves.toMatchObject({ principalId: 'Bearer good', context: { tenant: 'acme' } });
  });

  it('says so when an authorizer request reaches an app without an authorizer', async () => {
    const { app } = quietApp();

    await expect(app.handler(authorizerRequest())).rejects.toThrow('App auth got an authorizer request but registers no authorizer (app.authorizer)');
  });
});
