import { createConnection, type Socket } from 'node:net';
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

/** A valid client handshake key (RFC 6455's sample nonce). */
export const SAMPLE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** An HTTP response as read off a raw socket, taken apart. */
export interface RawResponse {
  /** Everything the server wrote, as latin1 text. */
  raw: string;
  status: number;
  /** Header lines as the server wrote them. */
  headerLines: string[];
  body: string;
}

function parseRawResponse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  return { raw, status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1] ?? 0), headerLines, body: end === -1 ? '' : raw.slice(end + 4) };
}

/**
 * Sends a handshake over a raw TCP socket, with exactly the request line and headers given
 * (`Host` first: `127.0.0.1:{port}` unless `host` says otherwise), so that a malformed handshake
 * reaches the gateway as it is.
 */
export function rawHandshake(port: number, requestLine: string, headers: Record<string, string>, host = `127.0.0.1:${port}`): {
  socket: Socket;
  /** Resolves with what the server wrote once it closes the connection. */
  response: Promise<RawResponse>;
} {
  const socket = createConnection({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const lines = [requestLine, `Host: ${host}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const response = new Promise<RawResponse>((resolve) => {
    socket.on('close', () => resolve(parseRawResponse(Buffer.concat(chunks).toString('latin1'))));
  });
  return { socket, response };
}

/** The headers of a valid WebSocket handshake, to override one at a time. */
export function upgradeHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': SAMPLE_KEY,
    'Sec-WebSocket-Version': '13',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
