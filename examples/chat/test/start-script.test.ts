import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ChatClient } from './chat-client';

// `pnpm chat` runs this script after building; it runs the built `wsapp local` (the root
// `pnpm test` builds first).
const START_SCRIPT = join(__dirname, '..', 'scripts', 'start.mjs');

/** Resolves with the first match of `pattern` in the child's output so far and to come. */
function waitForOutput(
  child: ChildProcessWithoutNullStreams,
  output: { text: string },
  pattern: RegExp,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(output.text);
      if (match) {
        child.stdout.off('data', check);
        child.off('exit', exited);
        resolve(match[1] ?? match[0]);
      }
    };
    const exited = (code: number | null): void => reject(new Error(`start.mjs exited (${code}):\n${output.text}`));
    child.stdout.on('data', check);
    child.once('exit', exited);
    check();
  });
}

describe('the one-command chat (scripts/start.mjs)', () => {
  it('runs the chat and its page on the local gateway and embedded DynamoDB, says how to connect, stops on SIGTERM', async () => {
    // Prepare
    const child = spawn(process.execPath, [START_SCRIPT], { env: { ...process.env, PORT: '0' } });
    const output = { text: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    try {
      // Act
      const url = await waitForOutput(child, output, /npx wscat -c (ws:\/\/127\.0\.0\.1:\d+\/api)\b/);
      const pageUrl = await waitForOutput(child, output, /Chat page: (http:\/\/127\.0\.0\.1:\d+\/)/);
      const page = await fetch(pageUrl);
      const pageHtml = await page.text();
      const john = await ChatClient.login(url, 'John');
      const reply = await john.ask('/join chalice');
      child.kill('SIGTERM');

      // Assess
      expect(reply).toBe('Joined chat room "chalice"');
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(pageHtml).toContain('<title>wsapp chat</title>');
      expect(output.text).toContain(`wsdump ${url}`);
      expect(output.text).toMatch(/Table:\s+ChaliceChat\b/);
      expect(await exit).toBe(0);
      expect(output.text).toMatch(/\$disconnect\b.*\b1001 Going away/);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
