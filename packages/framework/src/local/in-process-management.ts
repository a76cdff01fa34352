import type { ApiGatewayManagementApiClientConfig } from '@aws-sdk/client-apigatewaymanagementapi';
import { PassThrough } from 'node:stream';
import { answerManagementRequest, parseConnectionsPath, type ManagementApiSettings } from './management-api';

/** The SDK request fields this handler reads (the SDK's `HttpRequest`). */
interface SdkRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  body?: unknown;
}

type RequestHandler = NonNullable<ApiGatewayManagementApiClientConfig['requestHandler']>;

function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('The in-process @connections handler accepts only string or byte bodies');
}

/**
 * An SDK request handler that answers `app.websocketApi`'s `@connections` calls inside the
 * gateway's process instead of over loopback HTTP. The SDK still serialises, signs and parses
 * every call, and the answers come from the same code as the HTTP endpoint, so statuses, error
 * types (`GoneException`, `PayloadTooLargeException`) and ordering are identical.
 *
 * @example
 * ```ts
 * app.websocketApi.configure({ endpoint, clientConfig: { requestHandler: inProcessManagementHandler(settings) } });
 * ```
 */
export function inProcessManagementHandler(settings: ManagementApiSettings): RequestHandler {
  return {
    async handle(request: SdkRequest) {
      const parsed = parseConnectionsPath(request.path, settings.stage);
      if (!parsed) throw new Error(`Not an @connections path: ${request.path}`);
      const bytes = bodyBytes(request.body);
      const answer = await answerManagementRequest(
        request.method,
        request.path,
        parsed.connectionId,
        bytes.length > settings.maxPostBytes ? undefined : bytes,
        settings,
      );
      const body = new PassThrough();
      body.end(answer.body);
      return { response: { statusCode: answer.status, headers: answer.headers, body } };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  } as unknown as RequestHandler;
}
