import type { BrowserContext, Page } from 'playwright-core';

/**
 * One person's chat page, and the errors it has reported.
 *
 * @example
 * ```ts
 * const john = await openChat(browser.context, gateway.staticUrl, 'John');
 * expect(john.errors).toEqual([]);
 * ```
 */
export interface ChatPage {
  page: Page;
  errors: string[];
}

/**
 * Opens the page at `url` in `context` and signs in as `nickname` (the form is enabled once the
 * WebSocket is open).
 *
 * @example
 * ```ts
 * const jane = await openChat(browser.context, gateway.staticUrl, 'Jane');
 * ```
 */
export async function openChat(context: BrowserContext, url: string, nickname: string): Promise<ChatPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.getByLabel('Nickname', { exact: true }).fill(nickname);
  await page.getByRole('button', { name: 'Start chatting' }).click();
  await page.getByText(`Using nickname: ${nickname}`).waitFor();
  return { page, errors };
}

/**
 * Joins `room` and waits for the server's confirmation.
 *
 * @example
 * ```ts
 * await joinRoom(john, 'chalice');
 * ```
 */
export async function joinRoom({ page }: ChatPage, room: string): Promise<void> {
  await page.getByLabel('Room', { exact: true }).fill(room);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByText(`Joined chat room "${room}"`).first().waitFor();
}

/**
 * Types `text` into the message box and sends it.
 *
 * @example
 * ```ts
 * await say(john, 'Hello Jane');
 * ```
 */
export async function say({ page }: ChatPage, text: string): Promise<void> {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

/**
 * Resolves once the message log shows `line` (`sender: text`), said by us (`mine`) or someone else (`chat`).
 *
 * @example
 * ```ts
 * await waitForLine(jane, 'chat', 'John: Hello Jane');
 * ```
 */
export async function waitForLine({ page }: ChatPage, kind: 'mine' | 'chat', line: string): Promise<void> {
  await page.getByRole('list', { name: 'Messages' }).locator(`li.${kind}`).filter({ hasText: line }).waitFor();
}

/**
 * Every line of the message log of one kind, in order.
 *
 * @example
 * ```ts
 * expect(await linesOf(jane, 'chat')).toEqual(['John: hi']);
 * ```
 */
export async function linesOf({ page }: ChatPage, kind: 'mine' | 'chat' | 'notice' | 'info'): Promise<string[]> {
  return page.getByRole('list', { name: 'Messages' }).locator(`li.${kind}`).allTextContents();
}
