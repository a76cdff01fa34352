// Authentication on $connect: the token travels in the query string (`?token=...`) or as a
// WebSocket subprotocol (`Sec-WebSocket-Protocol: chat.v1, <token>`), the two places a browser
// can put it. Shown in docs/topics/auth.md; exercised by docs/test/snippets.run.test.ts.
import { WsApp, type WebsocketEvent, type WebsocketResponse } from '@wsapp/framework';

export const app = new WsApp({ name: 'auth-example' });

// #region verify
/** Stand-in for a real verifier (a JWT library, a sessions table): token -> user id. */
const USERS_BY_TOKEN = new Map([['secret-token-1', 'alice']]);

function userFor(token: string | undefined): string | undefined {
  return token === undefined ? undefined : USERS_BY_TOKEN.get(token);
}
// #endregion verify

// #region connect
/** The application protocol this API speaks; a client offers it next to its token. */
const PROTOCOL = 'chat.v1';

/** Connection id -> user. Keep this in DynamoDB in a real app: each event may run in another Lambda. */
export const users = new Map<string, string>();

app.onWsConnect((event: WebsocketEvent): WebsocketResponse => {
  // Offered subprotocols, e.g. "chat.v1, secret-token-1".
  const offered = (event.headers.get('sec-websocket-protocol') ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
  const token = event.query.token ?? offered.find((protocol) => protocol !== PROTOCOL);
  if (token === undefined) return { statusCode: 401 };
  const user = userFor(token);
  if (user === undefined) return { statusCode: 403 };
  users.set(event.connectionId, user);
  // A client that offered subprotocols must get one of them back, or it drops the connection.
  return offered.includes(PROTOCOL)
    ? { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': PROTOCOL } }
    : { statusCode: 200 };
});
// #endregion connect

// #region message
app.onWsMessage(async (event) => {
  await app.websocketApi.send(event.connectionId, `${users.get(event.connectionId)}: ${event.body}`);
});

app.onWsDisconnect((event) => {
  users.delete(event.connectionId);
});
// #endregion message

export const handler = app.handler;
