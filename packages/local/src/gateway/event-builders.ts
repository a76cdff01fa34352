import type {
  WebsocketAuthorizer,
  WebsocketConnectLambdaEvent,
  WebsocketDisconnectLambdaEvent,
  WebsocketIdentity,
  WebsocketMessageLambdaEvent,
  WebsocketRequestContextBase,
} from '@wsapp/framework';
import { formatClfTime } from './clf-time';

/**
 * What every event of one connection shares. Kept by the gateway per connection; the event
 * builders are pure functions of it, the clock and fresh ids.
 *
 * @example
 * ```ts
 * const connection: ConnectionFacts = {
 *   connectionId: 'BFHPhfCWIAMCKlQ=', connectedAt: Date.now(), identity: { sourceIp: '127.0.0.1' },
 *   apiId: 'k2v9xq0a7d', stage: 'api', domainName: '127.0.0.1:8000',
 * };
 * ```
 */
export interface ConnectionFacts {
  connectionId: string;
  /** Epoch ms of the handshake; the same on every event of the connection. */
  connectedAt: number;
  identity: WebsocketIdentity;
  apiId: string;
  stage: string;
  /** The gateway's `host:port`. */
  domainName: string;
  /**
   * What the `$connect` authorizer allowed the connection with (`principalId`,
   * `integrationLatency`, the stringified context), when the app has one: every event of the
   * connection carries it as `requestContext.authorizer`.
   */
  authorizer?: WebsocketAuthorizer;
}

/**
 * The per-event values: when the event happened and its request id.
 *
 * @example
 * ```ts
 * const stamp: EventStamp = { now: Date.now(), requestId: newAwsStyleId() };
 * ```
 */
export interface EventStamp {
  now: number;
  requestId: string;
}

/**
 * The parts of the client's HTTP upgrade request that `$connect` sees.
 *
 * @example
 * ```ts
 * const handshake: HandshakeFacts = {
 *   rawHeaders: ['Host', '127.0.0.1:8000', 'User-Agent', 'wscat'], url: '/?token=abc',
 *   serverPort: 8000, traceId: newTraceId(Date.now()),
 * };
 * ```
 */
export interface HandshakeFacts {
  /** Node's `req.rawHeaders`: names in the client's casing, then values, alternating. */
  rawHeaders: readonly string[];
  /** The request target, path and query (`/?token=abc`). */
  url: string;
  /** The gateway's port, reported as `X-Forwarded-Port`. */
  serverPort: number;
  /** The `X-Amzn-Trace-Id` value to add. */
  traceId: string;
}

function requestContext(
  connection: ConnectionFacts,
  stamp: EventStamp,
): Omit<WebsocketRequestContextBase, 'routeKey' | 'eventType'> {
  return {
    extendedRequestId: stamp.requestId,
    requestTime: formatClfTime(stamp.now),
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: stamp.now,
    identity: { ...connection.identity },
    requestId: stamp.requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
  };
}

/** `{ authorizer }` (a copy per event) when the connection has one, else nothing; AWS sends it right after `routeKey`. */
function authorizerOf(connection: ConnectionFacts): { authorizer?: WebsocketAuthorizer } {
  return connection.authorizer ? { authorizer: { ...connection.authorizer } } : {};
}

/**
 * Groups pairs by name, keeping every value in order. Header names fold case (the first casing
 * seen wins); query names are case-sensitive.
 */
function groupPairs(
  pairs: ReadonlyArray<readonly [string, string]>,
  foldCase: boolean,
): Map<string, { name: string; values: string[] }> {
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of pairs) {
    const key = foldCase ? name.toLowerCase() : name;
    const entry = grouped.get(key);
    if (entry) entry.values.push(value);
    else grouped.set(key, { name, values: [value] });
  }
  return grouped;
}

function singleAndMulti(grouped: Map<string, { name: string; values: string[] }>): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const { name, values } of grouped.values()) {
    single[name] = values[values.length - 1] ?? '';
    multi[name] = values;
  }
  return { single, multi };
}

function headerPairs(handshake: HandshakeFacts, sourceIp: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < handshake.rawHeaders.length; i += 2) {
    pairs.push([handshake.rawHeaders[i] as string, handshake.rawHeaders[i + 1] as string]);
  }
  const replaced = new Set(['x-amzn-trace-id', 'x-forwarded-port', 'x-forwarded-proto']);
  const kept = pairs.filter(([name]) => !replaced.has(name.toLowerCase()));
  const forwardedFor = kept.filter(([name]) => name.toLowerCase() === 'x-forwarded-for').map(([, value]) => value);
  const others = kept.filter(([name]) => name.toLowerCase() !== 'x-forwarded-for');
  return [
    ...others,
    ['X-Amzn-Trace-Id', handshake.traceId],
    ['X-Forwarded-For', [...forwardedFor, sourceIp].join(', ')],
    ['X-Forwarded-Port', String(handshake.serverPort)],
    ['X-Forwarded-Proto', 'http'],
  ];
}

function queryPairs(url: string): Array<[string, string]> {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return query === '' ? [] : [...new URLSearchParams(query)];
}

/**
 * Builds the `$connect` event: the client's handshake headers in their original casing plus
 * `X-Amzn-Trace-Id` and `X-Forwarded-*`, and query parameters only when the URL has a query.
 *
 * @example
 * ```ts
 * const event = buildConnectEvent(connection, handshake, { now: Date.now(), requestId: newAwsStyleId() });
 * await app.handler(event);
 * ```
 */
export function buildConnectEvent(
  connection: ConnectionFacts,
  handshake: HandshakeFacts,
  stamp: EventStamp,
): WebsocketConnectLambdaEvent {
  const headers = singleAndMulti(groupPairs(headerPairs(handshake, connection.identity.sourceIp), true));
  const query = queryPairs(handshake.url);
  const event: WebsocketConnectLambdaEvent = {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    requestContext: { routeKey: '$connect', ...authorizerOf(connection), eventType: 'CONNECT', ...requestContext(connection, stamp) },
    isBase64Encoded: false,
  };
  if (query.length > 0) {
    const params = singleAndMulti(groupPairs(query, false));
    event.queryStringParameters = params.single;
    event.multiValueQueryStringParameters = params.multi;
  }
  return event;
}

/**
 * Builds a message event for the route the selection expression picked (`$default` or custom).
 *
 * @example
 * ```ts
 * const event = buildMessageEvent(connection, '$default', 'hello', { now: Date.now(), requestId: newAwsStyleId() }, newAwsStyleId());
 * ```
 */
export function buildMessageEvent(
  connection: ConnectionFacts,
  routeKey: string,
  body: string,
  stamp: EventStamp,
  messageId: string,
): WebsocketMessageLambdaEvent {
  // The shared fields follow eventType in the order AWS sends them (extendedRequestId first).
  return {
    requestContext: { routeKey, ...authorizerOf(connection), messageId, eventType: 'MESSAGE', ...requestContext(connection, stamp) },
    body,
    isBase64Encoded: false,
  };
}

/**
 * The reason API Gateway reports when the client's close frame carried no status code.
 *
 * @example
 * ```ts
 * if (event.disconnectReason === NO_STATUS_REASON) console.log('client closed without a code');
 * ```
 */
export const NO_STATUS_REASON = 'Client-side close frame status not set';

/**
 * Builds the `$disconnect` event: API Gateway's fixed header set and the close code and reason
 * (1005 with `Client-side close frame status not set` when the close frame had no code).
 *
 * @example
 * ```ts
 * const event = buildDisconnectEvent(connection, 1000, 'bye', { now: Date.now(), requestId: newAwsStyleId() });
 * ```
 */
export function buildDisconnectEvent(
  connection: ConnectionFacts,
  code: number,
  reason: string,
  stamp: EventStamp,
): WebsocketDisconnectLambdaEvent {
  const headers: Record<string, string> = {
    Host: connection.domainName,
    'x-api-key': '',
    'X-Forwarded-For': '',
    'x-restapi': '',
  };
  const { extendedRequestId, ...rest } = requestContext(connection, stamp);
  return {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: {
      routeKey: '$disconnect',
      ...authorizerOf(connection),
      disconnectStatusCode: code,
      eventType: 'DISCONNECT',
      extendedRequestId,
      ...rest,
      disconnectReason: code === 1005 && reason === '' ? NO_STATUS_REASON : reason,
    },
    isBase64Encoded: false,
  };
}
