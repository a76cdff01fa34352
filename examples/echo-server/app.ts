import { WebsocketDisconnectedError, WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: 'echo-server' });

app.onWsMessage(async (event) => {
  try {
    await app.websocketApi.send(event.connectionId, event.body);
  } catch (error) {
    // Disconnected, so we can't send the message back.
    if (!(error instanceof WebsocketDisconnectedError)) throw error;
  }
});

export const handler = app.handler;
