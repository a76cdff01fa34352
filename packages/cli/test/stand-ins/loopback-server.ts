import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a stand-in sees it: fully read, with the parts every stand-in needs picked out. */
export interface StandInHttpRequest {
  method: string;
  /** The raw path, still percent-encoded (no normalisation of `..` or `//`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The Host header without its port. */
  host: string;
  /** The Host header as sent. */
  hostHeader: string;
  /** The region of the SigV4 credential scope (Authorization header or `X-Amz-Credential`), if signed. */
  region: string | undefined;
}

/** What a stand-in answers to one request. */
export interface StandInHttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A stand-in's request handler. */
export type StandInHttpHandler = (request: StandInHttpRequest) => StandInHttpResponse | Promise<StandInHttpResponse>;

/** A stand-in's HTTP server, listening on 127.0.0.1 only. */
export interface StandInLoopbackServer {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** The region of a SigV4 credential scope `AKID/DATE/REGION/SERVICE/aws4_request`, from the Authorization header or a presigned URL. */
export function standInSigningRegion(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = headers.authorization ?? '';
  const scope = /Credential=([^,\s]+)/.exec(authorization)?.[1] ?? query.get('X-Amz-Credential') ?? undefined;
  return scope?.split('/')[2] || undefined;
}

function readStandInRequest(message: IncomingMessage): Promise<StandInHttpRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('error', reject);
    message.on('end', () => {
      const url = message.url ?? '/';
      const queryStart = url.indexOf('?');
      const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1));
      resolve({
        method: message.method ?? 'GET',
        path: queryStart < 0 ? url : url.slice(0, queryStart),
        query,
        headers: message.headers,
        body: Buffer.concat(chunks),
        host: (message.headers.host ?? '').replace(/:\d+$/, ''),
        hostHeader: message.headers.host ?? '',
        region: standInSigningRegion(message.headers, query),
      });
    });
  });
}

/**
 * Starts a plain `node:http` server on 127.0.0.1 and an OS-chosen port that reads each request
 * whole and answers what `handler` returns; a handler that throws answers 500 with the error's
 * message, so a bug in a stand-in shows up in the SDK error of the test that hit it.
 */
export async function startStandInServer(handler: StandInHttpHandler): Promise<StandInLoopbackServer> {
  const server = createServer((message, reply) => {
    readStandInRequest(message)
      .then(handler)
      .catch((error: unknown): StandInHttpResponse => ({
        status: 500,
        headers: { 'content-type': 'text/plain' },
        body: `stand-in failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      }))
      .then((response) => {
        const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(response.body);
        const headers = { 'content-length': String(body.length), ...response.headers };
        reply.writeHead(response.status, headers);
        reply.end(message.method === 'HEAD' ? undefined : body);
      }, (error: unknown) => reply.destroy(error instanceof Error ? error : undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
