// #region import
import { WebsocketDisconnectedError, WsApp } from '@wsapp/framework';
// #endregion import

// #region app
export const app = new WsApp({ name: 'echo-server' });
// #endregion app

// #region message
app.onWsMessage(async (event) => {
  try {
    await app.websocketApi.send(event.connectionId, event.body);
  } catch (error) {
    // Disconnected, so we can't send the message back.
    if (!(error instanceof WebsocketDisconnectedError)) throw error;
  }
});
// #endregion message

// #region handler
export const handler = app.handler;
// #endregion handler
