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
 * Connects the page to the chat server at `url`: the controls are enabled while the
 * WebSocket is open, the login form sends the nickname, the join form `/join ROOM`, the leave
 * button `/quit`, and the message form whatever was typed (text or a command).
 *
 * @example
 * ```ts
 * startChatPage(findPageElements(document), websocketUrl(location));
 * ```
 */
export function startChatPage(page: PageElements, url: string): void {
  const socket = new WebSocket(url);
  const view = new DomChatView(page);
  const session = new ChatSession((text) => socket.send(text), view);

  page.status.textContent = `Connecting to ${url}…`;
  socket.addEventListener('open', () => {
    page.status.textContent = `Connected to ${url}`;
    page.controls.disabled = false;
    page.nickname.focus();
  });
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    session.receive(String(event.data));
  });
  socket.addEventListener('close', (event) => {
    page.status.textContent = `Disconnected (${event.code}${event.reason ? ` ${event.reason}` : ''}). Reload the page to reconnect.`;
    page.controls.disabled = true;
  });

  onSubmit(page.loginForm, page.nickname, (nickname) => session.chooseNickname(nickname));
  onSubmit(page.joinForm, page.roomName, (room) => session.join(room));
  onSubmit(page.messageForm, page.message, (text) => session.say(text));
  page.leave.addEventListener('click', () => session.leave());
}
