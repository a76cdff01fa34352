// #region imports
import { WsApp } from '@wsapp/framework';
import { ChatHandler } from './lib/handler';
import { Sender } from './lib/sender';
import { Storage } from './lib/storage';
// #endregion imports

// #region setup
// The heartbeat route keeps idle browsers connected: API Gateway answers {"action":"ping"} itself.
export const app = new WsApp({ name: 'chalice-chat-example' }).heartbeat();

// The table comes from the TABLE environment variable, read on first use.
const storage = new Storage();
const chat = new ChatHandler(storage, new Sender(app.websocketApi, storage));
// #endregion setup

// #region connect
app.onWsConnect(async (event) => {
  await storage.createConnection(event.connectionId);
});
// #endregion connect

// #region disconnect
app.onWsDisconnect(async (event) => {
  await storage.deleteConnection(event.connectionId);
});
// #endregion disconnect

// #region message
app.onWsMessage(async (event) => {
  await chat.handle(event.connectionId, event.body);
});
// #endregion message

export const handler = app.handler;
