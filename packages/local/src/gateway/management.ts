import { isUtf8 } from 'node:buffer';
import type { WebsocketIdentity } from '@wsapp/framework';

/**
 * What the `@connections` API needs from one live connection.
 *
 * @example
 * ```ts
 * const target: ManagedConnection = gateway.connections.get(id)!;
 * target.post(Buffer.from('hi'));
 * ```
 */
export interface ManagedConnection {
  /** Whether the connection is open (not still in `$connect`, not closing). */
  readonly isOpen: boolean;
  readonly connectedAt: number;
  readonly lastActiveAt: number;
  readonly identity: WebsocketIdentity;
  /** Queues the bytes as one text frame; false when the connection is not open (or just closed for not reading). */
  post(data: Buffer): boolean;
  /** Closes the connection with 1000; `$disconnect` follows. */
  closeFromGateway(ending: { code: number; reason: string }): void;
}

/**
 * An answer of the `@connections` API, independent of how it travels (HTTP or in process). The
 * transport adds the `x-amzn-RequestId` header.
 *
 * @example
 * ```ts
 * const answer: ManagementAnswer = { status: 410, headers: { 'x-amzn-ErrorType': 'GoneException' }, body: Buffer.alloc(0) };
 * ```
 */
export interface ManagementAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * One `@connections` request, already taken apart: `connectionId` is undefined when the path
 * held a malformed id, `body` is undefined when it was over the post limit.
 *
 * @example
 * ```ts
 * const request: ManagementRequest = { method: 'POST', path: '/api/@connections/abc%3D', connectionId: 'abc=', body: Buffer.from('hi') };
 * ```
 */
export interface ManagementRequest {
  method: string;
  path: string;
  connectionId: string | undefined;
  body: Buffer | undefined;
}

const CONNECTIONS_PATH = /^(?:\/([^/]+))?\/@connections\/([^/]*)$/;
const VALID_ID = /^[A-Za-z0-9_\-+/=]{1,128}$/;

const EMPTY = Buffer.alloc(0);
/** The answer to every successful post: the same object each time (posts are the hot path). */
const POSTED: ManagementAnswer = Object.freeze({ status: 200, headers: Object.freeze({ 'content-type': 'application/json', 'content-length': '0' }), body: EMPTY });

function reply(status: number, errorType?: string, body?: Record<string, unknown>): ManagementAnswer {
  const payload = Buffer.from(body ? JSON.stringify(body) : '', 'utf8');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(payload.length) };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  return { status, headers, body: payload };
}

/**
 * Parses `/{stage}/@connections/{id}` or `/@connections/{id}` (with `//` collapsed).
 * Returns undefined for any other path, and `{ connectionId: undefined }` for a malformed id.
 *
 * @example
 * ```ts
 * parseConnectionsPath('/api//@connections/BFaT_fALIAMCKug%3D', 'api'); // { connectionId: 'BFaT_fALIAMCKug=' }
 * ```
 */
export function parseConnectionsPath(url: string, stage: string): { connectionId: string | undefined } | undefined {
  const path = (url.split('?')[0] ?? '').replace(/\/{2,}/g, '/');
  const match = CONNECTIONS_PATH.exec(path);
  if (!match || (match[1] !== undefined && match[1] !== stage)) return undefined;
  let connectionId: string;
  try {
    connectionId = decodeURIComponent(match[2] ?? '');
  } catch {
    return { connectionId: undefined };
  }
  return { connectionId: VALID_ID.test(connectionId) ? connectionId : undefined };
}

/**
 * Answers one `@connections` request the way API Gateway does: POST delivers the body as a text
 * frame, GET describes the connection, DELETE closes it (204). Errors carry `x-amzn-ErrorType`
 * and `x-amzn-RequestId`: 410 `GoneException` (unknown, closed or still in `$connect`), 413
 * `PayloadTooLargeException` (over the post limit), 400 `BadRequestException` (a malformed id,
 * or a body that is not UTF-8 text: API Gateway delivers posts as text frames, and a client
 * drops the connection on a text frame that is not UTF-8), 405 for other methods.
 *
 * @example
 * ```ts
 * answerManagementRequest({ method: 'POST', path, connectionId: 'abc=', body: Buffer.from('hi') }, (id) => connections.get(id), 131072);
 * ```
 */
export function answerManagementRequest(
  request: ManagementRequest,
  find: (connectionId: string) => ManagedConnection | undefined,
  maxPostBytes: number,
): ManagementAnswer {
  const { method, path, connectionId, body } = request;
  if (!['POST', 'GET', 'DELETE'].includes(method)) {
    return reply(405, 'MethodNotAllowedException', { message: `${method} is not supported on @connections; use POST, GET or DELETE` });
  }
  if (connectionId === undefined) return reply(400, 'BadRequestException', { message: `Invalid connectionId in ${path}` });
  if (method === 'POST' && (body === undefined || body.length > maxPostBytes)) {
    return reply(413, 'PayloadTooLargeException', { message: `Message too long: @connections posts are limited to ${maxPostBytes} bytes` });
  }
  if (method === 'POST' && body && !isUtf8(body)) {
    return reply(400, 'BadRequestException', { message: 'Data is not valid UTF-8 text; connections receive posts as text frames' });
  }
  const connection = find(connectionId);
  if (!connection || !connection.isOpen) return reply(410, 'GoneException');
  if (method === 'POST') return connection.post(body ?? EMPTY) ? POSTED : reply(410, 'GoneException');
  if (method === 'GET') {
    return reply(200, undefined, {
      connectedAt: new Date(connection.connectedAt).toISOString(),
      identity: connection.identity,
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    });
  }
  connection.closeFromGateway({ code: 1000, reason: '' });
  return { status: 204, headers: {}, body: EMPTY };
}
