// The $connect authorizer through both front ends (the socket server and the in-memory test
// client in its `frame` mode), expecting the same outcome: API Gateway's handshake answers for
// each way an authorizer can refuse, and `requestContext.authorizer` on every event it allows.
import {
  UnauthorizedError,
  WsApp,
  type WebsocketAuthorizer,
  type WebsocketAuthorizerHandler,
  type WebsocketAuthorizerRequest,
} from '@wsapp/framework';
import { accepted, FRONT_ENDS, refused, type FrontEnd } from './front-ends';

const UNAUTHORIZED = { status: 401, body: '{"message":"Unauthorized"}' };
const EXPLICIT_DENY = { status: 403, body: '{"Message":"User is not authorized to access this resource with an explicit deny"}' };
const IMPLICIT_DENY = { status: 403, body: '{"Message":"User is not authorized to access this resource"}' };
const AUTHORIZER_FAILURE = { status: 500, body: '{"message":null}' };

/** An app whose authorizer records every request it gets, with app.log lines kept out of the test output. */
function authorizedApp(
  name: string,
  authorize: WebsocketAuthorizerHandler,
  identitySources?: string[],
): { app: WsApp; requests: WebsocketAuthorizerRequest[]; logged: string[] } {
  const app = new WsApp({ name });
  const requests: WebsocketAuthorizerRequest[] = [];
  const logged: string[] = [];
  app.log.setSink((_record, line) => logged.push(line));
  app.authorizer((request) => {
    requests.push(request);
    return authorize(request);
  }, identitySources ? { identitySources } : {});
  return { app, requests, logged };
}

describe.each(FRONT_ENDS)('the $connect authorizer through the $name front end', (kind) => {
  let frontEnd: FrontEnd | undefined;
  let errors: jest.SpyInstance;
  const start = async (app: WsApp): Promise<FrontEnd> => {
    frontEnd = await kind.start(app);
    return frontEnd;
  };
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    await frontEnd?.stop();
    frontEnd = undefined;
    errors.mockRestore();
  });

  describe('refusals', () => {
    it('refuses with 401 without invoking the authorizer when the identity source header is missing', async () => {
      const { app, requests } = authorizedApp('no-header', () => ({ principalId: 'user-1' }));
      const gateway = await start(app);

      const refusal = refused(await gateway.connect());

      expect(refusal).toMatchObject(UNAUTHORIZED);
      expect(refusal.headers['content-type']).toBe('application/json');
      expect(requests).toEqual([]);
    });

    it('refuses with 401 without invoking the authorizer when an identity source query parameter is empty', async () => {
      const { app, requests } = authorizedApp('empty-query', () => ({ principalId: 'user-1' }), [
        'route.request.header.Authorization',
        'route.request.querystring.token',
      ]);
      const gateway = await start(app);

      const refusal = refused(await gateway.connect({ headers: { Authorization: 'Bearer abc' }, query: { token: '' } }));

      expect(refusal).toMatchObject(UNAUTHORIZED);
      expect(requests).toEqual([]);
    });

    it('refuses with 403 (explicit deny) when the authorizer returns null', async () => {
      const { app } = authorizedApp('deny', () => null);
      app.onWsConnect(() => {
        throw new Error('$connect must not run after a deny');
      });
      const gateway = await start(app);

      expect(refused(await gateway.connect({ headers: { Authorization: 'wrong' } }))).toMatchObject(EXPLICIT_DENY);
    });

    it('refuses with 403 (implicit deny) when no Allow statement of the policy covers $connect', async () => {
      const { app } = authorizedApp('other-resource', (request) => ({
        principalId: 'user-1',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: request.methodArn.replace('$connect', '$default') }],
        },
      }));
      const gateway = await start(app);

      expect(refused(await gateway.connect({ headers: { Authorization: 'abc' } }))).toMatchObject(IMPLICIT_DENY);
    });

    it('refuses with 401 when the authorizer throws UnauthorizedError', async () => {
      const { app } = authorizedApp('unauthorized', () => {
        throw new UnauthorizedError('token expired');
      });
      const gateway = await start(app);

      expect(refused(await gateway.connect({ headers: { Authorization: 'expired' } }))).toMatchObject(UNAUTHORIZED);
    });

    it('refuses with 500 and logs why when the authorizer throws', async () => {
      const { app, logged } = authorizedApp('throws', () => {
        throw new Error('token service down');
      });
      const gateway = await start(app);

      expect(refused(await gateway.connect({ headers: { Authorization: 'abc' } }))).toMatchObject(AUTHORIZER_FAILURE);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('with 500: the authorizer threw Error: token service down'));
      expect(logged).toEqual([expect.stringContaining('"message":"Websocket authorizer failed"')]);
    });

    it('refuses with 500 when the authorizer returns a context value that is an object', async () => {
      const { app } = authorizedApp('malformed', () => ({ principalId: 'user-1', context: { roles: ['admin'] } }) as never);
      const gateway = await start(app);

      expect(refused(await gateway.connect({ headers: { Authorization: 'abc' } }))).toMatchObject(AUTHORIZER_FAILURE);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('context values must be strings, numbers or booleans'));
    });

    it('refuses with 500 when the authorizer runs past its 10 s timeout on the clock', async () => {
      const { app } = authorizedApp('slow', () => new Promise<never>(() => undefined));
      const gateway = await start(app);

      const attempt = gateway.connect({ headers: { Authorization: 'abc' } });
      let answered = false;
      void attempt.then(() => (answered = true));
      await gateway.settle();
      await gateway.clock.advance(9_999);
      await gateway.settle();
      expect(answered).toBe(false);
      await gateway.clock.advance(1);

      expect(refused(await attempt)).toMatchObject(AUTHORIZER_FAILURE);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('Websocket authorizer timed out after 10000 ms'));
    });
  });

  describe('allowed connections', () => {
    it('accepts the connection when the authorizer allows and the app has no $connect handler', async () => {
      const { app } = authorizedApp('no-connect', () => ({ principalId: 'user-1' }));
      app.onWsMessage((event) => app.websocketApi.send(event.connectionId, String(event.authorizer?.principalId)));
      const connection = accepted(await (await start(app)).connect({ headers: { Authorization: 'abc' } }));

      connection.send('who am I?');

      expect(await connection.frames(1)).toEqual(['user-1']);
    });

    it('gives the authorizer the handshake as a REQUEST event for the $connect method', async () => {
      const { app, requests } = authorizedApp('request', () => ({ principalId: 'user-1' }), ['route.request.header.X-Token']);
      const gateway = await start(app);

      accepted(await gateway.connect({ headers: { 'x-token': 'abc' }, query: { room: 'lobby' } }));

      expect(requests).toHaveLength(1);
      const request = requests[0] as WebsocketAuthorizerRequest;
      expect(request).toMatchObject({
        type: 'REQUEST',
        headers: { 'x-token': 'abc' },
        queryStringParameters: { room: 'lobby' },
        multiValueQueryStringParameters: { room: ['lobby'] },
        stageVariables: {},
        requestContext: { routeKey: '$connect', eventType: 'CONNECT' },
      });
      const { apiId, stage } = request.requestContext;
      expect(request.methodArn).toBe(`arn:aws:execute-api:us-east-1:123456789012:${apiId}/${stage}/$connect`);
    });

    it('puts principalId, integrationLatency and the stringified context on the $connect, message and $disconnect events', async () => {
      const { app } = authorizedApp('context', () => ({ principalId: 'user-1', context: { tenant: 'acme', admin: false, level: 3 } }));
      const seen: Array<[string, WebsocketAuthorizer | undefined]> = [];
      app.onWsConnect((event) => void seen.push([event.routeKey, event.authorizer]));
      app.onWsMessage((event) => void seen.push([event.routeKey, event.authorizer]));
      app.onWsDisconnect((event) => void seen.push([event.routeKey, event.authorizer]));
      const gateway = await start(app);
      const connection = accepted(await gateway.connect({ headers: { Authorization: 'abc' } }));

      connection.send('hello');
      await gateway.settle();
      connection.close(1000);
      await connection.closed();
      await gateway.settle();

      const expected = { tenant: 'acme', admin: 'false', level: '3', principalId: 'user-1', integrationLatency: expect.any(Number) };
      expect(seen).toEqual([['$connect', expected], ['$default', expected], ['$disconnect', expected]]);
      expect(seen.every(([, authorizer]) => Number.isInteger(authorizer?.integrationLatency))).toBe(true);
    });
  });
});
