import { WebsocketDisconnectedError, WsApp, type WebsocketConnectionInfo, type WebsocketLambdaEvent } from '@wsapp/framework';
import { startLocalGateway } from '@wsapp/local';
import { connect, eventually } from './helpers';

describe.each(['in-process', 'http'] as const)('app.websocketApi through the local gateway (%s transport)', (transport) => {
  it('sends, describes and closes connections, and reports gone ones, the same way on either transport', async () => {
    // Prepare: a message handler that exercises send, info, a gone id, and close.
    const app = new WsApp({ name: `basics-${transport}` });
    const events: WebsocketLambdaEvent[] = [];
    let info: WebsocketConnectionInfo | undefined;
    let goneError: unknown;
    app.onWsConnect((event) => {
      events.push(event.raw);
    });
    app.onWsMessage(async (event) => {
      events.push(event.raw);
      await app.websocketApi.send(event.connectionId, `echo: ${event.body}`);
      info = await app.websocketApi.info(event.connectionId);
      goneError = await app.websocketApi.send('AAAAAAAAAAAAAAA=', 'x').catch((error: unknown) => error);
      if (event.body === 'close me') await app.websocketApi.close(event.connectionId);
    });
    app.onWsDisconnect((event) => {
      events.push(event.raw);
    });
    const gateway = await startLocalGateway(app, { port: 0, websocketApiTransport: transport });
    try {
      const client = await connect(gateway.url, undefined, { headers: { 'User-Agent': 'basics' } });

      // Act
      client.socket.send('hello');
      const echoed = await client.next();
      client.socket.send('close me');
      const closed = await client.closed;
      await eventually(() => events.some((e) => e.requestContext.eventType === 'DISCONNECT'), '$disconnect');

      // Assess
      expect(echoed).toBe('echo: hello');
      expect(info?.identity).toEqual({ sourceIp: '127.0.0.1', userAgent: 'basics' });
      expect(info?.connectedAt.getTime()).toBe(events[0]?.requestContext.connectedAt);
      expect(goneError).toBeInstanceOf(WebsocketDisconnectedError);
      expect(closed.code).toBe(1000);
      expect(events.map((e) => e.requestContext.routeKey)).toEqual(['$connect', '$default', '$default', '$disconnect']);
    } finally {
      await gateway.close();
    }
  });
});

describe('the in-process transport of app.websocketApi', () => {
  /** What a caller can observe of a failure: class, name, message, status and fault. */
  function observable(error: unknown): Record<string, unknown> {
    const cause = (error instanceof WebsocketDisconnectedError ? error.cause : error) as {
      constructor: { name: string };
      name: string;
      message: string;
      $fault?: string;
      $metadata?: { httpStatusCode?: number; attempts?: number };
    };
    return {
      wrapped: error instanceof WebsocketDisconnectedError,
      class: cause.constructor.name,
      name: cause.name,
      message: cause.message,
      fault: cause.$fault,
      status: cause.$metadata?.httpStatusCode,
      attempts: cause.$metadata?.attempts,
    };
  }

  async function failures(transport: 'in-process' | 'http'): Promise<Array<Record<string, unknown>>> {
    const app = new WsApp({ name: `failures-${transport}` });
    const gateway = await startLocalGateway(app, { port: 0, websocketApiTransport: transport });
    try {
      const calls = [
        () => app.websocketApi.send('AAAAAAAAAAAAAAA=', 'to nobody'),
        () => app.websocketApi.send("bad id (it's malformed)!", 'x'),
        () => app.websocketApi.info('AAAAAAAAAAAAAAA='),
        () => app.websocketApi.close('AAAAAAAAAAAAAAA='),
        () => app.websocketApi.send('', 'x'),
      ];
      const results: Array<Record<string, unknown>> = [];
      for (const call of calls) results.push(observable(await call().then(() => new Error('no failure'), (e: unknown) => e)));
      return results;
    } finally {
      await gateway.close();
    }
  }

  it('fails exactly as the SDK over HTTP does: same classes, names, messages and statuses', async () => {
    const inProcess = await failures('in-process');
    expect(inProcess).toEqual(await failures('http'));
    expect(inProcess[0]).toMatchObject({ wrapped: true, class: 'GoneException', status: 410 });
    expect(inProcess[1]).toMatchObject({ wrapped: false, name: 'BadRequestException', status: 400 });
  });
});
