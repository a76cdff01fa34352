import {
  ApiGatewayManagementApiServiceException,
  ForbiddenException,
  GoneException,
  LimitExceededException,
  PayloadTooLargeException,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { WebsocketIdentity } from '@wsapp/framework';
import type { WebsocketApiTransport, WebsocketConnectionInfo } from '@wsapp/framework';
import { newAwsStyleId } from './ids';
import { parseConnectionsPath, type ManagementAnswer, type ManagementRequest } from './management';

const MODELED_ERRORS = {
  GoneException,
  ForbiddenException,
  LimitExceededException,
  PayloadTooLargeException,
} as const;

function header(answer: ManagementAnswer, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(answer.headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** The error the SDK raises for the same answer over HTTP: same class, name, message and status. */
function sdkError(answer: ManagementAnswer): Error {
  const errorType = header(answer, 'x-amzn-ErrorType') ?? 'UnknownError';
  let message = 'UnknownError';
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // An empty body: the SDK reports "UnknownError" too.
  }
  const $metadata = {
    httpStatusCode: answer.status,
    requestId: newAwsStyleId(),
    attempts: 1,
    totalRetryDelay: 0,
  };
  const Modeled = MODELED_ERRORS[errorType as keyof typeof MODELED_ERRORS];
  const error: Error & { $response?: unknown } = Modeled
    ? new Modeled({ message, $metadata })
    : new ApiGatewayManagementApiServiceException({
        name: errorType,
        $fault: answer.status >= 500 ? 'server' : 'client',
        message,
        $metadata,
      });
  // The SDK's deserialiser leaves `message` enumerable and no `$response` key: match it.
  Object.defineProperty(error, 'message', { value: message, enumerable: true, writable: true, configurable: true });
  delete error.$response;
  return error;
}

/** An id that needs no percent-encoding but its `=` padding, as API Gateway's ids. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,126}={0,2}$/;
const EMPTY = Buffer.alloc(0);
const DONE: Promise<void> = Promise.resolve();

/** The SDK's encoding of a path label: encodeURIComponent plus `!'()*`. */
function encodeLabel(label: string): string {
  return encodeURIComponent(label).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Answers `app.websocketApi` inside the gateway's process, without the SDK or HTTP. The answers
 * come from the same code as the HTTP `@connections` endpoint, and failures are the SDK's own
 * exception classes with the same names, messages and statuses, so `WebsocketDisconnectedError`,
 * 410s, limits and ordering are identical. Raw SDK clients still use the HTTP endpoint.
 *
 * @example
 * ```ts
 * app.websocketApi.configure({ endpoint, transport: inProcessManagementTransport('api', (request) => gateway.answerManagement(request)) });
 * ```
 */
export function inProcessManagementTransport(
  stage: string,
  answer: (request: ManagementRequest) => ManagementAnswer,
): WebsocketApiTransport {
  const call = (method: string, connectionId: string, body?: Uint8Array): ManagementAnswer => {
    // The SDK puts the id in the path; parse it the same way so malformed ids fail alike (ids of
    // API Gateway's own shape come back unchanged, so they skip the round trip).
    const plain = PLAIN_ID.test(connectionId);
    const path = `/${stage}/@connections/${plain ? connectionId.replace(/=/g, '%3D') : encodeLabel(connectionId)}`;
    const parsedId = plain ? connectionId : parseConnectionsPath(path, stage)?.connectionId;
    const bytes = body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : EMPTY;
    const answered = answer({ method, path, connectionId: parsedId, body: bytes });
    if (answered.status >= 300) throw sdkError(answered);
    return answered;
  };
  // A settled promise per call, without async wrappers: posts are the gateway's hot path.
  const settle = (method: string, connectionId: string, body?: Uint8Array): Promise<void> => {
    try {
      call(method, connectionId, body);
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return {
    postToConnection: (connectionId, data) => settle('POST', connectionId, data),
    deleteConnection: (connectionId) => settle('DELETE', connectionId),
    async getConnection(connectionId): Promise<WebsocketConnectionInfo> {
      const answered = call('GET', connectionId);
      const described = JSON.parse(answered.body.toString('utf8')) as {
        connectedAt: string;
        lastActiveAt: string;
        identity: WebsocketIdentity;
      };
      const identity: WebsocketIdentity = { sourceIp: described.identity.sourceIp };
      if (described.identity.userAgent !== undefined) identity.userAgent = described.identity.userAgent;
      return {
        connectedAt: new Date(described.connectedAt),
        lastActiveAt: new Date(described.lastActiveAt),
        identity,
      };
    },
  };
}
