// Body schemas and the heartbeat route through both front ends (the socket server and the
// in-memory test client in its `frame` mode), expecting the same frames.
import { z } from 'zod';
import { INVALID_BODY_MESSAGE, WsApp, type InvalidBodyFrame } from '@wsapp/framework';
import { accepted, FRONT_ENDS, type FrontEnd } from './front-ends';

describe.each(FRONT_ENDS)('typed routes and the heartbeat through the $name front end', (kind) => {
  let frontEnd: FrontEnd | undefined;
  afterEach(async () => {
    await frontEnd?.stop();
    frontEnd = undefined;
  });

  /** An app with a heartbeat and a typed route; `invoked` lists every event any code of the app saw. */
  function heartbeatApp(): { app: WsApp; invoked: string[] } {
    const invoked: string[] = [];
    const app = new WsApp({ name: 'typed' }).heartbeat();
    app.log.setSink(() => undefined);
    app.middleware((event, next) => {
      invoked.push(event.routeKey);
      return next(event);
    });
    app.onWsRoute('say', { body: z.object({ text: z.string() }), twoWay: true }, (event) => `said ${event.jsonBody.text}`);
    return { app, invoked };
  }

  it('answers the heartbeat with its response without running any of the app', async () => {
    const { app, invoked } = heartbeatApp();
    frontEnd = await kind.start(app);
    const client = accepted(await frontEnd.connect());

    client.send('{"action":"ping"}');
    client.send('{"action":"ping","extra":1}');

    expect(await client.frames(2)).toEqual(['{"action":"pong"}', '{"action":"pong"}']);
    expect(invoked).toEqual([]);
  });

  it("runs a route whose body passes its schema and answers one that fails with the invalid-body frame", async () => {
    const { app, invoked } = heartbeatApp();
    frontEnd = await kind.start(app);
    const client = accepted(await frontEnd.connect());

    client.send('{"action":"say","text":"hi"}');
    client.send('{"action":"say","text":5}');

    const [reply, refusal] = await client.frames(2);
    expect(reply).toBe('said hi');
    const frame = JSON.parse(refusal!) as InvalidBodyFrame;
    expect(frame).toEqual({
      message: INVALID_BODY_MESSAGE, routeKey: 'say', issues: [{ path: ['text'], message: expect.any(String) }],
      connectionId: expect.any(String), requestId: expect.any(String),
    });
    expect(invoked).toEqual(['say', 'say']);
    await frontEnd.settle();
    expect(client.received).toHaveLength(2);
  });
});
