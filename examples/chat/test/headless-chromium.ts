import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's `chromium` package; Playwright never downloads a browser here. */
const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (containers), and nothing that reaches beyond loopback. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A headless Chromium with a fresh profile; `close` also deletes the profile.
 *
 * @example
 * ```ts
 * const browser = await launchHeadlessChromium();
 * const page = await browser.context.newPage();
 * await browser.close();
 * ```
 */
export interface HeadlessChromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium (`/usr/bin/chromium`) through `playwright-core`, headless, with a
 * fresh temporary `--user-data-dir`. Throws, saying what to install, when it is missing.
 *
 * @example
 * ```ts
 * const browser = await launchHeadlessChromium();
 * ```
 */
export async function launchHeadlessChromium(): Promise<HeadlessChromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Cannot find Chromium at ${CHROMIUM}: install the Debian package (apt-get install chromium); pnpm test does (scripts/ensure-system-tools.sh)`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'wsapp-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 960, height: 600 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
