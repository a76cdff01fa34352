import { MAX_PAYLOAD_BYTES } from '@wsapp/framework';
import type { Sender } from './sender';
import type { ConnectionRecord, Storage } from './storage';

/**
 * The longest nickname or room name accepted, in characters (they are part of DynamoDB keys).
 *
 * @example
 * ```ts
 * if (name.length > MAX_NAME_LENGTH) throw new Error('too long');
 * ```
 */
export const MAX_NAME_LENGTH = 100;

/**
 * The answer to `/help`, line for line (trailing spaces included) as the Chalice original sends it.
 *
 * @example
 * ```ts
 * await sender.send(connectionId, HELP_TEXT);
 * ```
 */
export const HELP_TEXT = [
  'Commands available:',
  '    /help',
  '          Display this message.',
  '    /join {chat_room_name}',
  '          Join a chatroom named {chat_room_name}.',
  '    /nick {nickname}',
  '          Change your name to {nickname}. If no {nickname}',
  '          is provided then your current name will be printed',
  '    /room',
  '          Print out the name of the room you are currently ',
  '          in.',
  '    /ls',
  '          If you are in a room, list all users also in the',
  '          room. Otherwise, list all rooms.',
  '    /quit',
  '          Leave current room.',
  '',
  'If you are in a room, raw text messages that do not start ',
  'with a / will be sent to everyone else in the room.',
].join('\n');

const NOT_IN_ROOM = 'Not currently in a room. Type /join {room_name} to do so.';
const NO_ROOMS = 'No rooms yet. Type /join {room_name} to open one.';

type Command = (connectionId: string, argument: string, record: ConnectionRecord) => Promise<void>;

/**
 * The chat itself. The first message of a connection is its nickname; after that a message
 * starting with `/` is a command (`/help`, `/join ROOM`, `/nick [NAME]`, `/room`, `/ls`,
 * `/quit`) and anything else is said to the room as `name: text`. A command's argument is
 * the rest of the line, trimmed, so names and rooms may contain spaces and `_`.
 * Empty and whitespace-only messages are ignored.
 *
 * @example
 * ```ts
 * const chat = new ChatHandler(storage, new Sender(app.websocketApi, storage));
 * app.onWsMessage(async (event) => chat.handle(event.connectionId, event.body));
 * ```
 */
export class ChatHandler {
  private readonly commands = new Map<string, Command>([
    ['help', (id) => this.sender.send(id, HELP_TEXT)],
    ['nick', (id, name, record) => this.nick(id, name, record)],
    ['join', (id, room, record) => this.join(id, room, record)],
    ['room', (id, _, record) => this.sender.send(id, record.room ?? NOT_IN_ROOM)],
    ['quit', (id, _, record) => this.quit(id, record)],
    ['ls', (id, _, record) => this.list(id, record)],
  ]);

  constructor(
    private readonly storage: Storage,
    private readonly sender: Sender,
  ) {}

  /** Handles one message from a connection. */
  async handle(connectionId: string, message: string): Promise<void> {
    if (message.trim() === '') return;
    const record = await this.storage.getRecordByConnection(connectionId);
    if (record.username === '') await this.login(connectionId, message.trim());
    else if (message.startsWith('/')) await this.command(connectionId, message, record);
    else await this.say(connectionId, message, record);
  }

  private async login(connectionId: string, username: string): Promise<void> {
    if (await this.refuseLongName(connectionId, 'Nickname', username)) return;
    await this.storage.setUsername(connectionId, '', username);
    await this.sender.send(connectionId, `Using nickname: ${username}\nType /help for list of commands.`);
  }

  private async command(connectionId: string, message: string, record: ConnectionRecord): Promise<void> {
    const [, name = '', argument = ''] = /^\/(\S*)\s*([\s\S]*)$/.exec(message) ?? [];
    const commandName = name.toLowerCase();
    const command = this.commands.get(commandName);
    if (command) await command(connectionId, argument.trim(), record);
    else await this.sender.send(connectionId, `Unknown command: ${commandName}`);
  }

  private async say(connectionId: string, text: string, record: ConnectionRecord): Promise<void> {
    if (!record.room) {
      await this.sender.send(connectionId, 'Cannot send message if not in chatroom.');
      return;
    }
    const line = `${record.username}: ${text}`;
    if (Buffer.byteLength(line) > MAX_PAYLOAD_BYTES) {
      await this.sender.send(connectionId, `Message is too long: at most ${MAX_PAYLOAD_BYTES} bytes.`);
      return;
    }
    await this.sender.broadcast(await this.storage.getConnectionIdsByRoom(record.room), line);
  }

  private async nick(connectionId: string, nick: string, record: ConnectionRecord): Promise<void> {
    if (nick === '') {
      await this.sender.send(connectionId, `Current nickname: ${record.username}`);
      return;
    }
    if (await this.refuseLongName(connectionId, 'Nickname', nick)) return;
    await this.storage.setUsername(connectionId, record.username, nick, record.room);
    await this.sender.send(connectionId, `Nickname is: ${nick}`);
    if (record.room) {
      const others = await this.othersInRoom(connectionId, record.room);
      await this.sender.broadcast(others, `${record.username} is now known as ${nick}.`);
    }
  }

  private async join(connectionId: string, room: string, record: ConnectionRecord): Promise<void> {
    if (room === '') {
      await this.sender.send(connectionId, 'Usage: /join {chat_room_name}');
      return;
    }
    if (await this.refuseLongName(connectionId, 'Room name', room)) return;
    if (record.room) await this.leave(connectionId, record.room, record.username);
    const others = await this.othersInRoom(connectionId, room);
    await this.storage.setRoom(connectionId, room, record.username);
    await this.sender.send(connectionId, `Joined chat room "${room}"`);
    await this.sender.broadcast(others, `${record.username} joined room.`);
  }

  private async quit(connectionId: string, record: ConnectionRecord): Promise<void> {
    if (record.room) await this.leave(connectionId, record.room, record.username);
    else await this.sender.send(connectionId, NOT_IN_ROOM);
  }

  private async leave(connectionId: string, room: string, username: string): Promise<void> {
    await this.storage.removeRoom(connectionId, room);
    await this.sender.send(connectionId, `Left chat room "${room}"`);
    await this.sender.broadcast(await this.othersInRoom(connectionId, room), `${username} left room.`);
  }

  private async list(connectionId: string, record: ConnectionRecord): Promise<void> {
    if (record.room) {
      const members = await this.storage.getRoomMembers(record.room);
      await this.sender.send(connectionId, members.map((member) => member.username).join('\n'));
      return;
    }
    const rooms = await this.storage.listRooms();
    await this.sender.send(connectionId, rooms.length > 0 ? rooms.join('\n') : NO_ROOMS);
  }

  /** The room's connections except this one (the index may lag behind a join or a leave). */
  private async othersInRoom(connectionId: string, room: string): Promise<string[]> {
    return (await this.storage.getConnectionIdsByRoom(room)).filter((id) => id !== connectionId);
  }

  private async refuseLongName(connectionId: string, what: string, name: string): Promise<boolean> {
    if (name.length <= MAX_NAME_LENGTH) return false;
    await this.sender.send(connectionId, `${what} is too long: at most ${MAX_NAME_LENGTH} characters.`);
    return true;
  }
}
