/**
 * One message from the chat server, recognised by its wording (the server sends plain text).
 *
 * - `nickname`: the server confirmed our nickname (`Using nickname: X`, `Nickname is: X`).
 * - `joined` / `left`: we joined or left a room (`Joined chat room "R"`, `Left chat room "R"`).
 * - `member-joined` / `member-left` / `renamed`: someone else in our room did.
 * - `chat`: a line said in the room, `sender: text` (ours too).
 * - `error`: API Gateway's error frame (`{"message": "Internal server error", ...}`).
 * - `info`: anything else: help, the room's name, a member or room list, a refusal.
 *
 * @example
 * ```ts
 * const message: ChatMessage = { kind: 'chat', sender: 'Jane', text: 'hello' };
 * ```
 */
export type ChatMessage =
  | { kind: 'nickname'; nickname: string; text: string }
  | { kind: 'joined'; room: string; text: string }
  | { kind: 'left'; room: string; text: string }
  | { kind: 'member-joined'; name: string; text: string }
  | { kind: 'member-left'; name: string; text: string }
  | { kind: 'renamed'; from: string; to: string; text: string }
  | { kind: 'chat'; sender: string; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'info'; text: string };

/** Recognises one kind of message, or returns undefined. */
type Rule = (text: string) => ChatMessage | undefined;

function rule(pattern: RegExp, build: (groups: string[], text: string) => ChatMessage): Rule {
  return (text) => {
    const match = pattern.exec(text);
    return match ? build(match.slice(1).map((group) => group ?? ''), text) : undefined;
  };
}

function gatewayError(text: string): ChatMessage | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const frame: unknown = JSON.parse(text);
    if (typeof frame !== 'object' || frame === null || !('message' in frame) || !('connectionId' in frame)) return undefined;
    return { kind: 'error', text: String(frame.message) };
  } catch {
    return undefined;
  }
}

/** In order: the first rule that recognises a message wins. */
const RULES: Rule[] = [
  rule(/^Using nickname: (.*)\nType \/help for list of commands\.$/, ([nickname = ''], text) => ({ kind: 'nickname', nickname, text })),
  rule(/^Nickname is: (.*)$/, ([nickname = ''], text) => ({ kind: 'nickname', nickname, text })),
  rule(/^Joined chat room "(.*)"$/, ([room = ''], text) => ({ kind: 'joined', room, text })),
  rule(/^Left chat room "(.*)"$/, ([room = ''], text) => ({ kind: 'left', room, text })),
  gatewayError,
  // Replies that contain `: ` but are not said by anyone.
  rule(/^(?:Unknown command|Current nickname|(?:Nickname|Room name|Message) is too long): /, (_, text) => ({ kind: 'info', text })),
  // Before the notices, so that "Jane: I joined room." is a chat line.
  rule(/^([^\n]*?): ([\s\S]*)$/, ([sender = '', said = '']) => ({ kind: 'chat', sender, text: said })),
  rule(/^(.*) joined room\.$/, ([name = ''], text) => ({ kind: 'member-joined', name, text })),
  rule(/^(.*) left room\.$/, ([name = ''], text) => ({ kind: 'member-left', name, text })),
  rule(/^(.*) is now known as (.*)\.$/, ([from = '', to = ''], text) => ({ kind: 'renamed', from, to, text })),
];

/**
 * Recognises one message from the chat server (see {@link ChatMessage}).
 *
 * @example
 * ```ts
 * parseChatMessage('Jane joined room.'); // { kind: 'member-joined', name: 'Jane', text: 'Jane joined room.' }
 * parseChatMessage('Jane: hello');       // { kind: 'chat', sender: 'Jane', text: 'hello' }
 * ```
 */
export function parseChatMessage(text: string): ChatMessage {
  for (const recognise of RULES) {
    const message = recognise(text);
    if (message) return message;
  }
  return { kind: 'info', text };
}
