// The chat page in headless Chromium while the gateway drops its connection: once by the idle
// cut (shortened, as `wsapp local --idle-timeout` does, on the gateway's manual clock) and once by
// a `DELETE @connections` sent with the real SDK client. The page's timers run on Playwright's
// fake clock, so the backoff waits until the test lets time pass: what is typed meanwhile is
// queued by @wsapp/client, and must arrive once, in order, after the page has rejoined its room.
import { ApiGatewayManagementApiClient, DeleteConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { LocalGateway } from '@wsapp/local';
import { manualClock, type ManualClock } from '@wsapp/local/testing';
import { joinRoom, linesOf, openChat, say, waitForLine, type ChatPage } from './chat-page-driver';
import { startChatPageStack, type ChatPageStack } from './chat-page-stack';
import type { HeadlessChromium } from './headless-chromium';

const IDLE_TIMEOUT_MS = 60_000;

describe('the chat page while the gateway drops its connection', () => {
  let stack: ChatPageStack;
  let gateway: LocalGateway;
  let clock: ManualClock;
  let browser: HeadlessChromium;

  beforeAll(async () => {
    clock = manualClock(Date.now());
    stack = await startChatPageStack({ clock, limits: { idleTimeoutMs: IDLE_TIMEOUT_MS } });
    ({ gateway, browser } = stack);
    await browser.context.clock.install();
    await browser.context.clock.pauseAt(Date.now() + 1_000);
  }, 120_000);

  afterAll(() => stack?.close(), 60_000);

  /**
   * Runs `drop`, types `typed` while the page waits to reconnect, lets the page's time pass, and
   * resolves once the page is connected again (on one new connection) and showed what was typed.
   */
  async function reconnectAfter(chat: ChatPage, drop: () => Promise<void>, typed: string[]): Promise<void> {
    await drop();
    await chat.page.getByRole('status').getByText('reconnecting…').waitFor();
    expect(await chat.page.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
    for (const text of typed) await say(chat, text);
    const before = new Set(gateway.connections.keys());
    await browser.context.clock.runFor(2_000); // past the first backoff delay (at most 500 ms)
    await chat.page.getByRole('status').getByText('Connected to').waitFor();
    for (const text of typed) await waitForLine(chat, 'mine', `John: ${text}`);
    expect([...gateway.connections.keys()].filter((id) => !before.has(id))).toHaveLength(1);
  }

  it('reconnects after the idle cut and a DELETE on @connections, rejoins its room, and sends what was typed meanwhile once, in order', async () => {
    // Prepare: John and Jane in one room.
    const john = await openChat(browser.context, gateway.staticUrl ?? '', 'John');
    const johnsFirst = [...gateway.connections.keys()];
    const jane = await openChat(browser.context, gateway.staticUrl ?? '', 'Jane');
    await joinRoom(john, 'chalice');
    await joinRoom(jane, 'chalice');
    await say(john, 'before');
    await waitForLine(jane, 'chat', 'John: before');

    // Act 1: Jane speaks shortly before the idle cut, so only John is cut.
    await clock.advance(IDLE_TIMEOUT_MS - 10_000);
    await say(jane, 'still here');
    await waitForLine(john, 'chat', 'Jane: still here');
    await reconnectAfter(john, () => clock.advance(10_000), ['typed while cut off 1', 'typed while cut off 2']);
    expect(gateway.connections.has(johnsFirst[0] ?? '')).toBe(false);

    // Act 2: the app closes John's connection.
    const johnsSecond = [...gateway.connections.keys()].at(-1) ?? '';
    const management = new ApiGatewayManagementApiClient({ endpoint: gateway.managementEndpoint });
    expect(new URL(gateway.managementEndpoint).hostname).toBe('127.0.0.1');
    await reconnectAfter(john, async () => void (await management.send(new DeleteConnectionCommand({ ConnectionId: johnsSecond }))), ['after the delete']);
    management.destroy();

    // Assess: Jane got everything once, in order, after John was back in the room each time.
    await waitForLine(jane, 'chat', 'John: after the delete');
    expect(await linesOf(jane, 'chat')).toEqual([
      'John: before', 'John: typed while cut off 1', 'John: typed while cut off 2', 'John: after the delete',
    ]);
    // John joined before Jane, so she saw only his two rejoins.
    expect((await linesOf(jane, 'notice')).filter((line) => line === 'John joined room.')).toHaveLength(2);
    await john.page.getByRole('list', { name: 'Members' }).getByText('Jane', { exact: true }).waitFor();
    expect([...john.errors, ...jane.errors]).toEqual([]);
  }, 240_000);
});
