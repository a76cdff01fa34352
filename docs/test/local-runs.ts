// Helpers for the docs tests that run a real `wsapp local` and compare what it printed with the
// output a page shows. Such a block is a ```text block right under a marker line
// `<!-- wsapp local output: NAME -->`; `...` in it stands for lines the page leaves out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

export const root = join(__dirname, '..', '..');

const MARKED = /^<!-- wsapp local output: ([\w-]+) -->\n```text\n([\s\S]*?)^```$/gm;

/** The marked output blocks of a page (a path relative to the repository root), by name. */
export function outputBlocks(page: string): Map<string, string[]> {
  const text = readFileSync(join(root, page), 'utf8');
  return new Map([...text.matchAll(MARKED)].map((match) => [match[1] as string, (match[2] as string).replace(/\n$/, '').split('\n')]));
}

/**
 * A line with what changes on every run replaced: times, durations, ids, the checkout's path,
 * the function names (which V8 versions infer differently), lines and columns of stack frames,
 * and the `ms` fields the examples log.
 */
export function normalizeLine(line: string): string {
  return line
    .replaceAll(root, '/work/main')
    .replace(/^\d\d:\d\d:\d\d\.\d{3} /, 'HH:MM:SS.mmm ')
    .replace(/ +\d+\.\d ms {2}/, ' N ms  ')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIMESTAMP')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID')
    .replace(/(?<![\w=-])[A-Za-z0-9_-]{15}=(?![\w=-])/g, 'ID')
    .replace(/\bms=\d+/g, 'ms=N')
    .replace(/"(ms|integrationLatency)":\d+/g, '"$1":N')
    .replace(/^(\s+at )\S.*? \((.*):\d+:\d+\)$/, '$1F ($2:L:C)');
}

/**
 * Why `shown` (a page's block) is not what `output` (what `wsapp local` printed) holds, or
 * undefined when it is: after {@link normalizeLine}, each run of lines between `...` lines must
 * appear in the output as consecutive lines, and the runs in order. Lines of the gateway's own
 * (`wsapp local gateway: ...` and its JSON lines on stderr, which reach a terminal at their own
 * pace) are left out of the output first.
 */
export function outputMismatch(shown: readonly string[], output: string): string | undefined {
  const printed = output
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('wsapp local gateway: ') && !line.startsWith('{"level":"ERROR"'))
    .map(normalizeLine);
  const runs: string[][] = [[]];
  for (const line of shown) {
    if (line.trim() === '...') runs.push([]);
    else runs.at(-1)?.push(normalizeLine(line));
  }
  let from = 0;
  for (const run of runs.filter((lines) => lines.length > 0)) {
    let at = from;
    while (at <= printed.length - run.length && !run.every((line, index) => printed[at + index] === line)) at += 1;
    if (at > printed.length - run.length) return `not printed in this order:\n${run.join('\n')}\n\nprinted:\n${printed.slice(from).join('\n')}`;
    from = at + run.length;
  }
  return undefined;
}

/** A `ws` client: open (or the status and body of a refused handshake), send, receive, close. */
export class Client {
  private readonly frames: string[] = [];
  private readonly waiting: Array<(text: string) => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const resolve = this.waiting.shift();
      if (resolve) resolve(data.toString('utf8'));
      else this.frames.push(data.toString('utf8'));
    });
  }

  static connect(url: string): Promise<Client | { status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new Client(socket)));
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      socket.once('error', reject);
    });
  }

  /** Connects, failing when the handshake is refused. */
  static async open(url: string): Promise<Client> {
    const client = await Client.connect(url);
    if (!(client instanceof Client)) throw new Error(`refused with ${client.status}: ${client.body}`);
    return client;
  }

  next(): Promise<string> {
    return new Promise((resolve) => (this.frames.length > 0 ? resolve(this.frames.shift() as string) : this.waiting.push(resolve)));
  }

  /** Sends `text` and resolves with the next message the client receives. */
  async ask(text: string): Promise<string> {
    const reply = this.next();
    this.socket.send(text);
    return reply;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
