// The decorator forms of app.authorizer and app.middleware, shown in docs/topics/decorators.md;
// exercised by docs/test/decorators.test.ts.
// #region guard
import { UnauthorizedError, WsApp, type WebsocketAuthorizerRequest, type WebsocketEvent, type WebsocketNext } from '@wsapp/framework';

export const app = new WsApp({ name: 'guarded' });

class Guard {
  /** Stand-in for a real check (see Authentication): API key -> user. */
  private readonly users = new Map([['key-1', 'alice']]);

  @app.authorizer({ identitySources: ['route.request.querystring.key'] })
  check(request: WebsocketAuthorizerRequest) {
    const user = this.users.get(request.queryStringParameters.key ?? '');
    if (user === undefined) throw new UnauthorizedError('unknown key');
    return { principalId: user };
  }

  @app.middleware()
  async stamp(event: WebsocketEvent, next: WebsocketNext) {
    const result = await next(event);
    app.log.info('handled', { user: event.authorizer?.principalId });
    return result;
  }
}

new Guard();

app.onWsMessage(async (event) => {
  await app.websocketApi.send(event.connectionId, `hello ${event.authorizer?.principalId}`);
});
// #endregion guard

export const handler = app.handler;
