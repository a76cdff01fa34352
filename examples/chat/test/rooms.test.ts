import { ChatClient } from './chat-client';
import { startChatGateway, type ChatGateway } from './chat-gateway';

const ROOMS = ['red', 'green', 'blue'];
const PER_ROOM = 10;
const MESSAGES_EACH = 3;

interface Member {
  name: string;
  room: string;
  client: ChatClient;
}

/** Takes the next `count` messages of a client. */
async function take(client: ChatClient, count: number): Promise<string[]> {
  const messages: string[] = [];
  for (let i = 0; i < count; i++) messages.push(await client.next());
  return messages;
}

describe('three rooms of ten', () => {
  let gateway: ChatGateway;
  let members: Member[];

  beforeAll(async () => {
    gateway = await startChatGateway();
    members = await Promise.all(
      ROOMS.flatMap((room) =>
        Array.from({ length: PER_ROOM }, async (_, i) => {
          const name = `${room}-${i}`;
          return { name, room, client: await ChatClient.login(gateway.url, name) };
        }),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all(members.map((member) => member.client.close()));
    await gateway.close();
  });

  it('announces each joiner to exactly the members of its room who joined before', async () => {
    // Act: rooms fill in parallel, each room one member after another.
    await Promise.all(
      ROOMS.map(async (room) => {
        for (const member of members.filter((m) => m.room === room)) {
          expect(await member.client.ask(`/join ${room}`)).toBe(`Joined chat room "${room}"`);
        }
      }),
    );

    // Assess: member i of a room hears of the PER_ROOM - 1 - i members after it, and nothing else.
    await Promise.all(
      ROOMS.map(async (room) => {
        const inRoom = members.filter((m) => m.room === room);
        for (const [i, member] of inRoom.entries()) {
          const later = inRoom.slice(i + 1).map((m) => `${m.name} joined room.`);
          expect((await take(member.client, later.length)).sort()).toEqual(later.sort());
          expect(await member.client.ask('/ls')).toBe(inRoom.map((m) => m.name).join('\n'));
        }
      }),
    );
  });

  it('delivers every message to everyone in its room and to no one else', async () => {
    // Act: all thirty talk at once.
    for (const member of members) {
      for (let n = 0; n < MESSAGES_EACH; n++) member.client.send(`message ${n} in ${member.room}`);
    }

    // Assess: each member receives its room's PER_ROOM x MESSAGES_EACH lines, exactly.
    await Promise.all(
      members.map(async (member) => {
        const expected = members
          .filter((m) => m.room === member.room)
          .flatMap((m) => Array.from({ length: MESSAGES_EACH }, (_, n) => `${m.name}: message ${n} in ${m.room}`));
        expect((await take(member.client, expected.length)).sort()).toEqual(expected.sort());
      }),
    );
    // Each connection's handlers run in order, so once everyone has answered /room, every
    // broadcast is done; a second /room proves no stray line was written before it.
    for (let round = 0; round < 2; round++) {
      await Promise.all(
        members.map(async (member) => expect(await member.client.ask('/room')).toBe(member.room)),
      );
    }
    for (const member of members) expect(member.client.unread()).toEqual([]);
  });
});
