import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatedGateway } from '../gateway/gateway';
import { newAwsStyleId } from '../gateway/ids';
import { parseConnectionsPath } from '../gateway/management';
import { readBody } from './http-answers';

/**
 * Answers one `@connections` request over HTTP with the gateway's answer (see
 * `answerManagementRequest`). Returns false when the path is not an `@connections` path.
 *
 * @example
 * ```ts
 * createServer((req, res) => {
 *   if (!handleManagementRequest(req, res, gateway)) res.writeHead(404).end();
 * });
 * ```
 */
export function handleManagementRequest(req: IncomingMessage, res: ServerResponse, gateway: EmulatedGateway): boolean {
  const path = req.url ?? '/';
  const parsed = parseConnectionsPath(path, gateway.stage);
  if (!parsed) return false;
  const method = req.method ?? 'GET';
  readBody(req, gateway.limits.maxPostBytes)
    .then((body) => gateway.answerManagement({ method, path, connectionId: parsed.connectionId, body }))
    .then(
      (answer) => res.writeHead(answer.status, { ...answer.headers, 'x-amzn-RequestId': newAwsStyleId() }).end(answer.body),
      () => res.destroy(),
    );
  return true;
}
