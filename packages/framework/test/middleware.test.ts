import { WsApp, type WebsocketEvent, type WebsocketNext } from '../src';
import { capturedEvent } from '@wsapp/local/testing';

function quietApp(): WsApp {
  const app = new WsApp({ name: 'mw' });
  app.log.setSink(() => undefined);
  return app;
}

const message = (body: string, routeKey = '$default') => capturedEvent('message', { body, requestContext: { routeKey } });

describe('app.middleware in Lambda', () => {
  it('wraps every kind of handler, the first registered outermost', async () => {
    const app = quietApp();
    const calls: string[] = [];
    app.middleware(async (event, next) => {
      calls.push(`outer>${event.routeKey}`);
      const result = await next(event);
      calls.push(`outer<${event.routeKey}`);
      return result;
    });
    app.middleware(async (event, next) => {
      calls.push('inner>');
      return next(event);
    });
    app.onWsConnect(() => void calls.push('connect'));
    app.onWsMessage(() => void calls.push('message'));
    app.onWsRoute('join', () => void calls.push('join'));
    app.onWsDisconnect(() => void calls.push('disconnect'));

    await app.handler(capturedEvent('connect'));
    await app.handler(message('x'));
    await app.handler(message('{"action":"join"}', 'join'));
    await app.handler(capturedEvent('disconnect'));

    expect(calls).toEqual([
      'outer>$connect', 'inner>', 'connect', 'outer<$connect',
      'outer>$default', 'inner>', 'message', 'outer<$default',
      'outer>join', 'inner>', 'join', 'outer<join',
      'outer>$disconnect', 'inner>', 'disconnect', 'outer<$disconnect',
    ]);
  });

  it('may answer without calling next, and may change the result', async () => {
    const app = quietApp();
    let handled = 0;
    app.middleware((event, next) => (event.body === 'blocked' ? { statusCode: 403 } : next(event)));
    app.middleware(async (event, next) => {
      const result = await next(event);
      return typeof result === 'string' ? result.toUpperCase() : result;
    });
    app.onWsRoute('ping', () => {
      handled += 1;
      return 'pong';
    }, { twoWay: true });

    await expect(app.handler(message('blocked', 'ping'))).resolves.toEqual({ statusCode: 403 });
    await expect(app.handler(message('hi', 'ping'))).resolves.toEqual({ statusCode: 200, body: 'PONG' });
    expect(handled).toBe(1);
  });

  it('can catch a handler error, and an error it throws is a handler error', async () => {
    const app = quietApp();
    const lines: string[] = [];
    app.log.setSink((_record, line) => lines.push(line));
    app.middleware(async (event, next) => {
      if (event.body === 'reject me') throw new Error('refused by middleware');
      try {
        return await next(event);
      } catch {
        return { statusCode: 500, body: 'handled' };
      }
    });
    app.onWsMessage(() => {
      throw new Error('handler broke');
    });

    await expect(app.handler(message('x'))).resolves.toEqual({ statusCode: 500, body: 'handled' });
    await expect(app.handler(message('reject me'))).rejects.toThrow('refused by middleware');
    expect(lines.map((line) => JSON.parse(line) as { message: string; error: { message: string } })).toEqual([
      expect.objectContaining({ message: 'Websocket handler failed', error: expect.objectContaining({ message: 'refused by middleware' }) }),
    ]);
  });

  it('applies a middleware added after the first events to the next ones', async () => {
    const app = quietApp();
    const seen: string[] = [];
    app.onWsMessage(() => void seen.push('handler'));
    await app.handler(message('a'));

    app.middleware((event, next) => {
      seen.push('middleware');
      return next(event);
    });
    await app.handler(message('b'));

    expect(seen).toEqual(['handler', 'middleware', 'handler']);
  });

  it('runs a decorated middleware method on its instance', async () => {
    const app = quietApp();
    class Tagging {
      readonly tag = 'tagged';

      @app.middleware()
      async tagResult(event: WebsocketEvent, next: WebsocketNext) {
        const result = await next(event);
        return `${this.tag}:${String(result)}`;
      }
    }
    new Tagging();
    app.onWsRoute('ping', () => 'pong', { twoWay: true });

    await expect(app.handler(message('x', 'ping'))).resolves.toEqual({ statusCode: 200, body: 'tagged:pong' });
  });
});
