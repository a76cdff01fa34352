import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebsocketIdentity } from '@wsapp/framework';
import { newAwsStyleId } from './ids';

/**
 * What the `@connections` API needs from one live connection.
 *
 * @example
 * ```ts
 * const target: ManagedConnection = connections.get(id)!;
 * await target.post(Buffer.from('hi'));
 * ```
 */
export interface ManagedConnection {
  /** Whether the socket is open (not still in `$connect`, not closing). */
  readonly isOpen: boolean;
  readonly connectedAt: number;
  readonly lastActiveAt: number;
  readonly identity: WebsocketIdentity;
  /** Sends the bytes as one text frame; resolves true once written, false when the socket closed first. */
  post(data: Buffer): Promise<boolean>;
  /** Closes the socket; `$disconnect` follows. */
  disconnect(): void;
}

/**
 * Settings of the `@connections` endpoint.
 *
 * @example
 * ```ts
 * const settings: ManagementApiSettings = { stage: 'api', maxPostBytes: 128 * 1024, find: (id) => connections.get(id) };
 * ```
 */
export interface ManagementApiSettings {
  stage: string;
  maxPostBytes: number;
  find(connectionId: string): ManagedConnection | undefined;
}

const CONNECTIONS_PATH = /^(?:\/([^/]+))?\/@connections\/([^/]*)$/;
const VALID_ID = /^[A-Za-z0-9_\-+/=]{1,128}$/;

/**
 * An answer of the `@connections` API, independent of how it travels (HTTP or in process).
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

function reply(status: number, errorType?: string, body?: Record<string, unknown>): ManagementAnswer {
  const payload = Buffer.from(body ? JSON.stringify(body) : '', 'utf8');
  const headers: Record<string, string> = {
    'x-amzn-RequestId': newAwsStyleId(),
    'content-type': 'application/json',
    'content-length': String(payload.length),
  };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  return { status, headers, body: payload };
}

/** Reads the request body up to `limit` bytes; returns undefined (and drains the rest) above it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
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
 * Answers one `@connections` request over HTTP (see {@link answerManagementRequest}). Returns
 * false when the path is not an `@connections` path.
 *
 * @example
 * ```ts
 * server.on('request', (req, res) => {
 *   if (!handleManagementRequest(req, res, settings)) res.writeHead(404).end();
 * });
 * ```
 */
export function handleManagementRequest(
  req: IncomingMessage,
  res: ServerResponse,
  settings: ManagementApiSettings,
): boolean {
  const parsed = parseConnectionsPath(req.url ?? '/', settings.stage);
  if (!parsed) return false;
  readBody(req, settings.maxPostBytes)
    .then((body) => answerManagementRequest(req.method ?? 'GET', req.url ?? '', parsed.connectionId, body, settings))
    .catch((error: unknown) => reply(500, 'InternalServerErrorException', { message: `Local gateway error: ${String(error)}` }))
    .then((answer) => res.writeHead(answer.status, answer.headers).end(answer.body), () => res.destroy());
  return true;
}

/**
 * Answers one `@connections` request the way API Gateway does: POST delivers the body as a text
 * frame, GET describes the connection, DELETE closes it (204). Errors carry `x-amzn-ErrorType`
 * and `x-amzn-RequestId`: 410 `GoneException` (unknown, closed or still connecting), 413
 * `PayloadTooLargeException` (`body` undefined: it was over the limit), 400 `BadRequestException`
 * (`connectionId` undefined: malformed).
 *
 * @example
 * ```ts
 * const parsed = parseConnectionsPath(url, 'api');
 * if (parsed) await answerManagementRequest('POST', url, parsed.connectionId, Buffer.from('hi'), settings);
 * ```
 */
export async function answerManagementRequest(
  method: string,
  url: string,
  connectionId: string | undefined,
  body: Buffer | undefined,
  settings: ManagementApiSettings,
): Promise<ManagementAnswer> {
  if (!['POST', 'GET', 'DELETE'].includes(method)) {
    return reply(405, 'MethodNotAllowedException', { message: `${method} is not supported on @connections; use POST, GET or DELETE` });
  }
  if (connectionId === undefined) return reply(400, 'BadRequestException', { message: `Invalid connectionId in ${url}` });
  if (method === 'POST' && body === undefined) {
    return reply(413, 'PayloadTooLargeException', {
      message: `Message too long: @connections posts are limited to ${settings.maxPostBytes} bytes`,
    });
  }
  const connection = settings.find(connectionId);
  if (!connection || !connection.isOpen) return reply(410, 'GoneException');
  if (method === 'POST') {
    return (await connection.post(body ?? Buffer.alloc(0))) ? reply(200) : reply(410, 'GoneException');
  }
  if (method === 'GET') {
    return reply(200, undefined, {
      connectedAt: new Date(connection.connectedAt).toISOString(),
      identity: connection.identity,
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    });
  }
  connection.disconnect();
  return { status: 204, headers: { 'x-amzn-RequestId': newAwsStyleId() }, body: Buffer.alloc(0) };
}
