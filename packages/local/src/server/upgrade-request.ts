import type { IncomingMessage } from 'node:http';
import type { HeaderLine } from '../gateway/handshake';

/**
 * Why an upgrade request is not a valid WebSocket handshake (RFC 6455, section 4.2.1), as the
 * HTTP answer to give; undefined when it is valid. Checked before `$connect` runs, so a broken
 * handshake never invokes anything.
 *
 * @example
 * ```ts
 * const problem = handshakeProblem(req);
 * if (problem) writeRawResponse(socket, problem.status, problem.headers, problem.body);
 * ```
 */
export function handshakeProblem(req: IncomingMessage): { status: number; headers: HeaderLine[]; body: string } | undefined {
  const refuse = (status: number, body: string, headers: HeaderLine[] = []) => ({ status, headers, body });
  if (req.method !== 'GET') return refuse(405, `A WebSocket handshake is a GET request, not ${req.method}`, [['Allow', 'GET']]);
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuse(400, 'Expected Upgrade: websocket');
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[+/0-9A-Za-z]{22}==$/.test(key.trim())) {
    return refuse(400, 'Missing or invalid Sec-WebSocket-Key (16 bytes, base64)');
  }
  if (req.headers['sec-websocket-version'] !== '13') {
    return refuse(426, 'Unsupported Sec-WebSocket-Version: use 13', [['Sec-WebSocket-Version', '13']]);
  }
  return undefined;
}

/**
 * The client's address as API Gateway reports it (`::ffff:127.0.0.1` becomes `127.0.0.1`).
 *
 * @example
 * ```ts
 * sourceIpOf(req.socket.remoteAddress); // '127.0.0.1'
 * ```
 */
export function sourceIpOf(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
