/**
 * API Gateway WebSocket event types, accurate to the events AWS delivers today
 * (absent fields are omitted, never null). `@types/aws-lambda` lacks headers, identity,
 * authorizer and the disconnect fields, and wrongly makes `messageId` always present.
 */

/**
 * Who is on the other end of the connection.
 *
 * @example
 * ```ts
 * const identity: WebsocketIdentity = { sourceIp: '127.0.0.1', userAgent: 'wscat' };
 * ```
 */
export interface WebsocketIdentity {
  sourceIp: string;
  /** Present only when the client sent a `User-Agent` header. */
  userAgent?: string;
}

/**
 * What a Lambda authorizer returned for the connection; it follows the connection to every event.
 * Context values arrive stringified.
 *
 * @example
 * ```ts
 * const authorizer: WebsocketAuthorizer = { principalId: 'user-1', integrationLatency: 12, tenant: 'acme' };
 * ```
 */
export interface WebsocketAuthorizer {
  principalId?: string;
  integrationLatency?: number;
  [contextKey: string]: string | number | boolean | undefined;
}

/**
 * The kinds of event API Gateway sends to a WebSocket integration.
 *
 * @example
 * ```ts
 * const kind: WebsocketEventType = 'MESSAGE';
 * ```
 */
export type WebsocketEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/**
 * `requestContext` keys common to every WebSocket event.
 *
 * @example
 * ```ts
 * function ageMs(ctx: WebsocketRequestContextBase): number {
 *   return ctx.requestTimeEpoch - ctx.connectedAt;
 * }
 * ```
 */
export interface WebsocketRequestContextBase {
  routeKey: string;
  eventType: WebsocketEventType;
  extendedRequestId: string;
  /** Common Log Format, always UTC: `11/Nov/2024:11:35:24 +0000`. */
  requestTime: string;
  messageDirection: 'IN';
  stage: string;
  /** Epoch milliseconds; the same value on every event of one connection. */
  connectedAt: number;
  requestTimeEpoch: number;
  identity: WebsocketIdentity;
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  /** Present only when the `$connect` route has a Lambda authorizer. */
  authorizer?: WebsocketAuthorizer;
}

/**
 * `requestContext` of a `$connect` event.
 *
 * @example
 * ```ts
 * const ctx: WebsocketConnectRequestContext = connectEvent.requestContext;
 * ```
 */
export interface WebsocketConnectRequestContext extends WebsocketRequestContextBase {
  routeKey: '$connect';
  eventType: 'CONNECT';
}

/**
 * `requestContext` of a message event (`$default` or a custom route).
 *
 * @example
 * ```ts
 * const ctx: WebsocketMessageRequestContext = messageEvent.requestContext;
 * console.log(ctx.messageId);
 * ```
 */
export interface WebsocketMessageRequestContext extends WebsocketRequestContextBase {
  eventType: 'MESSAGE';
  messageId: string;
}

/**
 * `requestContext` of a `$disconnect` event.
 *
 * @example
 * ```ts
 * const { disconnectStatusCode, disconnectReason } = disconnectEvent.requestContext;
 * ```
 */
export interface WebsocketDisconnectRequestContext extends WebsocketRequestContextBase {
  routeKey: '$disconnect';
  eventType: 'DISCONNECT';
  /** The close code; 1005 when the client's close frame had none, 1006 for an abrupt drop. */
  disconnectStatusCode: number;
  /** The close reason, e.g. `Client-side close frame status not set`. */
  disconnectReason: string;
}

/**
 * The Lambda event for `$connect`: the client's handshake headers (original casing) and query.
 *
 * @example
 * ```ts
 * const token = connectEvent.queryStringParameters?.token;
 * ```
 */
export interface WebsocketConnectLambdaEvent {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  /** Present only when the URL has a query. */
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  requestContext: WebsocketConnectRequestContext;
  isBase64Encoded: boolean;
}

/**
 * The Lambda event for a message (`$default` or a custom route key).
 *
 * @example
 * ```ts
 * const text = messageEvent.body;
 * ```
 */
export interface WebsocketMessageLambdaEvent {
  requestContext: WebsocketMessageRequestContext;
  body: string;
  isBase64Encoded: boolean;
}

/**
 * The Lambda event for `$disconnect`: a fixed set of headers and the close code and reason.
 *
 * @example
 * ```ts
 * console.log(disconnectEvent.requestContext.disconnectStatusCode);
 * ```
 */
export interface WebsocketDisconnectLambdaEvent {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  requestContext: WebsocketDisconnectRequestContext;
  isBase64Encoded: boolean;
}

/**
 * Any event API Gateway sends to a WebSocket integration.
 *
 * @example
 * ```ts
 * export const handler = (event: WebsocketLambdaEvent) => app.handler(event);
 * ```
 */
export type WebsocketLambdaEvent =
  | WebsocketConnectLambdaEvent
  | WebsocketMessageLambdaEvent
  | WebsocketDisconnectLambdaEvent;

/**
 * The parts of the Lambda context object a handler may use (structurally compatible with the
 * runtime's object and with `@types/aws-lambda`'s `Context`).
 *
 * @example
 * ```ts
 * app.onWsMessage((event) => console.log(event.context?.getRemainingTimeInMillis()));
 * ```
 */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop?: boolean;
  getRemainingTimeInMillis(): number;
}

/**
 * What a handler may return to API Gateway. On `$connect`, a non-2xx `statusCode` refuses the
 * handshake and `headers` (such as `Sec-WebSocket-Protocol`) go into the handshake response.
 * On a two-way route, `body` is sent back to the client.
 *
 * @example
 * ```ts
 * app.onWsConnect((event) =>
 *   event.query.token === secret ? { statusCode: 200 } : { statusCode: 401 });
 * ```
 */
export interface WebsocketResponse {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body?: string;
  isBase64Encoded?: boolean;
}
