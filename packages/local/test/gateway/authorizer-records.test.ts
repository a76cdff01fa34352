import { WsApp, type WebsocketAuthorizerHandler } from '@wsapp/framework';
import { EmulatedGateway, type GatewayEventRecord } from '@wsapp/local';
import { manualClock, sequentialIds } from '@wsapp/local/testing';

function gatewayFor(app: WsApp): { gateway: EmulatedGateway; records: GatewayEventRecord[]; clock: ReturnType<typeof manualClock> } {
  const records: GatewayEventRecord[] = [];
  const clock = manualClock();
  const gateway = new EmulatedGateway(app, {
    domainName: 'test.local', managementEndpoint: 'http://test.local/api', clock, ids: sequentialIds(),
    onEvent: (record) => records.push(record), log: () => undefined,
  });
  return { gateway, records, clock };
}

const handshake = (url: string) => ({ rawHeaders: ['Host', 'test.local'], url, serverPort: 443, sourceIp: '127.0.0.1' });

describe('the records of the $connect authorizer', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  const app = (authorize: WebsocketAuthorizerHandler): WsApp => {
    const built = new WsApp({ name: 'records' });
    built.log.setSink(() => undefined);
    built.authorizer(authorize, { identitySources: ['route.request.querystring.token'] });
    built.onWsConnect(() => undefined);
    return built;
  };

  it('reports the authorizer before $connect, with its verdict and duration, under the request id $connect shares', async () => {
    const { gateway, records } = gatewayFor(app(() => ({ principalId: 'user-1' })));

    expect((await gateway.connect(handshake('/api?token=abc'))).accepted).toBe(true);

    expect(records).toEqual([
      {
        eventType: 'AUTHORIZER', routeKey: '$connect', connectionId: 'AAAAAAAAAAAAAAE=', requestId: 'AAAAAAAAAAAAAAI=',
        durationMs: expect.any(Number), outcome: 'ok', handled: true, verdict: 'allow', detail: 'allow user-1',
      },
      expect.objectContaining({ eventType: 'CONNECT', connectionId: 'AAAAAAAAAAAAAAE=', requestId: 'AAAAAAAAAAAAAAI=', outcome: 'ok', statusCode: 200 }),
    ]);
  });

  it('reports a missing identity source as a 401 the authorizer was not invoked for, and nothing for $connect', async () => {
    const { gateway, records } = gatewayFor(app(() => ({ principalId: 'user-1' })));

    expect(await gateway.connect(handshake('/api'))).toMatchObject({ accepted: false, status: 401 });

    expect(records).toEqual([
      expect.objectContaining({
        eventType: 'AUTHORIZER', outcome: 'refused', handled: false, statusCode: 401, verdict: 'missing-identity',
        detail: 'missing identity source route.request.querystring.token',
      }),
    ]);
  });

  const denies: WebsocketAuthorizerHandler = () => null;
  const throws: WebsocketAuthorizerHandler = () => {
    throw new Error('db down');
  };
  it.each([
    ['a deny', denies, { outcome: 'refused', statusCode: 403, verdict: 'deny', detail: 'explicit deny' }],
    ['a throw', throws, { outcome: 'error', statusCode: 500, verdict: 'error', detail: 'the authorizer threw Error: db down' }],
  ] as const)('reports %s with the handshake status it gets', async (_what, authorize, expected) => {
    const { gateway, records } = gatewayFor(app(authorize));

    await gateway.connect(handshake('/api?token=abc'));

    expect(records).toEqual([expect.objectContaining({ eventType: 'AUTHORIZER', handled: true, ...expected })]);
  });

  it('reports a timeout after the limit on the clock, which the limits can lower', async () => {
    const records: GatewayEventRecord[] = [];
    const clock = manualClock();
    const gateway = new EmulatedGateway(app(() => new Promise<never>(() => undefined)), {
      domainName: 'test.local', managementEndpoint: 'http://test.local/api', clock, limits: { authorizerTimeoutMs: 2_000 },
      onEvent: (record) => records.push(record), log: () => undefined,
    });

    const attempt = gateway.connect(handshake('/api?token=abc'));
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(2_000);

    expect(await attempt).toMatchObject({ accepted: false, status: 500, body: '{"message":null}', failedHandler: 'authorizer' });
    expect(records).toEqual([
      expect.objectContaining({ eventType: 'AUTHORIZER', outcome: 'timeout', statusCode: 500, verdict: 'timeout', detail: 'the authorizer did not answer within 2000 ms' }),
    ]);
  });
});
