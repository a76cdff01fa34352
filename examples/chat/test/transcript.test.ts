import { ChatClient } from './chat-client';
import { startChatGateway, type ChatGateway } from './chat-gateway';

// The help text as the Python original builds it ('\n'.join of these lines), trailing spaces included.
const HELP_TEXT = [
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

describe('the seed transcript', () => {
  let gateway: ChatGateway;

  beforeAll(async () => {
    gateway = await startChatGateway();
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('replays John and Jenny line for line, in the order each of them sees it', async () => {
    // Prepare: both connect, John first.
    const john = await ChatClient.connect(gateway.url);
    const jenny = await ChatClient.connect(gateway.url);

    // Act and assess, in the transcript's interleaving.
    expect(await john.ask('John')).toBe('Using nickname: John\nType /help for list of commands.');
    expect(await john.ask('/help')).toBe(HELP_TEXT);
    expect(await john.ask('/join chalice')).toBe('Joined chat room "chalice"');

    expect(await jenny.ask('Jenny')).toBe('Using nickname: Jenny\nType /help for list of commands.');
    expect(await jenny.ask('/help')).toBe(HELP_TEXT);
    expect(await jenny.ask('/join chalice')).toBe('Joined chat room "chalice"');
    expect(await john.next()).toBe('Jenny joined room.');
    expect(await jenny.ask('/ls')).toBe('John\nJenny');

    expect(await john.ask('Hi')).toBe('John: Hi');
    expect(await jenny.next()).toBe('John: Hi');

    expect(await jenny.ask('/nick JennyJones')).toBe('Nickname is: JennyJones');
    expect(await john.next()).toBe('Jenny is now known as JennyJones.');

    expect(await john.ask('/quit')).toBe('Left chat room "chalice"');
    expect(await jenny.next()).toBe('John left room.');
    expect(await john.ask('/ls')).toBe('chalice');

    expect(await jenny.ask('/ls')).toBe('JennyJones');
    expect(await jenny.ask('/room')).toBe('chalice');
    expect(await jenny.ask('/nick')).toBe('Current nickname: JennyJones');

    expect(john.unread()).toEqual([]);
    expect(jenny.unread()).toEqual([]);
    await Promise.all([john.close(), jenny.close()]);
  });
});
