import { UnauthorizedError, WsApp } from '@wsapp/framework';
import { ConnectionRefusedError, createTestClient, manualClock } from '@wsapp/local/testing';

function quietApp(name: string): WsApp {
  const app = new WsApp({ name });
  app.log.setSink(() => undefined);
  return app;
}

describe("the test client's connect with an authorizer (reject mode)", () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  it('rejects with the error the authorizer throws', async () => {
    const app = quietApp('throws');
    app.authorizer(() => {
      throw new Error('token service down');
    });

    await expect(createTestClient(app).connect({ headers: { Authorization: 'abc' } })).rejects.toThrow('token service down');
  });

  it('rejects naming the authorizer and its timeout when it does not answer in time', async () => {
    const app = quietApp('slow');
    app.authorizer(() => new Promise<never>(() => undefined));
    const clock = manualClock();
    const connecting = createTestClient(app, { clock, limits: { authorizerTimeoutMs: 500 } })
      .connect({ headers: { Authorization: 'abc' } })
      .catch((error: unknown) => error);

    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(500);

    expect(await connecting).toEqual(new Error('The authorizer handler did not finish within 500 ms'));
  });

  it.each([
    ['throws UnauthorizedError', () => { throw new UnauthorizedError(); }, 401],
    ['returns null', () => null, 403],
  ])('refuses with a ConnectionRefusedError when the authorizer %s, as it is not a failure', async (_what, authorize, status) => {
    const app = quietApp('refuses');
    app.authorizer(authorize);

    const refusal = await createTestClient(app).connect({ headers: { Authorization: 'abc' } }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(ConnectionRefusedError);
    expect(refusal).toMatchObject({ statusCode: status });
  });
});
