import ts from 'typescript';
import { WsApp, WsAppConfigurationError, type WebsocketEvent } from '../src';
import { capturedEvent } from '@wsapp/local/testing';

/** Collects what `app.log` writes (the framework's own error records go through it too). */
function captureLog(app: WsApp): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  app.log.setSink((_record, line) => lines.push(line));
  return { lines, restore: () => app.log.setSink() };
}

describe('WsApp registration', () => {
  it('returns the registered handler so it can be exported and tested', () => {
    const app = new WsApp({ name: 'test' });
    const handler = async () => undefined;
    expect(app.onWsMessage(handler)).toBe(handler);
    expect(app.onWsConnect(handler)).toBe(handler);
    expect(app.onWsDisconnect(handler)).toBe(handler);
    expect(app.onWsRoute('join', handler)).toBe(handler);
  });

  it('lists every route with its kind and two-way flag', () => {
    const app = new WsApp({ name: 'test' });
    app.onWsConnect(() => undefined);
    app.onWsMessage(() => undefined);
    app.onWsRoute('ping', () => 'pong', { twoWay: true });
    expect(app.routes).toEqual([
      { routeKey: '$connect', kind: 'connect', twoWay: false },
      { routeKey: '$default', kind: 'message', twoWay: false },
      { routeKey: 'ping', kind: 'custom', twoWay: true },
    ]);
  });

  it.each([
    ['onWsConnect', (app: WsApp) => app.onWsConnect(() => undefined), 'onWsConnect ($connect)'],
    ['onWsMessage', (app: WsApp) => app.onWsMessage(() => undefined), 'onWsMessage ($default)'],
    ['onWsDisconnect', (app: WsApp) => app.onWsDisconnect(() => undefined), 'onWsDisconnect ($disconnect)'],
    ['onWsRoute', (app: WsApp) => app.onWsRoute('join', () => undefined), "onWsRoute('join')"],
  ])('throws a duplicate error naming the route when %s is registered twice', (_name, register, named) => {
    const app = new WsApp({ name: 'test' });
    register(app);
    expect(() => register(app)).toThrow(`Duplicate websocket handler: ${named} is already registered`);
  });

  it('refuses reserved and empty custom route keys', () => {
    const app = new WsApp({ name: 'test' });
    expect(() => app.onWsRoute('$default', () => undefined)).toThrow(/reserved/);
    expect(() => app.onWsRoute('', () => undefined)).toThrow(WsAppConfigurationError);
  });

  it('refuses an app without a name', () => {
    expect(() => new WsApp({ name: '' })).toThrow('new WsApp({ name }) needs a non-empty name');
  });

  it('defaults the route selection expression to $request.body.action', () => {
    expect(new WsApp({ name: 'a' }).routeSelectionExpression).toBe('$request.body.action');
    expect(new WsApp({ name: 'a', routeSelectionExpression: '$request.body.type' }).routeSelectionExpression).toBe(
      '$request.body.type',
    );
  });
});

describe('WsApp decorators', () => {
  it('registers decorated methods and binds this to the instance', async () => {
    const app = new WsApp({ name: 'test' });
    class Chat {
      readonly seen: string[] = [];
      @app.onWsMessage()
      async message(event: WebsocketEvent) {
        this.seen.push(event.body);
      }
      @app.onWsRoute('join', { twoWay: true })
      join() {
        return `joined:${this.seen.length}`;
      }
    }
    const chat = new Chat();
    await app.handler(capturedEvent('message', { body: 'hello', requestContext: { routeKey: '$default' } }));
    const joinEvent = capturedEvent('message');
    joinEvent.requestContext.routeKey = 'join';
    expect(chat.seen).toEqual(['hello']);
    await expect(app.handler(joinEvent)).resolves.toEqual({ statusCode: 200, body: 'joined:1' });
    expect(app.route('join')).toEqual({ routeKey: 'join', kind: 'custom', twoWay: true });
  });

  it('says that legacy decorators are not supported when compiled with experimentalDecorators', () => {
    const app = new WsApp({ name: 'legacy' });
    const { outputText } = ts.transpileModule('class Chat { @app.onWsMessage() message(event: unknown) { return event; } }', {
      compilerOptions: { experimentalDecorators: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    });

    expect(() => new Function('app', outputText)(app)).toThrow(
      /@app\.onWsMessage\(\) is a standard \(TC39\) decorator, but it was called as a legacy one: remove "experimentalDecorators": true/,
    );
    expect(app.routes).toEqual([]);
  });

  it('detects a duplicate between a decorator and a function', () => {
    const app = new WsApp({ name: 'test' });
    app.onWsConnect(() => undefined);
    expect(() => {
      class Handlers {
        @app.onWsConnect()
        connect() {}
      }
      return Handlers;
    }).toThrow('Duplicate websocket handler: onWsConnect ($connect) is already registered');
  });

  it('explains what to do when a decorated method runs before its class is instantiated', async () => {
    const app = new WsApp({ name: 'test' });
    class Handlers {
      @app.onWsDisconnect()
      disconnect() {}
    }
    void Handlers;
    const log = captureLog(app);
    try {
      await expect(app.handler(capturedEvent('disconnect'))).rejects.toThrow(/create an instance of its class/);
    } finally {
      log.restore();
    }
  });
});

describe('WsApp.handler dispatch', () => {
  it('dispatches by route key and falls back to $default for unknown message routes', async () => {
    const app = new WsApp({ name: 'test' });
    const calls: string[] = [];
    app.onWsConnect((e) => void calls.push(`connect:${e.connectionId}`));
    app.onWsDisconnect((e) => void calls.push(`disconnect:${e.disconnectStatusCode}`));
    app.onWsMessage((e) => void calls.push(`default:${e.routeKey}`));
    app.onWsRoute('join', () => void calls.push('join'));

    const handler = app.handler; // unbound on purpose
    await handler(capturedEvent('connect'));
    await handler(capturedEvent('message')); // route key "chat" is not registered
    const join = capturedEvent('message');
    join.requestContext.routeKey = 'join';
    await handler(join);
    await handler(capturedEvent('disconnect'));

    expect(calls).toEqual(['connect:BFHPhfCWIAMCKlQ=', 'default:chat', 'join', 'disconnect:1005']);
  });

  it('normalises results: nothing is 200, a statusCode passes through with its headers, a string is the body', async () => {
    const app = new WsApp({ name: 'test' });
    app.onWsConnect((e) =>
      e.query.token === 'ok'
        ? { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v1' } }
        : { statusCode: 401 },
    );
    app.onWsMessage(() => undefined);
    app.onWsRoute('ping', () => 'pong', { twoWay: true });

    const refused = capturedEvent('connect');
    const accepted = capturedEvent('connect');
    accepted.queryStringParameters = { token: 'ok' };
    const ping = capturedEvent('message');
    ping.requestContext.routeKey = 'ping';

    await expect(app.handler(refused)).resolves.toEqual({ statusCode: 401 });
    await expect(app.handler(accepted)).resolves.toEqual({
      statusCode: 200,
      headers: { 'Sec-WebSocket-Protocol': 'chat.v1' },
    });
    await expect(app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }))).resolves.toEqual({ statusCode: 200 });
    await expect(app.handler(ping)).resolves.toEqual({ statusCode: 200, body: 'pong' });
  });

  it('logs one app.log ERROR line with the event ids when a handler throws, then rethrows', async () => {
    const app = new WsApp({ name: 'test' });
    class BoomError extends Error {
      override name = 'BoomError';
    }
    app.onWsMessage(() => {
      throw new BoomError('kaboom');
    });
    const log = captureLog(app);
    try {
      await expect(app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }))).rejects.toThrow('kaboom');
    } finally {
      log.restore();
    }
    expect(log.lines).toHaveLength(1);
    const line = JSON.parse(log.lines[0]!);
    expect(line).toMatchObject({
      level: 'ERROR',
      message: 'Websocket handler failed',
      routeKey: '$default',
      connectionId: 'BFaT_fALIAMCKug=',
      requestId: 'BFaVtH2HoAMFZEQ=',
      error: { name: 'BoomError', message: 'kaboom' },
    });
    expect(line.error.stack).toContain('kaboom');
  });

  it('rejects with a clear error when no handler matches the event', async () => {
    const app = new WsApp({ name: 'test' });
    const log = captureLog(app);
    try {
      await expect(app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }))).rejects.toThrow(
        'No websocket handler for route $default in app test (and no $default handler)',
      );
    } finally {
      log.restore();
    }
  });

  it('hands the Lambda context to the handler', async () => {
    const app = new WsApp({ name: 'test' });
    let seen: unknown;
    app.onWsMessage((e) => void (seen = e.context?.awsRequestId));
    const context = {
      functionName: 'f',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      memoryLimitInMB: '128',
      awsRequestId: 'aws-req-1',
      logGroupName: '/aws/lambda/f',
      logStreamName: 's',
      getRemainingTimeInMillis: () => 1000,
    };
    await app.handler(capturedEvent('message', { body: 'x', requestContext: { routeKey: '$default' } }), context);
    expect(seen).toBe('aws-req-1');
  });
});
