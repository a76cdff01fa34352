// A client of the typed-messages app that stays in its room across drops, as
// docs/topics/staying-connected.md shows it; docs/test/staying-connected.test.ts runs it against a
// real local gateway on a manual clock.
// #region client
import { createClient, type WebsocketClientOptions } from '@wsapp/client';
import type { app } from './typed-messages'; // types only: nothing of the server is bundled

/** Joins `room` and stays in it; `show` gets every message and every change of the connection. */
export function chatClient(url: string, room: string, show: (line: string) => void, options: WebsocketClientOptions<typeof app> = {}) {
  const client = createClient<typeof app>(url, options);

  // Each open is a new connection id, in no room yet: join here. What this listener sends goes
  // out first; what was sent while offline follows, on a connection that has joined.
  client.on('open', ({ reconnected, switchOver }) => {
    client.send('join', { room });
    if (reconnected && !switchOver) show('(back online)');
  });
  client.on('reconnecting', ({ attempt, delayMs, code }) => show(`(offline: closed with ${code}, attempt ${attempt} in ${delayMs} ms)`));
  client.on('closed', ({ error }) => show(error ? `(stopped: ${error.message})` : '(closed)'));
  client.on('message', (_data, text) => show(text));
  return client;
}
// #endregion client
