import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalGateway } from '@wsapp/local';
import { joinRoom, openChat as openChatPage, say, waitForLine, type ChatPage } from './chat-page-driver';
import { startChatPageStack, type ChatPageStack } from './chat-page-stack';

const REPO = join(__dirname, '..', '..', '..');
const SCREENSHOT = join(REPO, 'test-output', 'browser', 'chat.png');

describe('the chat page in headless Chromium', () => {
  let stack: ChatPageStack;
  let gateway: LocalGateway;

  beforeAll(async () => {
    stack = await startChatPageStack();
    gateway = stack.gateway;
  }, 120_000);

  afterAll(() => stack?.close(), 60_000);

  const openChat = (nickname: string): Promise<ChatPage> => openChatPage(stack.browser.context, gateway.staticUrl ?? '', nickname);

  /** Resolves with the member list once it names everyone in `names`. */
  async function membersOnceListed({ page }: ChatPage, names: string[]): Promise<string[]> {
    const members = page.getByRole('list', { name: 'Members' });
    for (const name of names) await members.getByText(name, { exact: true }).waitFor();
    return (await members.getByRole('listitem').allTextContents()).sort();
  }

  it('lets two people choose nicknames, join a room, and chat with each other', async () => {
    // Prepare
    const john = await openChat('John');
    const jane = await openChat('Jane');

    // Act
    await joinRoom(john, 'chalice');
    await joinRoom(jane, 'chalice');
    await say(john, 'Hello Jane');
    await waitForLine(jane, 'chat', 'John: Hello Jane');
    await say(jane, 'Hi John, I can see you');
    await waitForLine(john, 'chat', 'Jane: Hi John, I can see you');

    // Assess
    await waitForLine(john, 'mine', 'John: Hello Jane');
    await waitForLine(jane, 'mine', 'Jane: Hi John, I can see you');
    expect(await membersOnceListed(john, ['John', 'Jane'])).toEqual(['Jane', 'John']);
    expect(await membersOnceListed(jane, ['John', 'Jane'])).toEqual(['Jane', 'John']);
    expect(await john.page.locator('#members li.me').textContent()).toBe('John');
    expect(await john.page.getByRole('status').textContent()).toBe(`Connected to ${gateway.url}`);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await john.page.screenshot({ path: SCREENSHOT });
    expect([...john.errors, ...jane.errors]).toEqual([]);
  }, 180_000);

  it('keeps the member list current when someone changes name or leaves the room', async () => {
    // Prepare
    const ann = await openChat('Ann');
    const bob = await openChat('Bob');
    await joinRoom(ann, 'lobby');
    await joinRoom(bob, 'lobby');
    const annSees = ann.page.getByRole('list', { name: 'Members' });
    await annSees.getByText('Bob', { exact: true }).waitFor();

    // Act
    await say(bob, '/nick Robert');
    await annSees.getByText('Robert', { exact: true }).waitFor();
    const afterRename = (await annSees.getByRole('listitem').allTextContents()).sort();
    await bob.page.getByRole('button', { name: 'Leave room' }).click();
    await annSees.getByText('Robert', { exact: true }).waitFor({ state: 'detached' });
    await bob.page.getByText('Left chat room "lobby"').waitFor();

    // Assess
    expect(afterRename).toEqual(['Ann', 'Robert']);
    expect(await annSees.getByRole('listitem').allTextContents()).toEqual(['Ann']);
    expect(await bob.page.getByRole('list', { name: 'Members' }).getByRole('listitem').count()).toBe(0);
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  }, 180_000);
});
