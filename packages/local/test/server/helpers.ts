import WebSocket from 'ws';
import type { ClientOptions } from 'ws';

/** A `ws` client that records every frame and the close code, for asserting on. */
export interface TestClient {
  socket: WebSocket;
  /** Text frames received so far. */
  messages: string[];
  /** Resolves with the next text frame (or one already received and not yet taken). */
  next(): Promise<string>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a client and waits for the handshake to succeed. */
export async function connect(url: string, protocols?: string | string[], options?: ClientOptions): Promise<TestClient> {
  const socket = new WebSocket(url, protocols, options);
  const messages: string[] = [];
  const waiting: Array<(text: string) => void> = [];
  let taken = 0;
  socket.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    messages.push(text);
    const resolve = waiting.shift();
    if (resolve) {
      taken++;
      resolve(text);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') }));
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    closed,
    next: () =>
      new Promise<string>((resolve) => {
        if (taken < messages.length) resolve(messages[taken++] as string);
        else waiting.push(resolve);
      }),
  };
}

/** Attempts a handshake that should be refused; resolves with the HTTP status, headers and body. */
export function refusedHandshake(
  url: string,
  protocols?: string | string[],
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.on('open', () => {
      socket.close();
      reject(new Error('handshake was accepted'));
    });
    socket.on('error', () => undefined);
    socket.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
  });
}

/** Resolves when `predicate` holds, checking every few milliseconds (gives up after 10 s). */
export async function eventually(predicate: () => boolean, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
