import resources from '../resources.json';
import { ChatClient } from './chat-client';
import { startChatGateway, type ChatGateway } from './chat-gateway';

const NOT_IN_ROOM = 'Not currently in a room. Type /join {room_name} to do so.';

describe('chat commands', () => {
  let gateway: ChatGateway;
  const clients: ChatClient[] = [];

  async function login(name: string): Promise<ChatClient> {
    const client = await ChatClient.login(gateway.url, name);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    gateway = await startChatGateway();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await gateway.close();
  });

  // First, while the table is still empty.
  it('lists every open room, sorted, when not in a room', async () => {
    const ann = await login('Ann');
    const bob = await login('Bob');
    const cid = await login('Cid');
    expect(await ann.ask('/ls')).toBe('No rooms yet. Type /join {room_name} to open one.');
    expect(await bob.ask('/join zebra')).toBe('Joined chat room "zebra"');
    expect(await cid.ask('/join apple')).toBe('Joined chat room "apple"');
    expect(await ann.ask('/ls')).toBe('apple\nzebra');
  });

  it('answers an unknown command with its name', async () => {
    const ann = await login('Ann');
    expect(await ann.ask('/dance')).toBe('Unknown command: dance');
    expect(await ann.ask('/LOUD now')).toBe('Unknown command: loud');
    expect(await ann.ask('/')).toBe('Unknown command: ');
  });

  it('reads command names case-insensitively', async () => {
    const ann = await login('Ann');
    expect(await ann.ask('/ROOM')).toBe(NOT_IN_ROOM);
  });

  it('answers /join without a room with its usage', async () => {
    const ann = await login('Ann');
    expect(await ann.ask('/join')).toBe('Usage: /join {chat_room_name}');
    expect(await ann.ask('/join    ')).toBe('Usage: /join {chat_room_name}');
    expect(await ann.ask('/room')).toBe(NOT_IN_ROOM);
  });

  it('refuses to send text outside a room', async () => {
    const ann = await login('Ann');
    expect(await ann.ask('hello?')).toBe('Cannot send message if not in chatroom.');
  });

  it('answers /room and /quit outside a room with how to join one', async () => {
    const ann = await login('Ann');
    expect(await ann.ask('/room')).toBe(NOT_IN_ROOM);
    expect(await ann.ask('/quit')).toBe(NOT_IN_ROOM);
  });

  it('ignores empty and whitespace-only messages, before and after the nickname', async () => {
    const ann = await ChatClient.connect(gateway.url);
    clients.push(ann);
    ann.send('');
    ann.send('   ');
    ann.send('\n\t');
    expect(await ann.ask('Ann')).toBe('Using nickname: Ann\nType /help for list of commands.');
    ann.send('');
    ann.send('  \n ');
    // Handlers for one connection run in arrival order: had the blanks been answered, their
    // answers would come before this one.
    expect(await ann.ask('/nick')).toBe('Current nickname: Ann');
    expect(ann.unread()).toEqual([]);
  });

  it('trims the nickname sent as the first message', async () => {
    const ann = await ChatClient.connect(gateway.url);
    clients.push(ann);
    expect(await ann.ask('  Ann Lee \n')).toBe('Using nickname: Ann Lee\nType /help for list of commands.');
    expect(await ann.ask('/nick')).toBe('Current nickname: Ann Lee');
  });

  it('round-trips nicknames and rooms that contain underscores and spaces', async () => {
    // Prepare
    const ann = await login('ann_the_first');
    const bob = await login('Bob');

    // Act
    expect(await ann.ask('/join my_room with spaces')).toBe('Joined chat room "my_room with spaces"');
    expect(await bob.ask('/join   my_room with spaces  ')).toBe('Joined chat room "my_room with spaces"');
    expect(await ann.next()).toBe('Bob joined room.');
    expect(await bob.ask('/nick Bob _the_ Builder')).toBe('Nickname is: Bob _the_ Builder');
    expect(await ann.next()).toBe('Bob is now known as Bob _the_ Builder.');

    // Assess
    expect(await ann.ask('/room')).toBe('my_room with spaces');
    expect(await ann.ask('/nick')).toBe('Current nickname: ann_the_first');
    expect(await bob.ask('/nick')).toBe('Current nickname: Bob _the_ Builder');
    expect(await bob.ask('/ls')).toBe('ann_the_first\nBob _the_ Builder');
    expect(await bob.ask('hi all')).toBe('Bob _the_ Builder: hi all');
    expect(await ann.next()).toBe('Bob _the_ Builder: hi all');
    expect(await ann.ask('/quit')).toBe('Left chat room "my_room with spaces"');
    expect(await bob.next()).toBe('ann_the_first left room.');
    expect((await ann.ask('/ls')).split('\n')).toContain('my_room with spaces');
  });

  it('moves to another room on /join, telling both rooms', async () => {
    const ann = await login('Ann');
    const bob = await login('Bob');
    const cid = await login('Cid');
    await bob.ask('/join red');
    await cid.ask('/join blue');
    expect(await ann.ask('/join red')).toBe('Joined chat room "red"');
    expect(await bob.next()).toBe('Ann joined room.');

    ann.send('/join blue');
    expect(await ann.next()).toBe('Left chat room "red"');
    expect(await ann.next()).toBe('Joined chat room "blue"');
    expect(await bob.next()).toBe('Ann left room.');
    expect(await cid.next()).toBe('Ann joined room.');
    expect(await bob.ask('/ls')).toBe('Bob');
    expect(await cid.ask('/ls')).toBe('Cid\nAnn');
  });

  it('refuses nicknames and room names over 100 characters', async () => {
    const ann = await ChatClient.connect(gateway.url);
    clients.push(ann);
    const long = 'x'.repeat(101);
    expect(await ann.ask(long)).toBe('Nickname is too long: at most 100 characters.');
    expect(await ann.ask('x'.repeat(100))).toBe(`Using nickname: ${'x'.repeat(100)}\nType /help for list of commands.`);
    expect(await ann.ask(`/nick ${long}`)).toBe('Nickname is too long: at most 100 characters.');
    expect(await ann.ask(`/join ${long}`)).toBe('Room name is too long: at most 100 characters.');
    expect(await ann.ask('/room')).toBe(NOT_IN_ROOM);
  });

  // Last: every command above has run.
  it('calls exactly the DynamoDB actions that resources.json grants', () => {
    const statements = resources.Resources.DefaultRole.Properties.Policies[0]?.PolicyDocument.Statement ?? [];
    const granted = statements.flatMap((statement) => statement.Action).filter((a) => a.startsWith('dynamodb:'));
    const used = gateway.dynamoOperations().map((operation) => `dynamodb:${operation}`);
    expect([...new Set(granted)].sort()).toEqual(used);
  });
});
