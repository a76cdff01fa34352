import * as v from 'valibot';
import { z } from 'zod';
import { INVALID_BODY_MESSAGE, WsApp, type InvalidBodyFrame, type LogRecord, type StandardSchema, type WebsocketEvent } from '../src';
import { capturedEvent } from '@wsapp/local/testing';
import { FakeManagementApi } from './helpers/fake-management-api';

const SendMessage = z.object({ text: z.string().min(1), to: z.string().optional() }).transform((body) => ({ ...body, length: body.text.length }));

const message = (body: string, routeKey: string) => capturedEvent('message', { body, requestContext: { routeKey } });

describe('routes with a body schema, in Lambda', () => {
  const api = new FakeManagementApi();
  let endpoint: string;
  let logged: LogRecord[];

  beforeAll(async () => {
    endpoint = await api.start();
  });
  afterAll(() => api.stop());

  function quietApp(): WsApp {
    const app = new WsApp({ name: 'typed' });
    logged = [];
    app.log.setSink((record) => void logged.push(record));
    app.websocketApi.configure({ endpoint });
    api.requests.length = 0;
    return app;
  }

  it("hands the handler the schema's output as event.jsonBody", async () => {
    const app = quietApp();
    const seen: Array<{ text: string; length: number }> = [];
    app.onWsRoute('sendmessage', { body: SendMessage }, (event) => void seen.push(event.jsonBody));

    await expect(app.handler(message('{"action":"sendmessage","text":"hello"}', 'sendmessage'))).resolves.toEqual({ statusCode: 200 });

    expect(seen).toEqual([{ text: 'hello', length: 5 }]);
    expect(api.requests).toEqual([]);
  });

  it('answers a body that fails with one frame naming the issues and ids, without running the handler', async () => {
    const app = quietApp();
    let ran = 0;
    app.onWsRoute('sendmessage', { body: SendMessage }, () => void ran++);
    const event = message('{"action":"sendmessage","text":42,"to":["x"]}', 'sendmessage');

    await expect(app.handler(event)).resolves.toEqual({ statusCode: 400 });

    expect(ran).toBe(0);
    expect(api.requests).toHaveLength(1);
    const { connectionId, requestId } = event.requestContext;
    expect(api.requests[0]).toMatchObject({ method: 'POST', connectionId });
    const frame = JSON.parse(api.requests[0]!.body.toString()) as InvalidBodyFrame;
    expect(frame).toEqual({
      message: INVALID_BODY_MESSAGE,
      routeKey: 'sendmessage',
      issues: [
        { path: ['text'], message: expect.stringMatching(/string/i) },
        { path: ['to'], message: expect.stringMatching(/string/i) },
      ],
      connectionId,
      requestId,
    });
    expect(logged).toEqual([
      expect.objectContaining({ level: 'WARN', message: 'Websocket message body failed validation', issues: frame.issues, connectionId, requestId: event.requestContext.requestId }),
    ]);
  });

  it('sends the frame as the route response on a two-way route', async () => {
    const app = quietApp();
    app.onWsRoute('echo', { body: z.object({ n: z.number() }), twoWay: true }, (event) => String(event.jsonBody.n * 2));

    await expect(app.handler(message('{"n":21}', 'echo'))).resolves.toEqual({ statusCode: 200, body: '42' });
    const refused = await app.handler(message('{"n":"21"}', 'echo'));

    expect(refused.statusCode).toBe(400);
    expect(JSON.parse(refused.body!)).toMatchObject({ message: INVALID_BODY_MESSAGE, issues: [{ path: ['n'] }] });
    expect(api.requests).toEqual([]);
  });

  it('reports a body that is not JSON as one issue at the root', async () => {
    const app = quietApp();
    app.onWsMessage({ body: z.object({}) }, () => undefined);

    await app.handler(message('hello there', '$default'));

    const frame = JSON.parse(api.requests[0]!.body.toString()) as InvalidBodyFrame;
    expect(frame.issues).toEqual([{ path: [], message: expect.stringMatching(/^The body is not valid JSON: /) }]);
  });

  it('takes valibot and asynchronous schemas, and nested paths with indexes', async () => {
    const app = quietApp();
    const Order = v.object({ items: v.array(v.object({ sku: v.string() })) });
    const slowCheck: StandardSchema<{ ok: true }> = {
      '~standard': { version: 1, vendor: 'test', validate: async (value) => ((value as { ok?: unknown }).ok === true ? { value: { ok: true } } : { issues: [{ message: 'not ok', path: [{ key: 'ok' }] }] }) },
    };
    const seen: unknown[] = [];
    app.onWsRoute('order', { body: Order }, (event) => void seen.push(event.jsonBody.items[0]?.sku));
    app.onWsRoute('check', { body: slowCheck }, (event) => void seen.push(event.jsonBody.ok));

    await app.handler(message('{"items":[{"sku":"a1"}]}', 'order'));
    await app.handler(message('{"ok":true}', 'check'));
    await app.handler(message('{"items":[{"sku":7}]}', 'order'));
    await app.handler(message('{"ok":false}', 'check'));

    expect(seen).toEqual(['a1', true]);
    const issues = api.requests.map((request) => (JSON.parse(request.body.toString()) as InvalidBodyFrame).issues);
    expect(issues).toEqual([[{ path: ['items', 0, 'sku'], message: expect.any(String) }], [{ path: ['ok'], message: 'not ok' }]]);
  });

  it('validates for decorated methods too', async () => {
    const app = quietApp();
    const seen: string[] = [];
    class Rooms {
      @app.onWsRoute('join', { body: z.object({ room: z.string() }) })
      join(event: WebsocketEvent<{ room: string }>) {
        seen.push(event.jsonBody.room);
      }
    }
    new Rooms();

    await app.handler(message('{"room":"lobby"}', 'join'));
    await app.handler(message('{"room":1}', 'join'));

    expect(seen).toEqual(['lobby']);
    expect(api.requests).toHaveLength(1);
  });

  it('refuses a body option that is not a Standard Schema', () => {
    const app = quietApp();
    const notSchema = { parse: () => ({}) } as unknown as StandardSchema;
    expect(() => app.onWsRoute('x', { body: notSchema }, () => undefined)).toThrow(
      'onWsRoute: body must be a Standard Schema v1 validator (zod, valibot, arktype, ...), got object',
    );
  });

  it('lists the schema with the route', () => {
    const app = quietApp();
    app.onWsRoute('sendmessage', { body: SendMessage }, () => undefined);
    expect(app.route('sendmessage')).toEqual({ routeKey: 'sendmessage', kind: 'custom', twoWay: false, body: SendMessage });
  });
});

describe('app.heartbeat', () => {
  it('registers a two-way heartbeat route with the defaults', async () => {
    const app = new WsApp({ name: 'hb' }).heartbeat();

    expect(app.heartbeatConfig).toEqual({ routeKey: 'ping', response: '{"action":"pong"}' });
    expect(app.routes).toEqual([{ routeKey: 'ping', kind: 'heartbeat', twoWay: true, response: '{"action":"pong"}' }]);
    await expect(app.handler(message('{"action":"ping"}', 'ping'))).resolves.toEqual({ statusCode: 200, body: '{"action":"pong"}' });
  });

  it('takes its own route key and response', () => {
    const app = new WsApp({ name: 'hb' }).heartbeat({ routeKey: 'hb', response: '{"type":"hb-ack"}' });
    expect(app.heartbeatConfig).toEqual({ routeKey: 'hb', response: '{"type":"hb-ack"}' });
  });

  it.each([
    ['a reserved route key', { routeKey: '$default' }, 'routeKey must be a custom route key'],
    ['an empty route key', { routeKey: '' }, 'routeKey must be a custom route key'],
    ['an empty response', { response: '' }, 'response must be a non-empty string'],
    ['a response with template syntax', { response: '{"at":"$context.requestId"}' }, "which API Gateway's response template would read as Velocity syntax"],
    ['a response over 32 KB', { response: 'x'.repeat(33 * 1024) }, '32768-byte template limit'],
  ])('refuses %s', (_what, options, problem) => {
    expect(() => new WsApp({ name: 'hb' }).heartbeat(options)).toThrow(problem);
  });

  it('refuses a second heartbeat and a route key already taken', () => {
    const app = new WsApp({ name: 'hb' });
    app.onWsRoute('ping', () => undefined);
    expect(() => app.heartbeat()).toThrow("Duplicate websocket handler: heartbeat('ping') is already registered (route ping is taken by onWsRoute)");
    const other = new WsApp({ name: 'hb' }).heartbeat();
    expect(() => other.heartbeat({ routeKey: 'hb' })).toThrow('Duplicate heartbeat: app.heartbeat is already registered');
  });
});

describe("the app's type", () => {
  it('collects the typed routes and the heartbeat of chained registrations', () => {
    const app = new WsApp({ name: 'typed' })
      .heartbeat()
      .onWsRoute('sendmessage', { body: SendMessage }, () => undefined)
      .onWsMessage({}, () => undefined);
    type Types = (typeof app)['~wsapp'];
    const input: Types['routes']['sendmessage']['input'] = { text: 'hi' };
    const output: Types['routes']['sendmessage']['output'] = { text: 'hi', length: 2 };
    const heartbeat: Types['heartbeat'] = { routeKey: 'ping', response: '{"action":"pong"}' };
    // @ts-expect-error: the input has no length; the output has
    const wrongInput: Types['routes']['sendmessage']['input'] = { text: 'hi', length: 2 };
    // @ts-expect-error: no such route
    type Missing = Types['routes']['join'];
    // @ts-expect-error: the heartbeat's literal types
    const wrongHeartbeat: Types['heartbeat'] = { routeKey: 'hb', response: '{"action":"pong"}' };
    expect([input, output, heartbeat, wrongInput, wrongHeartbeat]).toHaveLength(5);
    expect(app.routes.map((route) => route.routeKey)).toEqual(['ping', 'sendmessage', '$default']);
    // Still usable where a plain WsApp is expected.
    const plain: WsApp = app;
    expect(plain).toBe(app);
  });

  it('types event.jsonBody from the schema in the handler', () => {
    const app = new WsApp({ name: 'typed' });
    app.onWsRoute('n', { body: z.object({ n: z.number() }) }, (event) => {
      const n: number = event.jsonBody.n;
      // @ts-expect-error: not a string
      const s: string = event.jsonBody.n;
      return String(n) + s;
    });
    expect(app.route('n')?.body).toBeDefined();
  });
});
