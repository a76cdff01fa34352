import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake `@connections` API received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  connectionId: string;
  body: Buffer;
}

/** How the fake answers a request; the default answers like API Gateway for a live connection. */
export type Responder = (request: ReceivedRequest, res: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 port 0 that answers like API Gateway's `@connections` API,
 * so the real SDK client can be driven against it.
 */
export class FakeManagementApi {
  readonly requests: ReceivedRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Delay before answering, so concurrency can be observed. */
  delayMs = 0;
  responder: Responder = answerLikeApiGateway;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '';
    const match = /\/@connections\/([^/?]+)/.exec(path);
    const request: ReceivedRequest = {
      method: req.method ?? '',
      path,
      connectionId: decodeURIComponent(match?.[1] ?? ''),
      body: Buffer.concat(chunks),
    };
    this.requests.push(request);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.inFlight -= 1;
    this.responder(request, res);
  }
}

/** POST 200, GET JSON with ISO dates, DELETE 204. */
export function answerLikeApiGateway(request: ReceivedRequest, res: ServerResponse): void {
  const headers = { 'x-amzn-RequestId': 'req-1' };
  if (request.method === 'POST') {
    res.writeHead(200, headers).end();
  } else if (request.method === 'GET') {
    res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(
      JSON.stringify({
        connectedAt: '2024-11-11T13:45:35.513Z',
        lastActiveAt: '2024-11-11T13:45:46.514Z',
        identity: { sourceIp: '127.0.0.1', userAgent: 'jest' },
      }),
    );
  } else if (request.method === 'DELETE') {
    res.writeHead(204, headers).end();
  } else {
    res.writeHead(404).end();
  }
}

/** An API Gateway error: status plus `x-amzn-ErrorType`, empty body. */
export function answerError(res: ServerResponse, status: number, errorType?: string): void {
  const headers: Record<string, string> = { 'x-amzn-RequestId': 'req-err' };
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers).end();
}
