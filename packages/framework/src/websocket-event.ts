import { BadRequestError } from './errors';
import type {
  LambdaContext,
  WebsocketAuthorizer,
  WebsocketConnectLambdaEvent,
  WebsocketDisconnectLambdaEvent,
  WebsocketEventType,
  WebsocketIdentity,
  WebsocketLambdaEvent,
  WebsocketMessageLambdaEvent,
} from './event-types';
import { WebsocketHeaders } from './websocket-headers';

const EMPTY_HEADERS = new WebsocketHeaders();
const NOT_PARSED = Symbol('not parsed');

/**
 * The key of the package-internal method that hands a {@link WebsocketEvent} its validated body.
 *
 * @example
 * ```ts
 * event[VALIDATED_BODY](checked.value);
 * ```
 */
export const VALIDATED_BODY = Symbol('validated body');

/**
 * The event handed to every handler: the Lambda event with convenient, typed accessors.
 * Everything is computed on first use, so an unused accessor costs nothing.
 *
 * @example
 * ```ts
 * app.onWsMessage(async (event) => {
 *   await app.websocketApi.send(event.connectionId, `you said: ${event.body}`);
 * });
 * ```
 */
export class WebsocketEvent<Body = unknown> {
  private parsedJson: unknown = NOT_PARSED;
  private headerView: WebsocketHeaders | undefined;

  constructor(
    /** The Lambda event exactly as API Gateway delivered it. */
    readonly raw: WebsocketLambdaEvent,
    /** The Lambda context object (absent when a handler is called outside Lambda without one). */
    readonly context?: LambdaContext,
  ) {}

  /** API Gateway's id for this connection; pass it to `app.websocketApi.send`. */
  get connectionId(): string {
    return this.raw.requestContext.connectionId;
  }

  /** `$connect`, `$disconnect`, `$default` or a custom route key. */
  get routeKey(): string {
    return this.raw.requestContext.routeKey;
  }

  /** `CONNECT`, `MESSAGE` or `DISCONNECT`. */
  get eventType(): WebsocketEventType {
    return this.raw.requestContext.eventType;
  }

  /**
   * The message text; `''` when the event has no body (connect and disconnect).
   * A base64-encoded body is decoded as UTF-8.
   */
  get body(): string {
    const body = (this.raw as Partial<WebsocketMessageLambdaEvent>).body;
    if (typeof body !== 'string') return '';
    return this.raw.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  }

  /** The message as bytes: decoded from base64 when `isBase64Encoded`, else the UTF-8 of `body`. */
  get bodyBytes(): Uint8Array {
    const body = (this.raw as Partial<WebsocketMessageLambdaEvent>).body ?? '';
    return Buffer.from(body, this.raw.isBase64Encoded ? 'base64' : 'utf8');
  }

  /** Whether API Gateway delivered the body base64-encoded. */
  get isBase64Encoded(): boolean {
    return this.raw.isBase64Encoded === true;
  }

  /**
   * The body parsed as JSON (parsed once, then cached); on a route with a body schema, the
   * schema's output for it.
   * @throws {@link BadRequestError} when the body is not valid JSON.
   */
  get jsonBody(): Body {
    if (this.parsedJson === NOT_PARSED) {
      try {
        this.parsedJson = JSON.parse(this.body);
      } catch (error) {
        throw new BadRequestError(
          `The websocket message body is not valid JSON (connection ${this.connectionId}): ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    return this.parsedJson as Body;
  }

  /** Sets what `jsonBody` returns: the output of the route's body schema. */
  [VALIDATED_BODY](value: unknown): void {
    this.parsedJson = value;
  }

  /** Host name the client connected to (`{apiId}.execute-api.{region}.amazonaws.com` or a custom domain). */
  get domainName(): string {
    return this.raw.requestContext.domainName;
  }

  /** The API Gateway stage, e.g. `api`. */
  get stage(): string {
    return this.raw.requestContext.stage;
  }

  /** The WebSocket API's id. */
  get apiId(): string {
    return this.raw.requestContext.apiId;
  }

  /** API Gateway's id for this request (it appears in "Internal server error" frames). */
  get requestId(): string {
    return this.raw.requestContext.requestId;
  }

  /** When API Gateway received the request. */
  get requestTime(): Date {
    return new Date(this.raw.requestContext.requestTimeEpoch);
  }

  /** When the connection was opened; the same on every event of the connection. */
  get connectedAt(): Date {
    return new Date(this.raw.requestContext.connectedAt);
  }

  /** Source IP and, when sent, user agent of the client. */
  get identity(): WebsocketIdentity {
    return this.raw.requestContext.identity;
  }

  /** What the Lambda authorizer returned, when the API has one. */
  get authorizer(): WebsocketAuthorizer | undefined {
    return this.raw.requestContext.authorizer;
  }

  /** Handshake headers, case-insensitive (on `$connect`; disconnect events carry a fixed set). */
  get headers(): WebsocketHeaders {
    if (!this.headerView) {
      const raw = this.raw as Partial<WebsocketConnectLambdaEvent>;
      this.headerView = raw.headers || raw.multiValueHeaders
        ? new WebsocketHeaders(raw.headers, raw.multiValueHeaders)
        : EMPTY_HEADERS;
    }
    return this.headerView;
  }

  /** Query string parameters of the connect URL (`{}` when there were none). */
  get query(): Readonly<Record<string, string>> {
    return (this.raw as Partial<WebsocketConnectLambdaEvent>).queryStringParameters ?? {};
  }

  /** Every value of each query parameter (`{}` when there were none). */
  get multiValueQuery(): Readonly<Record<string, readonly string[]>> {
    return (this.raw as Partial<WebsocketConnectLambdaEvent>).multiValueQueryStringParameters ?? {};
  }

  /** Close code on `$disconnect` (1000 normal, 1001 going away, 1005 none given, 1006 dropped). */
  get disconnectStatusCode(): number | undefined {
    return (this.raw as Partial<WebsocketDisconnectLambdaEvent>).requestContext?.disconnectStatusCode;
  }

  /** Close reason on `$disconnect`. */
  get disconnectReason(): string | undefined {
    return (this.raw as Partial<WebsocketDisconnectLambdaEvent>).requestContext?.disconnectReason;
  }
}
