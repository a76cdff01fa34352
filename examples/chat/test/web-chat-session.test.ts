import { HELP_TEXT } from '../lib/handler';
import { parseChatMessage, type ChatMessage } from '../web/src/chat-messages';
import { ChatSession, type ChatState, type LogEntry } from '../web/src/chat-session';

/** A session whose sent frames and shown lines are recorded, signed in as John. */
function signedInSession(): { session: ChatSession; sent: string[]; shown: LogEntry[]; state: () => ChatState } {
  const sent: string[] = [];
  const shown: LogEntry[] = [];
  let state: ChatState = { nickname: undefined, room: undefined, members: [] };
  const session = new ChatSession((text) => sent.push(text), {
    show: (entry) => shown.push(entry),
    update: (next) => (state = { ...next, members: [...next.members] }),
  });
  session.chooseNickname('John');
  session.receive('Using nickname: John\nType /help for list of commands.');
  return { session, sent, shown, state: () => state };
}

describe('parseChatMessage', () => {
  it.each<[string, ChatMessage]>([
    ['Using nickname: John\nType /help for list of commands.', { kind: 'nickname', nickname: 'John', text: 'Using nickname: John\nType /help for list of commands.' }],
    ['Nickname is: Johnny', { kind: 'nickname', nickname: 'Johnny', text: 'Nickname is: Johnny' }],
    ['Joined chat room "chalice"', { kind: 'joined', room: 'chalice', text: 'Joined chat room "chalice"' }],
    ['Left chat room "chalice"', { kind: 'left', room: 'chalice', text: 'Left chat room "chalice"' }],
    ['Jane joined room.', { kind: 'member-joined', name: 'Jane', text: 'Jane joined room.' }],
    ['Jane left room.', { kind: 'member-left', name: 'Jane', text: 'Jane left room.' }],
    ['Jane is now known as Janet.', { kind: 'renamed', from: 'Jane', to: 'Janet', text: 'Jane is now known as Janet.' }],
    ['Jane: hello: world', { kind: 'chat', sender: 'Jane', text: 'hello: world' }],
    ['Jane: I joined room.', { kind: 'chat', sender: 'Jane', text: 'I joined room.' }],
    ['Unknown command: dance', { kind: 'info', text: 'Unknown command: dance' }],
    ['Current nickname: John', { kind: 'info', text: 'Current nickname: John' }],
    ['Message is too long: at most 131072 bytes.', { kind: 'info', text: 'Message is too long: at most 131072 bytes.' }],
    ['Jane\nJohn', { kind: 'info', text: 'Jane\nJohn' }],
    [
      '{"message": "Internal server error", "connectionId":"abc=", "requestId":"def="}',
      { kind: 'error', text: 'Internal server error' },
    ],
  ])('recognises %j', (text, expected) => {
    expect(parseChatMessage(text)).toEqual(expected);
  });

  it("takes /help's answer for a reply, not a chat line", () => {
    expect(parseChatMessage(HELP_TEXT)).toEqual({ kind: 'info', text: HELP_TEXT });
  });
});

describe('ChatSession', () => {
  it('sends the nickname first and shows the page signed in once the server confirms it', () => {
    const { sent, state } = signedInSession();

    expect(sent).toEqual(['John']);
    expect(state()).toEqual({ nickname: 'John', room: undefined, members: [] });
  });

  it('asks for the member list after joining and shows the answer as the members, not in the log', () => {
    const { session, sent, shown, state } = signedInSession();

    session.join('chalice');
    session.receive('Joined chat room "chalice"');
    session.receive('Jane\nJohn');

    expect(sent).toEqual(['John', '/join chalice', '/ls']);
    expect(state()).toEqual({ nickname: 'John', room: 'chalice', members: ['Jane', 'John'] });
    expect(shown.map((entry) => entry.text)).not.toContain('Jane\nJohn');
  });

  it.each(['Jane joined room.', 'Jane left room.', 'Jane is now known as Janet.'])(
    'asks for the member list again after "%s"',
    (notice) => {
      const { session, sent, shown } = signedInSession();
      session.receive('Joined chat room "chalice"');
      session.receive('John');

      session.receive(notice);

      expect(sent.slice(-1)).toEqual(['/ls']);
      expect(shown.slice(-1)).toEqual([{ kind: 'notice', text: notice }]);
    },
  );

  it('asks for the member list when someone not on it speaks', () => {
    const { session, sent } = signedInSession();
    session.receive('Joined chat room "chalice"');
    session.receive('John');

    session.receive('Jane: hello');

    expect(sent.slice(-1)).toEqual(['/ls']);
  });

  it('takes a reply for the member list only while /ls is outstanding and when it names us', () => {
    const { session, shown, state } = signedInSession();
    session.receive('Joined chat room "chalice"');

    session.say('/room');
    session.receive('chalice');
    session.receive('Jane\nJohn');
    session.receive('Jane\nJohn');

    expect(state().members).toEqual(['Jane', 'John']);
    expect(shown.slice(-2)).toEqual([
      { kind: 'info', text: 'chalice' },
      { kind: 'info', text: 'Jane\nJohn' },
    ]);
  });

  it('takes the answer to a /ls the user typed as the member list', () => {
    const { session, sent, state } = signedInSession();
    session.receive('Joined chat room "chalice"');
    session.receive('John');

    session.say('/LS');
    session.receive('Jane\nJohn');

    expect(sent.slice(-1)).toEqual(['/LS']);
    expect(state().members).toEqual(['Jane', 'John']);
  });

  it('marks our own chat lines as mine and the others as chat', () => {
    const { session, shown } = signedInSession();
    session.receive('Joined chat room "chalice"');
    session.receive('Jane\nJohn');

    session.say('hi');
    session.receive('John: hi');
    session.receive('Jane: hello');

    expect(shown.slice(-2)).toEqual([
      { kind: 'mine', sender: 'John', text: 'hi' },
      { kind: 'chat', sender: 'Jane', text: 'hello' },
    ]);
  });

  it('clears the room and its members on leaving', () => {
    const { session, sent, state } = signedInSession();
    session.receive('Joined chat room "chalice"');
    session.receive('Jane\nJohn');

    session.leave();
    session.receive('Left chat room "chalice"');

    expect(sent.slice(-1)).toEqual(['/quit']);
    expect(state()).toEqual({ nickname: 'John', room: undefined, members: [] });
  });

  it('tells a new connection our nickname and room again after a reconnect', () => {
    const { session, sent } = signedInSession();
    session.join('chalice');
    session.receive('Joined chat room "chalice"');
    sent.length = 0;

    session.resume();

    expect(sent).toEqual(['John', '/join chalice']);
  });

  it('sends nothing on a reconnect before a nickname was confirmed', () => {
    const sent: string[] = [];
    const session = new ChatSession((text) => sent.push(text), { show: () => undefined, update: () => undefined });

    session.resume();

    expect(sent).toEqual([]);
  });

  it("shows the gateway's error frames as errors", () => {
    const { session, shown } = signedInSession();

    session.receive('{"message": "Internal server error", "connectionId":"abc=", "requestId":"def="}');

    expect(shown.slice(-1)).toEqual([{ kind: 'error', text: 'Internal server error' }]);
  });
});
