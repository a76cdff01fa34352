import { parseChatMessage } from './chat-messages';

/**
 * What the page shows besides the messages: our nickname (once the server confirmed it), the
 * room we are in, and who is in it (as the last `/ls` answered, in its order).
 *
 * @example
 * ```ts
 * const state: ChatState = { nickname: 'John', room: 'chalice', members: ['Jane', 'John'] };
 * ```
 */
export interface ChatState {
  nickname: string | undefined;
  room: string | undefined;
  members: string[];
}

/**
 * One line of the message log: `chat` (said by someone else), `mine` (said by us), `notice`
 * (someone joined, left, or changed name), `info` (a reply of the server) or `error`.
 *
 * @example
 * ```ts
 * const entry: LogEntry = { kind: 'chat', sender: 'Jane', text: 'hello' };
 * ```
 */
export interface LogEntry {
  kind: 'chat' | 'mine' | 'notice' | 'info' | 'error';
  sender?: string;
  text: string;
}

/**
 * Where a {@link ChatSession} shows what happens.
 *
 * @example
 * ```ts
 * const view: ChatView = { show: (entry) => console.log(entry.text), update: (state) => console.log(state.members) };
 * ```
 */
export interface ChatView {
  /** Adds a line to the message log. */
  show(entry: LogEntry): void;
  /** Shows the nickname, room and members after a change. */
  update(state: Readonly<ChatState>): void;
}

/**
 * The chat as the page sees it, without the DOM: it sends what the user asks for, recognises
 * what the server sends back, and keeps the member list fresh by asking `/ls` whenever the
 * room's membership may have changed (we joined, someone joined, left or changed name, or
 * someone not on the list spoke). The server's answer to `/ls` is a bare list of names, so it
 * is taken as the member list only while a `/ls` is outstanding and when it names us.
 *
 * @example
 * ```ts
 * const client = createClient(url);
 * const session = new ChatSession((text) => client.send('$default', text), view);
 * client.on('message', (_data, text) => session.receive(text));
 * client.on('open', ({ reconnected }) => reconnected && session.resume());
 * session.chooseNickname('John');
 * ```
 */
export class ChatSession {
  private readonly current: ChatState = { nickname: undefined, room: undefined, members: [] };
  private outstandingLs = 0;

  constructor(
    private readonly send: (text: string) => void,
    private readonly view: ChatView,
  ) {}

  /** Sends the first message of the connection, which the server takes as our nickname. */
  chooseNickname(nickname: string): void {
    this.send(nickname);
  }

  /** Joins a room (leaving the current one). */
  join(room: string): void {
    this.send(`/join ${room}`);
  }

  /**
   * After a reconnect: the new connection is a stranger to the server, so tell it our nickname
   * and room again (before anything typed during the outage goes out).
   */
  resume(): void {
    const { nickname, room } = this.current;
    if (nickname === undefined) return;
    this.send(nickname);
    if (room !== undefined) this.join(room);
  }

  /** Leaves the current room. */
  leave(): void {
    this.send('/quit');
  }

  /** Says `text` to the room, or runs it when it is a command such as `/help`. */
  say(text: string): void {
    if (/^\/ls(\s|$)/i.test(text) && this.current.room !== undefined) this.outstandingLs++;
    this.send(text);
  }

  /** Handles one message from the server. */
  receive(text: string): void {
    const message = parseChatMessage(text);
    switch (message.kind) {
      case 'nickname':
        this.current.nickname = message.nickname;
        this.view.show({ kind: 'info', text: message.text });
        this.refreshMembers();
        break;
      case 'joined':
        this.current.room = message.room;
        this.view.show({ kind: 'info', text: message.text });
        this.refreshMembers();
        break;
      case 'left':
        this.current.room = undefined;
        this.current.members = [];
        this.view.show({ kind: 'info', text: message.text });
        break;
      case 'member-joined':
      case 'member-left':
      case 'renamed':
        this.view.show({ kind: 'notice', text: message.text });
        this.refreshMembers();
        break;
      case 'chat':
        this.view.show({ kind: message.sender === this.current.nickname ? 'mine' : 'chat', sender: message.sender, text: message.text });
        if (!this.current.members.includes(message.sender)) this.refreshMembers();
        break;
      case 'error':
        this.view.show({ kind: 'error', text: message.text });
        break;
      case 'info':
        if (this.isMemberList(message.text)) {
          this.outstandingLs--;
          this.current.members = message.text.split('\n');
        } else {
          this.view.show({ kind: 'info', text: message.text });
        }
        break;
    }
    this.view.update(this.current);
  }

  private isMemberList(text: string): boolean {
    const { nickname, room } = this.current;
    return this.outstandingLs > 0 && room !== undefined && nickname !== undefined && text.split('\n').includes(nickname);
  }

  /** Asks for the member list when in a room; the server answers in order, so the last answer is the latest. */
  private refreshMembers(): void {
    if (this.current.room === undefined) return;
    this.outstandingLs++;
    this.send('/ls');
  }
}
