import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HeaderLine } from '../gateway/handshake';
import { newAwsStyleId } from '../gateway/ids';

/**
 * Writes a complete HTTP response on a raw socket (an upgrade request that is refused) and
 * closes it.
 *
 * @example
 * ```ts
 * writeRawResponse(socket, 401, [['Content-Type', 'text/plain']], 'Unauthorized');
 * ```
 */
export function writeRawResponse(socket: Duplex, status: number, headers: readonly HeaderLine[], body: string): void {
  if (socket.destroyed) return;
  const payload = Buffer.from(body, 'utf8');
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    ...headers.map(([name, value]) => `${name}: ${value}`),
    `x-amzn-RequestId: ${newAwsStyleId()}`,
    'Connection: close',
    `Content-Length: ${payload.length}`,
    '',
    '',
  ];
  socket.write(lines.join('\r\n'));
  socket.end(payload);
}

/**
 * Reads a request body up to `limit` bytes; resolves undefined (after draining the rest) above it.
 *
 * @example
 * ```ts
 * const body = await readBody(req, 128 * 1024);
 * ```
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/**
 * The JSON 404 the gateway gives for a path it does not serve, saying which paths it does.
 *
 * @example
 * ```ts
 * answerNotFound(req, res, 'api');
 * ```
 */
export function answerNotFound(req: IncomingMessage, res: ServerResponse, stage: string): void {
  const body = JSON.stringify({
    message:
      `Not found: ${req.method} ${req.url}. WebSocket clients connect to /${stage}; ` +
      `the management API is /${stage}/@connections/{connectionId}`,
  });
  res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'NotFoundException' }).end(body);
}
