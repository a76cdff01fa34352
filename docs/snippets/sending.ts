// Sending patterns shown in docs/topics/sending.md; exercised by docs/test/snippets.run.test.ts.
import { WebsocketDisconnectedError, WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'sending-example' });

/** The connections of the app; a DynamoDB table in a real app (see the chat example). */
export const members = new Set<string>();

app.onWsConnect((event) => {
  // Do not send here: the connection does not exist until $connect returns (410 Gone).
  members.add(event.connectionId);
});

app.onWsDisconnect((event) => {
  members.delete(event.connectionId);
});

// #region send
app.onWsRoute('whoami', async (event) => {
  try {
    await app.websocketApi.send(event.connectionId, event.connectionId);
  } catch (error) {
    if (!(error instanceof WebsocketDisconnectedError)) throw error;
    members.delete(error.connectionId); // gone: forget it
  }
});
// #endregion send

// #region broadcast
app.onWsMessage(async (event) => {
  const outcomes = await app.websocketApi.broadcast(members, event.body, { concurrency: 20 });
  for (const outcome of outcomes) {
    if (outcome.status === 'gone') members.delete(outcome.connectionId);
    if (outcome.status === 'failed') console.error('send failed', outcome.connectionId, outcome.error);
  }
});
// #endregion broadcast

// #region info-close
app.onWsRoute('kick', async (event) => {
  const { connectedAt } = await app.websocketApi.info(event.connectionId);
  await app.websocketApi.send(event.connectionId, `bye; you connected at ${connectedAt.toISOString()}`);
  await app.websocketApi.close(event.connectionId); // $disconnect follows
});
// #endregion info-close

// #region heartbeat
// The client sends {"action":"ping"} every few minutes; the two-way route answers "pong".
app.onWsRoute('ping', () => 'pong', { twoWay: true });
// #endregion heartbeat

export const handler = app.handler;

// #region elsewhere
/**
 * Sends from code that is not a WebSocket handler (a queue consumer, a cron job): there is no
 * event to derive the endpoint from, so configure it, e.g. from the stack's WebsocketConnectEndpointURL
 * turned into https://{apiId}.execute-api.{region}.amazonaws.com/{stage}.
 */
export async function notify(endpoint: string, connectionId: string, text: string): Promise<boolean> {
  app.websocketApi.configure({ endpoint });
  try {
    await app.websocketApi.send(connectionId, text);
    return true;
  } catch (error) {
    if (error instanceof WebsocketDisconnectedError) return false;
    throw error;
  }
}
// #endregion elsewhere
