import { createClient } from '@wsapp/client';
import type { app } from '../../app';
import { ChatSession } from './chat-session';
import { DomChatView } from './dom-chat-view';
import type { PageElements } from './page-elements';

/** Calls `handle` with the trimmed value of `input` when `form` is submitted, then clears it. */
function onSubmit(form: HTMLFormElement, input: HTMLInputElement, handle: (value: string) => void): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (value === '') return;
    handle(value);
    input.value = '';
    input.focus();
  });
}

/**
 * Connects the page to the chat server at `url` with `@wsapp/client`, which stays connected:
 * after a drop it reconnects, and what is typed meanwhile is queued and sent once it is back,
 * after the session has told the new connection our nickname and room again. The controls are
 * enabled from the first open; the login form sends the nickname, the join form `/join ROOM`,
 * the leave button `/quit`, and the message form whatever was typed (text or a command).
 *
 * @example
 * ```ts
 * startChatPage(findPageElements(document), websocketUrl(location));
 * ```
 */
export function startChatPage(page: PageElements, url: string): void {
  // The app's heartbeat is the client's default one: {"action":"ping"}, answered by API Gateway.
  const client = createClient<typeof app>(url, { maxQueued: 50 });
  const view = new DomChatView(page);
  const session = new ChatSession((text) => client.send('$default', text), view);

  page.status.textContent = `Connecting to ${url}…`;
  client.on('open', ({ reconnected }) => {
    page.status.textContent = `Connected to ${url}`;
    page.controls.disabled = false;
    if (reconnected) session.resume();
    else page.nickname.focus();
  });
  client.on('message', (_data, text) => session.receive(text));
  client.on('reconnecting', ({ code }) => {
    page.status.textContent = `Connection lost${code ? ` (${code})` : ''}; reconnecting… What you send meanwhile goes out once it is back.`;
  });
  client.on('closed', ({ code, reason, error }) => {
    const why = error instanceof Error ? error.message : `${code ?? ''}${reason ? ` ${reason}` : ''}`;
    page.status.textContent = `Disconnected (${why.trim()}). Reload the page to reconnect.`;
    page.controls.disabled = true;
  });
  client.on('error', (error) => view.show({ kind: 'error', text: error.message }));

  onSubmit(page.loginForm, page.nickname, (nickname) => session.chooseNickname(nickname));
  onSubmit(page.joinForm, page.roomName, (room) => session.join(room));
  onSubmit(page.messageForm, page.message, (text) => session.say(text));
  page.leave.addEventListener('click', () => session.leave());
}
