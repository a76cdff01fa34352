import { buildAuthorizerRequest } from '@wsapp/local';
import { readAuthorizerResponse } from '../../src/gateway/authorizer-policy';
import { missingIdentitySource } from '../../src/gateway/identity-sources';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:k2v9xq0a7d/api/$connect';

function response(statements: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { principalId: 'user-1', policyDocument: { Version: '2012-10-17', Statement: statements }, ...extra };
}

describe('readAuthorizerResponse', () => {
  it('allows when an Allow statement covers execute-api:Invoke on the $connect ARN, and stringifies the context', () => {
    const reading = readAuthorizerResponse(
      response([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: ARN }], { context: { tenant: 'acme', admin: true, level: 3, ratio: 0.5 } }),
      ARN,
    );

    expect(reading).toEqual({ kind: 'allow', principalId: 'user-1', context: { tenant: 'acme', admin: 'true', level: '3', ratio: '0.5' } });
  });

  it.each([
    ['a resource wildcard', response([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:*:*:k2v9xq0a7d/*' }])],
    ['an action wildcard', response([{ Action: 'execute-api:*', Effect: 'Allow', Resource: ARN }])],
    ['lists of actions and resources', response([{ Action: ['execute-api:ManageConnections', 'execute-api:Invoke'], Effect: 'Allow', Resource: ['other', ARN] }])],
    ['a single statement object instead of a list', response({ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: ARN })],
  ])('allows with %s', (_what, body) => {
    expect(readAuthorizerResponse(body, ARN)).toMatchObject({ kind: 'allow' });
  });

  it('denies explicitly when a Deny statement covers the ARN, even beside an Allow', () => {
    const reading = readAuthorizerResponse(
      response([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }, { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: ARN }]),
      ARN,
    );

    expect(reading).toEqual({ kind: 'deny', explicit: true });
  });

  it('denies implicitly when no statement covers the ARN', () => {
    const reading = readAuthorizerResponse(response([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: ARN.replace('/api/', '/prod/') }]), ARN);

    expect(reading).toEqual({ kind: 'deny', explicit: false });
  });

  it.each([
    ['no object at all', 'allow', /the response is "allow", not an object/],
    ['no principalId', { policyDocument: { Statement: [] } }, /principalId is missing, not a string/],
    ['no policy document', { principalId: 'u' }, /policyDocument is missing, not an object/],
    ['a statement without Effect', response([{ Action: 'execute-api:Invoke', Resource: ARN }]), /Statement\[0\]\.Effect is missing/],
    ['a statement without Resource', response([{ Action: 'execute-api:Invoke', Effect: 'Allow' }]), /Statement\[0\]\.Resource is not a string/],
    ['a context value that is an object', response([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: ARN }], { context: { roles: ['a'] } }), /context\.roles is \["a"\]/],
  ])('calls a response with %s malformed, saying why', (_what, body, problem) => {
    const reading = readAuthorizerResponse(body, ARN);

    expect(reading).toEqual({ kind: 'malformed', problem: expect.stringMatching(problem) });
  });
});

describe('missingIdentitySource', () => {
  const request = (rawHeaders: string[], url: string) =>
    buildAuthorizerRequest(
      { connectionId: 'AAAAAAAAAAAAAAE=', connectedAt: 0, identity: { sourceIp: '127.0.0.1' }, apiId: 'k2v9xq0a7d', stage: 'api', domainName: 'test.local' },
      { rawHeaders, url, serverPort: 443, traceId: 'Root=1-00000000-000000000000000000000000' },
      { now: 0, requestId: 'AAAAAAAAAAAAAAI=' },
    );

  it('finds a header whatever its casing, and a query parameter by its exact name', () => {
    const sources = ['route.request.header.Authorization', 'route.request.querystring.token'];

    expect(missingIdentitySource(sources, request(['AUTHORIZATION', 'Bearer x'], '/api?token=abc'))).toBeUndefined();
    expect(missingIdentitySource(sources, request(['Authorization', 'Bearer x'], '/api?Token=abc'))).toBe('route.request.querystring.token');
  });

  it('treats an empty header or parameter as missing', () => {
    expect(missingIdentitySource(['route.request.header.Authorization'], request(['Authorization', ''], '/api'))).toBe('route.request.header.Authorization');
    expect(missingIdentitySource(['route.request.querystring.token'], request([], '/api?token='))).toBe('route.request.querystring.token');
  });
});
