// `app.middleware` and `app.log` through both front ends (the socket server and the in-memory
// test client in its `frame` mode), expecting the same outcome.
import { WsApp, type LogRecord } from '@wsapp/framework';
import { accepted, FRONT_ENDS, refused, type FrontEnd } from './front-ends';

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(FRONT_ENDS)('middleware and app.log through the $name front end', (kind) => {
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

  /** An app whose app.log lines are kept, not printed. */
  const quietApp = (name: string): { app: WsApp; records: LogRecord[] } => {
    const app = new WsApp({ name });
    const records: LogRecord[] = [];
    app.log.setSink((record) => records.push(record));
    return { app, records };
  };

  describe('app.middleware', () => {
    it('runs two middlewares around the handler, the first registered outermost', async () => {
      const { app } = quietApp('order');
      const order: string[] = [];
      for (const name of ['outer', 'inner']) {
        app.middleware(async (event, next) => {
          order.push(`${name} before`);
          const result = await next(event);
          order.push(`${name} after`);
          return result;
        });
      }
      app.onWsMessage(() => void order.push('handler'));
      const gateway = await start(app);
      const connection = accepted(await gateway.connect());

      connection.send('hi');
      await gateway.settle();

      expect(order).toEqual(['outer before', 'inner before', 'handler', 'inner after', 'outer after']);
    });

    it('lets a middleware answer without calling the handler: a two-way reply, a refused $connect', async () => {
      const { app } = quietApp('short-circuit');
      const handled: string[] = [];
      app.middleware((event, next) => {
        if (event.routeKey === '$connect' && event.query.token !== 'ok') return { statusCode: 401, body: 'no token' };
        if (event.routeKey === 'ping') return 'pong from middleware';
        return next(event);
      });
      app.onWsConnect(() => void handled.push('$connect'));
      app.onWsRoute('ping', () => void handled.push('ping'), { twoWay: true });
      const gateway = await start(app);

      const refusal = refused(await gateway.connect());
      const connection = accepted(await gateway.connect({ query: { token: 'ok' } }));
      connection.send('{"action":"ping"}');

      expect(refusal).toMatchObject({ status: 401, body: 'no token' });
      expect(await connection.frames(1)).toEqual(['pong from middleware']);
      expect(handled).toEqual(['$connect']);
    });

    it('sends the Internal server error frame when a middleware throws, as for a handler error, and keeps the connection open', async () => {
      const { app, records } = quietApp('middleware-throws');
      app.middleware((event, next) => {
        if (event.body === 'boom') throw new Error('middleware failed');
        return next(event);
      });
      app.onWsMessage((event) => app.websocketApi.send(event.connectionId, `ok ${event.body}`));
      const gateway = await start(app);
      const connection = accepted(await gateway.connect());

      connection.send('boom');
      connection.send('after');

      const [failure, after] = await connection.frames(2);
      expect(JSON.parse(failure as string)).toEqual({ message: 'Internal server error', connectionId: expect.any(String), requestId: expect.any(String) });
      expect(after).toBe('ok after');
      expect(records).toEqual([expect.objectContaining({ level: 'ERROR', message: 'Websocket handler failed', error: expect.objectContaining({ message: 'middleware failed' }) })]);
    });

    it('shows every event route key to middleware: $connect, a custom route, $default and $disconnect', async () => {
      const { app } = quietApp('route-keys');
      const routeKeys: string[] = [];
      app.middleware((event, next) => {
        routeKeys.push(event.routeKey);
        return next(event);
      });
      app.onWsConnect(() => undefined);
      app.onWsRoute('join', () => undefined);
      app.onWsMessage(() => undefined);
      app.onWsDisconnect(() => undefined);
      const gateway = await start(app);
      const connection = accepted(await gateway.connect());

      connection.send('{"action":"join"}');
      connection.send('plain text');
      await gateway.settle();
      connection.close(1000);
      await connection.closed();
      await gateway.settle();

      expect(routeKeys).toEqual(['$connect', 'join', '$default', '$disconnect']);
    });
  });

  describe('app.log', () => {
    it('stamps each line with the requestId, connectionId and routeKey of its own invocation while several run at once', async () => {
      // Prepare: each message handler logs, waits until both are running, and logs again.
      const { app, records } = quietApp('concurrent-logs');
      const bothRunning = gate();
      let running = 0;
      app.middleware(async (event, next) => {
        const expected = { expectedRequestId: event.context?.awsRequestId, expectedConnectionId: event.connectionId, expectedRouteKey: event.routeKey };
        app.log.info('started', expected);
        if (++running === 2) bothRunning.open();
        await bothRunning.opened;
        await new Promise((resolve) => setTimeout(resolve, event.routeKey === 'join' ? 5 : 0));
        app.log.info('finished', expected);
        return next(event);
      });
      app.onWsRoute('join', () => undefined);
      app.onWsMessage(() => undefined);
      const gateway = await start(app);
      const first = accepted(await gateway.connect());
      const second = accepted(await gateway.connect());

      // Act
      first.send('{"action":"join"}');
      second.send('hello');
      await bothRunning.opened;
      for (let i = 0; i < 5 && records.length < 4; i++) await gateway.settle();

      // Assess: four lines, interleaved, each with its own invocation's ids.
      expect(records.map((record) => [record.message, record.routeKey])).toEqual(
        expect.arrayContaining([['started', 'join'], ['started', '$default'], ['finished', 'join'], ['finished', '$default']]),
      );
      expect(records).toHaveLength(4);
      for (const record of records) {
        expect({ requestId: record.requestId, connectionId: record.connectionId, routeKey: record.routeKey }).toEqual({
          requestId: record.expectedRequestId, connectionId: record.expectedConnectionId, routeKey: record.expectedRouteKey,
        });
      }
      expect(new Set(records.map((record) => record.requestId)).size).toBe(2);
      expect(new Set(records.map((record) => record.connectionId)).size).toBe(2);
    });
  });
});
