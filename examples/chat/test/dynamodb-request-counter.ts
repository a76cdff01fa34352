import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP relay in front of a DynamoDB endpoint that counts the requests passing
 * through, by operation (`Query`, `PutItem`, ...), read from each request's `X-Amz-Target`.
 *
 * @example
 * ```ts
 * const counter = await startDynamoDbRequestCounter(db.endpoint);
 * // point the app at counter.endpoint, run something, then:
 * console.log(counter.total(), counter.byOperation());
 * ```
 */
export interface DynamoDbRequestCounter {
  /** `http://127.0.0.1:{port}`: use it as `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  /** Requests relayed so far. */
  total(): number;
  /** Requests relayed so far, by operation name. */
  byOperation(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * Starts a {@link DynamoDbRequestCounter} relaying to `target` (an `http://127.0.0.1:PORT` endpoint).
 *
 * @example
 * ```ts
 * const counter = await startDynamoDbRequestCounter('http://127.0.0.1:40123');
 * ```
 */
export async function startDynamoDbRequestCounter(target: string): Promise<DynamoDbRequestCounter> {
  const { hostname, port } = new URL(target);
  const counts = new Map<string, number>();
  const server: Server = createServer((incoming, outgoing) => {
    const operation = String(incoming.headers['x-amz-target'] ?? 'unknown').split('.').pop() ?? 'unknown';
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const relay = request(
      { hostname, port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    relay.on('error', (error) => outgoing.destroy(error));
    incoming.pipe(relay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    byOperation: () => Object.fromEntries(counts),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
