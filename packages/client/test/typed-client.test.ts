// The client's types from the server app's type. The `@ts-expect-error` lines are checked by
// `pnpm typecheck` (a line that compiles fails it); the calls in the arrays marked "compile
// only" never run. The tests send what the types allow to a real gateway and check the frames.
import { WsApp } from '@wsapp/framework';
import type { LocalGateway } from '@wsapp/local';
import { z } from 'zod';
import { createClient, type SendBody, type WebsocketClient } from '../src';
import { eventually, nextEvent, recordingApp, recordingWebSocket, sharedClock, startGateway } from './helpers';

/** What `typeof app` carries for an app with typed routes and the default heartbeat. */
interface ChatApp {
  readonly '~wsapp': {
    readonly routes: {
      sendmessage: { input: { action: 'sendmessage'; text: string; to?: string }; output: { text: string } };
      join: { input: { action: 'join'; room: string }; output: unknown };
      leave: { input: { action: 'leave' }; output: unknown };
      $default: { input: string; output: string };
    };
    readonly heartbeat: { routeKey: 'ping'; response: '{"action":"pong"}' };
  };
}

/** An app with a heartbeat of its own. */
interface CustomHeartbeatApp {
  readonly '~wsapp': { readonly routes: { hello: { input: { action: 'hello' }; output: unknown } }; readonly heartbeat: { routeKey: 'hb'; response: 'ok' } };
}

/** An app without `app.heartbeat()`, typed as the framework types it. */
interface NoHeartbeatApp {
  readonly '~wsapp': { readonly routes: { hello: { input: { action: 'hello' }; output: unknown } }; readonly heartbeat: { routeKey: string; response: string } | undefined };
}

/** An app whose route selection expression is `$request.body.type`. */
interface TypeFieldApp {
  readonly '~wsapp': { readonly routes: { move: { input: { type: 'move'; x: number } }; $default: { input: unknown } }; readonly heartbeat: { routeKey: 'ping'; response: '{"action":"pong"}' } };
}

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const url = 'ws://127.0.0.1:9/api';

describe('a client typed with the server app', () => {
  let gateway: LocalGateway;
  let clients: Array<Pick<WebsocketClient, 'close'>> = [];

  afterEach(async () => {
    for (const client of clients) client.close();
    clients = [];
    await gateway?.close();
  });

  it('gives each route its body without the route field, and sends it with the field filled in', async () => {
    // Prepare
    const { app, log } = recordingApp();
    gateway = await startGateway(app, sharedClock());
    const client = createClient<ChatApp>(gateway.url, { WebSocket: recordingWebSocket().WebSocket, heartbeat: false });
    clients.push(client);
    const bodyOfSendMessage: Equals<SendBody<ChatApp, 'sendmessage'>, { text: string; to?: string }> = true;
    const bodyOfDefault: Equals<SendBody<ChatApp, '$default'>, string> = true;

    // Act
    client.send('sendmessage', { text: 'hi' });
    client.send('join', { room: 'lobby' });
    client.send('leave');
    client.send('$default', 'plain');
    await nextEvent(client, 'open');
    await eventually(() => log.messageCount() === 4, 'four messages');

    // Assess
    expect([bodyOfSendMessage, bodyOfDefault]).toEqual([true, true]);
    expect(log.bodies(log.connections[0]!)).toEqual(['{"action":"sendmessage","text":"hi"}', '{"action":"join","room":"lobby"}', '{"action":"leave"}', 'plain']);
    // Compile only:
    const rejected = [
      // @ts-expect-error: no such route
      () => client.send('nope', {}),
      // @ts-expect-error: text is a string
      () => client.send('sendmessage', { text: 1 }),
      // @ts-expect-error: text is required
      () => client.send('sendmessage', {}),
      // @ts-expect-error: the body is required
      () => client.send('sendmessage'),
      // @ts-expect-error: no such field
      () => client.send('join', { room: 'lobby', extra: true }),
      // @ts-expect-error: $default takes a string in this app
      () => client.send('$default', 42),
      // @ts-expect-error: an 'open' listener gets OpenDetail
      () => client.on('open', (detail: { nope: string }) => detail),
    ];
    expect(rejected).toHaveLength(7);
  });

  it("takes the route field from the routeField option's type", async () => {
    const { app, log } = recordingApp();
    gateway = await startGateway(app, sharedClock());
    const client = createClient<TypeFieldApp, 'type'>(gateway.url, { WebSocket: recordingWebSocket().WebSocket, heartbeat: false, routeField: 'type' });
    clients.push(client);

    client.send('move', { x: 3 });
    await eventually(() => log.messageCount() === 1, 'the message');

    expect(log.bodies(log.connections[0]!)).toEqual(['{"type":"move","x":3}']);
    // Compile only:
    const rejected = [
      // @ts-expect-error: `type` is filled in by the client
      () => client.send('move', { type: 'move', x: 3 }),
      // @ts-expect-error: routeField must be the one named in the type parameter
      () => createClient<TypeFieldApp, 'type'>(url, { routeField: 'action' }),
    ];
    expect(rejected).toHaveLength(2);
  });

  it("requires the heartbeat option exactly when the app's heartbeat is not the default", () => {
    // Compile only: each of these would connect.
    const accepted = [
      () => createClient<ChatApp>(url),
      () => createClient<ChatApp>(url, { heartbeat: { routeKey: 'ping', response: '{"action":"pong"}', intervalMs: 60_000 } }),
      () => createClient<ChatApp>(url, { heartbeat: false }),
      () => createClient<CustomHeartbeatApp>(url, { heartbeat: { routeKey: 'hb', response: 'ok' } }),
      () => createClient<CustomHeartbeatApp>(url, { heartbeat: false }),
      () => createClient<NoHeartbeatApp>(url, { heartbeat: { routeKey: 'hello', response: 'hi' } }),
      () => createClient<NoHeartbeatApp>(url, { heartbeat: false }),
      () => createClient(url, { heartbeat: { routeKey: 'anything', response: 'at all' } }),
      () => createClient(url).send('any route', { any: 'body' }),
      () => createClient(url).send('$default', 42),
    ];
    const rejected = [
      // @ts-expect-error: the app's heartbeat is 'hb', so the option is required
      () => createClient<CustomHeartbeatApp>(url),
      // @ts-expect-error: the app's heartbeat is 'hb', so the option is required
      () => createClient<CustomHeartbeatApp>(url, { maxQueued: 10 }),
      // @ts-expect-error: not the app's heartbeat
      () => createClient<CustomHeartbeatApp>(url, { heartbeat: { routeKey: 'ping', response: '{"action":"pong"}' } }),
      // @ts-expect-error: an app without a heartbeat needs one named, or false
      () => createClient<NoHeartbeatApp>(url),
      // @ts-expect-error: an app without a heartbeat needs one named, or false
      () => createClient<NoHeartbeatApp>(url, {}),
      // @ts-expect-error: the app's heartbeat is the default one
      () => createClient<ChatApp>(url, { heartbeat: { routeKey: 'hb', response: 'ok' } }),
    ];
    expect([accepted.length, rejected.length]).toEqual([10, 6]);
  });

  it("reads a real WsApp's routes and heartbeat from typeof app", async () => {
    // Prepare: the framework's own types, through the client's structural contract.
    const typedApp = new WsApp({ name: 'typed' })
      .onWsRoute('sendmessage', { body: z.object({ text: z.string() }) }, () => undefined)
      .heartbeat();
    const untypedApp = new WsApp({ name: 'untyped' });
    const { app, log } = recordingApp();
    gateway = await startGateway(app, sharedClock());
    const client = createClient<typeof typedApp>(gateway.url, { WebSocket: recordingWebSocket().WebSocket, heartbeat: false });
    clients.push(client);

    // Act
    client.send('sendmessage', { text: 'typed' });
    await eventually(() => log.messageCount() === 1, 'the message');

    // Assess
    expect(log.bodies(log.connections[0]!)).toEqual(['{"action":"sendmessage","text":"typed"}']);
    // Compile only:
    const rejected = [
      // @ts-expect-error: text is a string
      () => client.send('sendmessage', { text: 1 }),
      // @ts-expect-error: without app.heartbeat(), the heartbeat option is required
      () => createClient<typeof untypedApp>(url),
    ];
    const accepted = [() => createClient<typeof typedApp>(url), () => createClient<typeof untypedApp>(url, { heartbeat: false })];
    expect([rejected.length, accepted.length]).toEqual([2, 2]);
  });
});
