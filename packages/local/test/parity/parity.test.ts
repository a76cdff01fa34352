// Every gateway behaviour through both front ends (the socket server and the in-memory test
// client in its `frame` mode), expecting the same outcome. Frame-level limits exist only on the
// socket front end; they are tested in test/server/gateway-limits.test.ts.
import { WebsocketDisconnectedError, WsApp, type WebsocketEvent } from '@wsapp/framework';
import { accepted, FRONT_ENDS, refused, type FrontEnd } from './front-ends';

const KB = 1024;

function quietErrors(): jest.SpyInstance {
  return jest.spyOn(console, 'error').mockImplementation(() => undefined);
}

describe.each(FRONT_ENDS)('the emulated gateway through the $name front end', (kind) => {
  let frontEnd: FrontEnd | undefined;
  let errors: jest.SpyInstance;
  const start = async (app: WsApp, limits?: Parameters<typeof kind.start>[1]): Promise<FrontEnd> => {
    app.log.setSink(() => undefined); // the handler errors these tests provoke are logged by app.log
    frontEnd = await kind.start(app, limits);
    return frontEnd;
  };
  beforeEach(() => {
    errors = quietErrors();
  });
  afterEach(async () => {
    await frontEnd?.stop();
    frontEnd = undefined;
    errors.mockRestore();
  });

  describe('$connect', () => {
    it.each([200, 204])('accepts the handshake when $connect returns %i', async (statusCode) => {
      const app = new WsApp({ name: 'accept' });
      app.onWsConnect(() => ({ statusCode }));
      const gateway = await start(app);

      expect('status' in (await gateway.connect())).toBe(false);
    });

    it.each([401, 403])('refuses the handshake with the status, headers and body $connect returns (%i)', async (statusCode) => {
      const app = new WsApp({ name: 'refuse' });
      app.onWsConnect(() => ({ statusCode, headers: { 'X-Reason': 'no token' }, body: 'Go away' }));
      const gateway = await start(app);

      const refusal = refused(await gateway.connect());

      expect(refusal).toMatchObject({ status: statusCode, body: 'Go away' });
      expect(refusal.headers['x-reason']).toBe('no token');
    });

    it.each([
      ['the number 42', 42],
      ['the string "401"', '401'],
      ['a fraction', 200.5],
    ])('refuses with 500 Internal server error when $connect returns %s as its status', async (_what, statusCode) => {
      const app = new WsApp({ name: 'malformed' });
      app.onWsConnect(() => ({ statusCode } as never));
      const gateway = await start(app);

      const refusal = refused(await gateway.connect());

      expect(refusal).toMatchObject({ status: 500, body: '{"message":"Internal server error"}' });
      expect(errors).toHaveBeenCalledWith(expect.stringMatching(/malformed response: statusCode .* is not an integer from 100 to 599/));
    });

    it('accepts a $connect result without a statusCode as a 200 and keeps its headers', async () => {
      const app = new WsApp({ name: 'no-status' });
      app.onWsConnect(() => ({ headers: { 'Sec-WebSocket-Protocol': 'chat.v1' } }) as never);
      const gateway = await start(app);

      const connection = accepted(await gateway.connect({ protocols: ['chat.v1'] }));

      expect(connection.protocol).toBe('chat.v1');
    });

    it('refuses with 500 when $connect throws', async () => {
      const app = new WsApp({ name: 'throws' });
      app.onWsConnect(() => {
        throw new Error('database down');
      });
      const gateway = await start(app);

      expect(refused(await gateway.connect())).toMatchObject({ status: 500, body: '{"message":"Internal server error"}' });
    });

    it('refuses with 500 when $connect runs past the integration timeout', async () => {
      const app = new WsApp({ name: 'slow-connect' });
      app.onWsConnect(() => new Promise<never>(() => undefined));
      const gateway = await start(app);

      const attempt = gateway.connect();
      await gateway.settle();
      await gateway.clock.advance(29_000);

      expect(refused(await attempt)).toMatchObject({ status: 500 });
    });

    it('selects the subprotocol $connect returns in Sec-WebSocket-Protocol, and no other', async () => {
      const app = new WsApp({ name: 'protocols' });
      app.onWsConnect((event) => {
        const offered = (event.headers.get('sec-websocket-protocol') ?? '').split(',').map((p) => p.trim());
        return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': offered[1] ?? '' } };
      });
      const gateway = await start(app);

      expect(accepted(await gateway.connect({ protocols: ['token-abc', 'chat.v2'] })).protocol).toBe('chat.v2');
    });

    it('refuses with 500 when $connect returns a header name that HTTP does not allow', async () => {
      const app = new WsApp({ name: 'bad-header' });
      app.onWsConnect(() => ({ statusCode: 200, headers: { 'Bad Header': 'x' } }));
      const gateway = await start(app);

      expect(refused(await gateway.connect())).toMatchObject({ status: 500 });
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('"Bad Header" is not a valid HTTP header name'));
    });

    it('answers 410 to @connections calls made during $connect: the connection does not exist yet', async () => {
      const app = new WsApp({ name: 'early-send' });
      const seen: string[] = [];
      app.onWsConnect(async (event) => {
        for (const call of [() => app.websocketApi.send(event.connectionId, 'early'), () => app.websocketApi.info(event.connectionId)]) {
          await call().then(() => seen.push('ok'), (error: unknown) => seen.push(error instanceof WebsocketDisconnectedError ? 'gone' : String(error)));
        }
      });
      const gateway = await start(app);

      const connection = accepted(await gateway.connect());
      await gateway.settle();

      expect(seen).toEqual(['gone', 'gone']);
      expect(connection.received).toEqual([]);
    });
  });

  describe('messages', () => {
    const echoLengths = (): { app: WsApp; lengths: number[] } => {
      const app = new WsApp({ name: 'sizes' });
      const lengths: number[] = [];
      app.onWsMessage((event) => void lengths.push(event.body.length));
      return { app, lengths };
    };

    it('delivers a message of exactly 128 KB', async () => {
      const { app, lengths } = echoLengths();
      const connection = accepted(await (await start(app, { maxFrameBytes: 256 * KB })).connect());

      connection.send('x'.repeat(128 * KB));
      await frontEnd?.settle();
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(lengths).toEqual([128 * KB]);
    });

    it('closes the connection with 1009 for a message over 128 KB, without invoking the route', async () => {
      const { app, lengths } = echoLengths();
      const disconnects: number[] = [];
      app.onWsDisconnect((event) => void disconnects.push(event.disconnectStatusCode ?? 0));
      const connection = accepted(await (await start(app, { maxFrameBytes: 256 * KB })).connect());

      connection.send('x'.repeat(128 * KB + 1));

      expect(await connection.closed()).toBe(1009);
      expect(lengths).toEqual([]);
      expect(disconnects).toEqual([1009]);
    });

    it('closes the connection with 1003 for a binary message, and $disconnect reports 1003', async () => {
      const { app, lengths } = echoLengths();
      const disconnects: number[] = [];
      app.onWsDisconnect((event) => void disconnects.push(event.disconnectStatusCode ?? 0));
      const connection = accepted(await (await start(app)).connect());

      connection.send(Buffer.from([1, 2, 3]));

      expect(await connection.closed()).toBe(1003);
      expect(lengths).toEqual([]);
      expect(disconnects).toEqual([1003]);
    });

    it('sends the Forbidden frame when no route matches and there is no $default', async () => {
      const app = new WsApp({ name: 'no-default' });
      app.onWsRoute('join', () => undefined);
      const connection = accepted(await (await start(app)).connect());

      connection.send('{"action":"leave"}');

      const [frame] = await connection.frames(1);
      expect(JSON.parse(frame as string)).toEqual({ message: 'Forbidden', connectionId: expect.any(String), requestId: expect.any(String) });
    });

    it('sends the Internal server error frame when a handler throws, and keeps the connection open', async () => {
      const app = new WsApp({ name: 'throws' });
      app.onWsMessage((event) => {
        if (event.body === 'boom') throw new Error('kaboom');
        return app.websocketApi.send(event.connectionId, `ok ${event.body}`);
      });
      const connection = accepted(await (await start(app)).connect());

      connection.send('boom');
      connection.send('after');

      const [failure, after] = await connection.frames(2);
      expect(JSON.parse(failure as string)).toMatchObject({ message: 'Internal server error' });
      expect(after).toBe('ok after');
    });

    it('sends the Internal server error frame when a handler runs past the integration timeout', async () => {
      const app = new WsApp({ name: 'slow' });
      app.onWsMessage(() => new Promise<never>(() => undefined));
      const gateway = await start(app);
      const connection = accepted(await gateway.connect());

      connection.send('wait');
      await gateway.settle();
      await gateway.clock.advance(29_000);

      const [frame] = await connection.frames(1);
      expect(JSON.parse(frame as string)).toMatchObject({ message: 'Internal server error' });
    });

    it('runs the messages of one connection one at a time, in arrival order', async () => {
      const app = new WsApp({ name: 'order' });
      app.onWsMessage(async (event) => {
        if (event.body === 'first') await new Promise((resolve) => setTimeout(resolve, 30));
        await app.websocketApi.send(event.connectionId, event.body);
      });
      const connection = accepted(await (await start(app)).connect());

      for (const body of ['first', 'second', 'third']) connection.send(body);

      expect(await connection.frames(3)).toEqual(['first', 'second', 'third']);
    });
  });

  describe('two-way routes', () => {
    const twoWay = (reply: (event: WebsocketEvent) => unknown): WsApp => {
      const app = new WsApp({ name: 'two-way' });
      app.onWsRoute('echo', reply as never, { twoWay: true });
      app.onWsMessage(() => ({ statusCode: 200, body: 'one-way bodies are dropped' }));
      return app;
    };

    it('sends the returned body back on a two-way route only', async () => {
      const connection = accepted(await (await start(twoWay(() => 'pong'))).connect());

      connection.send('not json');
      connection.send('{"action":"echo"}');

      expect(await connection.frames(1)).toEqual(['pong']);
      await frontEnd?.settle();
      expect(connection.received).toEqual(['pong']);
    });

    it('decodes a base64 body before sending it back', async () => {
      const app = twoWay(() => ({ statusCode: 200, body: Buffer.from('héllo').toString('base64'), isBase64Encoded: true }));
      const connection = accepted(await (await start(app)).connect());

      connection.send('{"action":"echo"}');

      expect(await connection.frames(1)).toEqual(['héllo']);
    });

    it('sends the Internal server error frame instead of a reply over 128 KB', async () => {
      const connection = accepted(await (await start(twoWay(() => 'y'.repeat(128 * KB + 1)))).connect());

      connection.send('{"action":"echo"}');

      const [frame] = await connection.frames(1);
      expect(JSON.parse(frame as string)).toMatchObject({ message: 'Internal server error' });
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('over the 131072-byte limit'));
    });
  });

  describe('@connections and $disconnect', () => {
    it('describes a connection, then closes it with 1000 on DELETE, after which posts get 410', async () => {
      const app = new WsApp({ name: 'manage' });
      const seen: unknown[] = [];
      app.onWsMessage(async (event) => {
        const info = await app.websocketApi.info(event.connectionId);
        seen.push(info.connectedAt instanceof Date && info.identity.sourceIp);
        await app.websocketApi.close(event.connectionId);
        await app.websocketApi.send(event.connectionId, 'late').catch((error: unknown) => seen.push(error instanceof WebsocketDisconnectedError));
      });
      const disconnects: Array<[number | undefined, string | undefined]> = [];
      app.onWsDisconnect((event) => void disconnects.push([event.disconnectStatusCode, event.disconnectReason]));
      const connection = accepted(await (await start(app)).connect());

      connection.send('hi');

      expect(await connection.closed()).toBe(1000);
      expect(seen).toEqual(['127.0.0.1', true]);
      expect(disconnects).toEqual([[1000, '']]);
      expect(connection.received).toEqual([]);
    });

    it('runs $disconnect once, with the code and reason the client closed with', async () => {
      const app = new WsApp({ name: 'bye' });
      const disconnects: Array<[number | undefined, string | undefined]> = [];
      app.onWsDisconnect((event) => void disconnects.push([event.disconnectStatusCode, event.disconnectReason]));
      const connection = accepted(await (await start(app)).connect());

      connection.close(4000, 'bye');
      await connection.closed();
      await frontEnd?.settle();

      expect(disconnects).toEqual([[4000, 'bye']]);
    });

    it('runs $disconnect after the messages still queued on the connection', async () => {
      const app = new WsApp({ name: 'queued' });
      const order: string[] = [];
      app.onWsMessage(async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(event.body);
      });
      app.onWsDisconnect(() => void order.push('$disconnect'));
      const connection = accepted(await (await start(app)).connect());

      connection.send('one');
      connection.send('two');
      await frontEnd?.settle();
      connection.close(1000);
      await connection.closed();
      await new Promise((resolve) => setTimeout(resolve, 80));

      expect(order).toEqual(['one', 'two', '$disconnect']);
    });

    it('closes a connection with 1001 after the idle timeout of the clock', async () => {
      const app = new WsApp({ name: 'idle' });
      app.onWsMessage(() => undefined);
      const gateway = await start(app);
      const connection = accepted(await gateway.connect());

      await gateway.clock.advance(9 * 60 * 1000);
      connection.send('still here');
      await gateway.settle();
      await gateway.clock.advance(9 * 60 * 1000);
      await gateway.settle();
      expect(connection.received).toEqual([]);
      await gateway.clock.advance(60 * 1000);

      expect(await connection.closed()).toBe(1001);
    });
  });
});
