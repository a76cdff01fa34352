import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedDynamoDb, startLocalGateway, type LocalGateway, type LocalGatewayOptions } from '@wsapp/local';
import { app } from '../app';
import resources from '../resources.json';
import { launchHeadlessChromium, type HeadlessChromium } from './headless-chromium';

const BUILD_SCRIPT = join(__dirname, '..', 'web', 'build.mjs');
/** Generous: two shared cores run Chromium, the gateway and DynamoDB side by side. */
const STEP_TIMEOUT_MS = 30_000;

/**
 * Everything the chat page runs on in a test: the page built into a temporary folder, the chat
 * app on a local gateway serving it, its table on the embedded DynamoDB, and headless Chromium.
 *
 * @example
 * ```ts
 * const stack = await startChatPageStack();
 * const page = await stack.browser.context.newPage();
 * await page.goto(stack.gateway.staticUrl ?? '');
 * await stack.close();
 * ```
 */
export interface ChatPageStack {
  readonly gateway: LocalGateway;
  readonly browser: HeadlessChromium;
  close(): Promise<void>;
}

/**
 * Builds the page and starts the gateway (with `options`, e.g. a manual clock), the database
 * and the browser.
 *
 * @example
 * ```ts
 * const stack = await startChatPageStack({ limits: { idleTimeoutMs: 60_000 } });
 * ```
 */
export async function startChatPageStack(options: LocalGatewayOptions = {}): Promise<ChatPageStack> {
  const pageDir = mkdtempSync(join(tmpdir(), 'wsapp-chat-page-'));
  await promisify(execFile)(process.execPath, [BUILD_SCRIPT, pageDir]);
  const db = await startEmbeddedDynamoDb(resources);
  const gateway = await startLocalGateway(app, { port: 0, environment: db.environment, staticDir: pageDir, ...options });
  const browser = await launchHeadlessChromium();
  browser.context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return {
    gateway,
    browser,
    close: async () => {
      await browser.close();
      await gateway.close();
      await db.close();
      rmSync(pageDir, { recursive: true, force: true });
    },
  };
}
