// Routes with a body schema and the heartbeat, as docs/topics/typed-messages.md shows them;
// exercised by docs/test/typed-messages.test.ts with the test client and in a real `wsapp local`.
// docs/snippets/staying-connected.ts types its client with this app.
// #region app
import { WsApp } from '@wsapp/framework';
import { z } from 'zod';

// 1. What a client may send to each route. Any Standard Schema validator works (zod, valibot, ...).
const Join = z.object({ room: z.string().min(1).max(32) });
const SendMessage = z.object({ text: z.string().trim().min(1).max(500) });

/** Connection id -> room, in memory for the example (the chat tutorial keeps it in DynamoDB). */
const rooms = new Map<string, string>();

// 2. The options-first form returns the app, so the chain gives `typeof app` its routes.
export const app = new WsApp({ name: 'typed-chat' })
  .onWsRoute('join', { body: Join }, async (event) => {
    const { room } = event.jsonBody; // { room: string }: the schema's output
    rooms.set(event.connectionId, room);
    await app.websocketApi.send(event.connectionId, JSON.stringify({ joined: room }));
  })
  .onWsRoute('sendmessage', { body: SendMessage }, async (event) => {
    const room = rooms.get(event.connectionId);
    if (room === undefined) {
      await app.websocketApi.send(event.connectionId, JSON.stringify({ error: 'join a room first' }));
      return;
    }
    const members = [...rooms].filter(([, joined]) => joined === room).map(([id]) => id);
    const said = JSON.stringify({ room, text: event.jsonBody.text }); // text is trimmed by now
    const outcomes = await app.websocketApi.broadcast(members, said);
    outcomes.forEach((outcome, index) => outcome.status === 'gone' && rooms.delete(members[index]!));
  })
  // #region heartbeat
  // 3. {"action":"ping"} is answered {"action":"pong"} by API Gateway itself: no Lambda runs.
  .heartbeat();
  // #endregion heartbeat

app.onWsDisconnect((event) => {
  rooms.delete(event.connectionId);
});

export const handler = app.handler;
// #endregion app

// #region decorators
import type { InferSchemaOutput, WebsocketEvent } from '@wsapp/framework';

const Topic = z.object({ topic: z.string().max(100) });

class Topics {
  readonly byRoom = new Map<string, string>();

  // The decorator form validates the same way, and the method gets the schema's output. A
  // two-way route: the invalid-body frame is its route response.
  @app.onWsRoute('topic', { body: Topic, twoWay: true })
  setTopic(event: WebsocketEvent<InferSchemaOutput<typeof Topic>>) {
    const room = rooms.get(event.connectionId) ?? 'lobby';
    this.byRoom.set(room, event.jsonBody.topic);
    return `topic of ${room}: ${event.jsonBody.topic}`;
  }
}

export const topics = new Topics();
// #endregion decorators
