import type { ChatState, ChatView, LogEntry } from './chat-session';
import type { PageElements } from './page-elements';

/**
 * Shows a chat session in the page: log lines in the message list (as text, never as HTML),
 * the login form until the server confirmed a nickname, the room and its members.
 *
 * @example
 * ```ts
 * const session = new ChatSession((text) => client.send('$default', text), new DomChatView(findPageElements(document)));
 * ```
 */
export class DomChatView implements ChatView {
  constructor(private readonly page: PageElements) {}

  show(entry: LogEntry): void {
    const document = this.page.messages.ownerDocument;
    const item = document.createElement('li');
    item.className = entry.kind;
    if (entry.sender !== undefined) {
      const sender = document.createElement('span');
      sender.className = 'sender';
      sender.textContent = `${entry.sender}: `;
      item.append(sender);
    }
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = entry.text;
    item.append(text);
    this.page.messages.append(item);
    this.page.messages.scrollTop = this.page.messages.scrollHeight;
  }

  update(state: Readonly<ChatState>): void {
    const { page } = this;
    const signedIn = state.nickname !== undefined;
    const justSignedIn = signedIn && !page.loginForm.hidden;
    page.loginForm.hidden = signedIn;
    page.chat.hidden = !signedIn;
    if (justSignedIn) page.roomName.focus();
    page.room.textContent = `You are ${state.nickname ?? '…'} · ${state.room === undefined ? 'not in a room' : `room ${state.room}`}`;
    page.leave.disabled = state.room === undefined;
    page.members.replaceChildren(
      ...state.members.map((name) => {
        const item = page.members.ownerDocument.createElement('li');
        item.textContent = name;
        if (name === state.nickname) item.className = 'me';
        return item;
      }),
    );
  }
}
