// The authorizer sections of docs/topics/testing.md and local-gateway.md: what the test client and
// a real `wsapp local` do with each answer of docs/test/fixtures/authorizer-app (allow, deny,
// Unauthorized, no token, an error, a timeout), the handshake bodies the pages list, and the
// `wsapp local` output the local gateway page shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogRecord } from '@wsapp/framework';
import { capturedEvent, createTestClient, manualClock } from '@wsapp/local/testing';
import { cleanup, startLocal, type LocalProcess } from '../../packages/cli/test/helpers/local-process';
import { app } from './fixtures/authorizer-app/app';
import { Client, outputBlocks, outputMismatch, root } from './local-runs';

const BODIES = {
  401: '{"message":"Unauthorized"}',
  403: '{"Message":"User is not authorized to access this resource with an explicit deny"}',
  500: '{"message":null}',
};

describe('the authorizer in the test client', () => {
  let records: LogRecord[];
  let gatewayLog: jest.SpyInstance;
  beforeEach(() => {
    records = [];
    app.log.setSink((record) => records.push(record));
    gatewayLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    app.log.setSink();
    gatewayLog.mockRestore();
  });

  // #region test-client
  it('passes the principal and the context, as strings, to every event of the connection', async () => {
    const client = createTestClient(app);
    const conn = await client.connect({ query: { token: 'alice' } });

    await conn.send('who am I?');

    expect(JSON.parse(conn.received[0] ?? '')).toEqual({ plan: 'pro', seats: '5', principalId: 'alice', integrationLatency: expect.any(Number) });
    await client.dispose();
  });

  it('refuses as API Gateway does: 403 for a deny, 401 for Unauthorized or a missing token', async () => {
    const client = createTestClient(app);

    await expect(client.connect({ query: { token: 'bob' } })).rejects.toMatchObject({
      statusCode: 403,
      response: { body: '{"Message":"User is not authorized to access this resource with an explicit deny"}' },
    });
    await expect(client.connect({ query: { token: 'mallory' } })).rejects.toMatchObject({ statusCode: 401 });
    await expect(client.connect()).rejects.toMatchObject({ statusCode: 401, response: { body: '{"message":"Unauthorized"}' } });

    // The authorizer ran for bob and mallory only: no token, no invocation.
    expect(records.filter((record) => record.message === 'checking token').map((record) => record.token)).toEqual(['bob', 'mallory']);
    await client.dispose();
  });

  it('rejects with the authorizer error by default, and refuses with 500 in frame mode', async () => {
    await expect(createTestClient(app).connect({ query: { token: 'broken' } })).rejects.toThrow('the user table is unreachable');
    await expect(createTestClient(app, { handlerErrors: 'frame' }).connect({ query: { token: 'broken' } })).rejects.toMatchObject({
      statusCode: 500,
      response: { body: '{"message":null}' },
    });
  });

  it('gives up on an authorizer after 10 seconds, on a manual clock', async () => {
    const clock = manualClock();
    const client = createTestClient(app, { clock, handlerErrors: 'frame' });

    const refused = expect(client.connect({ query: { token: 'slow' } })).rejects.toMatchObject({ statusCode: 500 });
    await clock.advance(10_000);

    await refused;
    await client.dispose();
  });
  // #endregion test-client

  it('answers a captured authorizer event passed to app.handler with the policy API Gateway gets', async () => {
    const request = capturedEvent('authorizerRequest', { queryStringParameters: { token: 'alice' } });

    expect(await app.handler(request)).toEqual({
      principalId: 'alice',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: request.methodArn }] },
      context: { plan: 'pro', seats: 5 },
    });
    await expect(app.handler(capturedEvent('authorizerRequest', { queryStringParameters: { token: 'mallory' } }))).rejects.toThrow('Unauthorized');
  });

  it('rejects with a timeout error in reject mode', async () => {
    const clock = manualClock();
    const client = createTestClient(app, { clock });

    const rejected = expect(client.connect({ query: { token: 'slow' } })).rejects.toThrow('The authorizer handler did not finish within 10000 ms');
    await clock.advance(10_000);

    await rejected;
    await client.dispose();
  });
});

describe('the authorizer in wsapp local', () => {
  const processes: LocalProcess[] = [];
  afterEach(cleanup(processes, [], () => undefined));

  it('answers each handshake with the status and body the pages list, and prints what the local gateway page shows', async () => {
    const local = await startLocal(['docs/test/fixtures/authorizer-app', '--port', '0'], root, { tty: true });
    processes.push(local);

    const alice = await Client.open(`${local.url}?token=alice`);
    expect(JSON.parse(await alice.ask('who am I?'))).toMatchObject({ plan: 'pro', seats: '5', principalId: 'alice' });
    await alice.close();
    await local.waitFor(/DISCONNECT .*\n/);
    const refused: Array<[string, keyof typeof BODIES]> = [['?token=bob', 403], ['?token=mallory', 401], ['', 401], ['?token=broken', 500], ['?token=slow', 500]];
    for (const [query, status] of refused) {
      expect({ query, answer: await Client.connect(`${local.url}${query}`) }).toEqual({ query, answer: { status, body: BODIES[status] } });
    }
    await local.waitFor(/timeout 500 .*\n {2}INFO checking token token=slow\n/); // the last lines, whole

    expect(outputMismatch(outputBlocks('docs/topics/local-gateway.md').get('authorizer') ?? ['(no block)'], local.output())).toBeUndefined();
    expect(local.output()).toMatch(/^wsapp local gateway: refusing connection \S{16} with 500: the authorizer threw Error: the user table is unreachable$/m);
    expect(local.output()).toMatch(/^wsapp local gateway: refusing connection \S{16} with 500: the authorizer did not answer within 10000 ms$/m);
  }, 30_000);

  it.each(['docs/topics/local-gateway.md', 'docs/topics/testing.md'])('%s lists the handshake bodies', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    for (const body of Object.values(BODIES)) expect(text).toContain(body);
  });
});
