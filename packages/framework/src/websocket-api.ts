import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
  type ApiGatewayManagementApiClientConfig,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { PayloadTooLargeError, WebsocketDisconnectedError, WsAppConfigurationError } from './errors';
import type { WebsocketIdentity } from './event-types';

/**
 * API Gateway's limit for one `@connections` post, in bytes (128 KB).
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) text = text.slice(0, 1000);
 * ```
 */
export const MAX_PAYLOAD_BYTES = 128 * 1024;

/**
 * The environment variable that overrides the management endpoint (set by `wsapp local`).
 *
 * @example
 * ```ts
 * process.env[MANAGEMENT_ENDPOINT_ENV] = 'http://127.0.0.1:8000/api';
 * ```
 */
export const MANAGEMENT_ENDPOINT_ENV = 'WSAPP_MANAGEMENT_ENDPOINT';

/**
 * Options for {@link WebsocketApi.configure}.
 *
 * @example
 * ```ts
 * app.websocketApi.configure({ endpoint: 'https://abc123.execute-api.eu-west-1.amazonaws.com/api' });
 * ```
 */
export interface WebsocketApiOptions {
  /** The `@connections` endpoint, `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`. */
  endpoint?: string;
  /** Region used to sign requests; defaults to `AWS_REGION`, then to the endpoint's region. */
  region?: string;
  /** Extra SDK client settings (credentials, retries, request handler). */
  clientConfig?: Omit<ApiGatewayManagementApiClientConfig, 'endpoint' | 'region'>;
  /**
   * Called with each SDK client when it is created, before its first request; what it returns
   * (or the client itself, for `undefined`) is used. For tracing: X-Ray's `captureAWSv3Client`
   * and Powertools' `tracer.captureAWSv3Client` take a client and return it instrumented.
   */
  wrapClient?: (client: ApiGatewayManagementApiClient) => ApiGatewayManagementApiClient | void;
  /**
   * Reach `@connections` without an SDK client: `wsapp local` and the test client use this to
   * answer in process. It must fail exactly as the SDK does (the SDK's exception classes, with
   * `$metadata.httpStatusCode`). Never needed on Lambda.
   */
  transport?: WebsocketApiTransport;
}

/**
 * The three `@connections` operations, for a {@link WebsocketApiOptions.transport} that answers
 * without HTTP. Errors are the SDK's (`GoneException` and friends), so callers see no difference.
 *
 * @example
 * ```ts
 * const transport: WebsocketApiTransport = {
 *   postToConnection: async (id, data) => deliver(id, data),
 *   getConnection: async (id) => describe(id),
 *   deleteConnection: async (id) => hangUp(id),
 * };
 * app.websocketApi.configure({ endpoint: 'http://127.0.0.1:8000/api', transport });
 * ```
 */
export interface WebsocketApiTransport {
  postToConnection(connectionId: string, data: Uint8Array): Promise<void>;
  getConnection(connectionId: string): Promise<WebsocketConnectionInfo>;
  deleteConnection(connectionId: string): Promise<void>;
}

/**
 * What `GET @connections/{id}` reports about a connection.
 *
 * @example
 * ```ts
 * const { connectedAt, lastActiveAt } = await app.websocketApi.info(connectionId);
 * ```
 */
export interface WebsocketConnectionInfo {
  connectedAt: Date;
  lastActiveAt: Date;
  identity: WebsocketIdentity;
}

/**
 * The result of sending to one recipient of {@link WebsocketApi.broadcast}.
 *
 * @example
 * ```ts
 * const gone = outcomes.filter((o) => o.status === 'gone').map((o) => o.connectionId);
 * ```
 */
export type BroadcastOutcome =
  | { connectionId: string; status: 'sent' }
  | { connectionId: string; status: 'gone'; error: WebsocketDisconnectedError }
  | { connectionId: string; status: 'failed'; error: unknown };

/**
 * Options for {@link WebsocketApi.broadcast}.
 *
 * @example
 * ```ts
 * await app.websocketApi.broadcast(ids, 'hi', { concurrency: 10 });
 * ```
 */
export interface BroadcastOptions {
  /** How many posts may be in flight at once (default 50). */
  concurrency?: number;
}

/**
 * Whether an error from the management API means "this connection is gone": the SDK's
 * `GoneException` by name or class, or any HTTP 410 (also one without `x-amzn-ErrorType`).
 *
 * @example
 * ```ts
 * if (isGoneError(error)) await storage.deleteConnection(id);
 * ```
 */
export function isGoneError(error: unknown): boolean {
  if (error instanceof GoneException || error instanceof WebsocketDisconnectedError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return name === 'GoneException' || $metadata?.httpStatusCode === 410;
}

function ignore(): void {}

function byteLength(data: string | Uint8Array): number {
  return typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
}

function assertPayloadFits(data: string | Uint8Array): void {
  const size = byteLength(data);
  if (size > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(size, MAX_PAYLOAD_BYTES);
}

function regionFromEnvironment(): string | undefined {
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined;
}

/**
 * The endpoint Chalice derives from an event: always from the API id and region, so that
 * apps behind a custom domain still reach the management API.
 *
 * @example
 * ```ts
 * managementEndpointFor('abc123', 'api', 'cn-north-1'); // 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/api'
 * ```
 */
export function managementEndpointFor(apiId: string, stage: string, region: string): string {
  const suffix = region.startsWith('cn-') ? '.amazonaws.com.cn' : '.amazonaws.com';
  return `https://${apiId}.execute-api.${region}${suffix}/${stage}`;
}

/**
 * Talks to the API Gateway management API (`@connections`): send to, close and inspect
 * connections. Available as `app.websocketApi`.
 *
 * The endpoint is, in order: {@link WebsocketApi.configure}'s `endpoint`, the
 * `WSAPP_MANAGEMENT_ENDPOINT` environment variable, or one derived from the event being
 * handled. One SDK client is created per endpoint, on first use, and reused.
 *
 * @example
 * ```ts
 * app.onWsMessage(async (event) => {
 *   try {
 *     await app.websocketApi.send(event.connectionId, event.body);
 *   } catch (error) {
 *     if (!(error instanceof WebsocketDisconnectedError)) throw error;
 *   }
 * });
 * ```
 */
export class WebsocketApi {
  private options: WebsocketApiOptions = {};
  private eventApiId: string | undefined;
  private eventStage: string | undefined;
  private readonly clients = new Map<string, ApiGatewayManagementApiClient>();

  /**
   * Sets the endpoint (and optionally region and SDK settings) explicitly, for example to send
   * from a queue consumer or a script that is not a WebSocket handler.
   */
  configure(options: WebsocketApiOptions): void {
    this.options = { ...this.options, ...options };
    this.clients.clear();
  }

  /**
   * Forgets the configuration, the API and stage of the last event, and the SDK clients, so the
   * next call resolves its endpoint afresh (used when a local gateway or test client detaches).
   */
  reset(): void {
    this.options = {};
    this.eventApiId = undefined;
    this.eventStage = undefined;
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /**
   * Remembers the API and stage of the event being handled (called by `app.handler`), so that
   * the endpoint can be derived when none is configured.
   * @internal
   */
  useEventContext(apiId: string, stage: string): void {
    this.eventApiId = apiId;
    this.eventStage = stage;
  }

  /** The management endpoint requests go to now. Throws when none can be determined. */
  get endpoint(): string {
    const explicit = this.options.endpoint ?? process.env[MANAGEMENT_ENDPOINT_ENV];
    if (explicit) return explicit;
    const region = this.options.region ?? regionFromEnvironment();
    if (this.eventApiId && this.eventStage && region) {
      return managementEndpointFor(this.eventApiId, this.eventStage, region);
    }
    throw new WsAppConfigurationError(
      'No websocket management endpoint: call app.websocketApi.configure({ endpoint }) or set ' +
        `${MANAGEMENT_ENDPOINT_ENV} when sending outside a websocket handler` +
        (this.eventApiId && !region ? ' (AWS_REGION is not set)' : ''),
    );
  }

  /**
   * Sends a text (string) or binary (bytes) message to one connection.
   * @throws {@link WebsocketDisconnectedError} when the connection is gone.
   * @throws {@link PayloadTooLargeError} over 128 KB, before any network call.
   */
  send(connectionId: string, data: string | Uint8Array): Promise<void> {
    // Not async: one promise per send instead of three (this is every handler's hot path).
    try {
      assertPayloadFits(data);
    } catch (error) {
      return Promise.reject(error);
    }
    const transport = this.options.transport;
    return this.goneAware(connectionId, () =>
      transport
        ? transport.postToConnection(connectionId, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
        : this.client().send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data })).then(ignore),
    );
  }

  /**
   * Closes a connection; API Gateway then runs `$disconnect`.
   * @throws {@link WebsocketDisconnectedError} when the connection is already gone.
   */
  async close(connectionId: string): Promise<void> {
    const transport = this.options.transport;
    await this.goneAware<unknown>(connectionId, () =>
      transport
        ? transport.deleteConnection(connectionId)
        : this.client().send(new DeleteConnectionCommand({ ConnectionId: connectionId })),
    );
  }

  /**
   * When the connection opened, when it was last active, and who is on it.
   * @throws {@link WebsocketDisconnectedError} when the connection is gone.
   */
  async info(connectionId: string): Promise<WebsocketConnectionInfo> {
    const transport = this.options.transport;
    if (transport) return this.goneAware(connectionId, () => transport.getConnection(connectionId));
    const output = await this.goneAware(connectionId, () =>
      this.client().send(new GetConnectionCommand({ ConnectionId: connectionId })),
    );
    const identity: WebsocketIdentity = { sourceIp: output.Identity?.SourceIp ?? '' };
    if (output.Identity?.UserAgent !== undefined) identity.userAgent = output.Identity.UserAgent;
    return {
      connectedAt: new Date(output.ConnectedAt ?? Number.NaN),
      lastActiveAt: new Date(output.LastActiveAt ?? Number.NaN),
      identity,
    };
  }

  /**
   * Sends one message to many connections with bounded concurrency and reports each outcome.
   * It never rejects because recipients are gone or failing; it rejects only for a payload
   * over 128 KB or an invalid `concurrency`, before sending anything.
   */
  async broadcast(
    connectionIds: Iterable<string>,
    data: string | Uint8Array,
    options: BroadcastOptions = {},
  ): Promise<BroadcastOutcome[]> {
    const concurrency = options.concurrency ?? 50;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`broadcast concurrency must be a positive integer, got ${concurrency}`);
    }
    assertPayloadFits(data);
    const ids = [...connectionIds];
    const outcomes = new Array<BroadcastOutcome>(ids.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const index = next++;
        const connectionId = ids[index] as string;
        try {
          await this.send(connectionId, data);
          outcomes[index] = { connectionId, status: 'sent' };
        } catch (error) {
          outcomes[index] =
            error instanceof WebsocketDisconnectedError
              ? { connectionId, status: 'gone', error }
              : { connectionId, status: 'failed', error };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
    return outcomes;
  }

  private client(): ApiGatewayManagementApiClient {
    const endpoint = this.endpoint;
    let client = this.clients.get(endpoint);
    if (!client) {
      const region =
        this.options.region ??
        regionFromEnvironment() ??
        /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(endpoint)?.[1] ??
        'us-east-1';
      // The middleware stack never changes after creation, so resolve it once per command type
      // rather than on every call (a large share of each send's CPU otherwise).
      client = new ApiGatewayManagementApiClient({ cacheMiddleware: true, ...this.options.clientConfig, endpoint, region });
      client = this.options.wrapClient?.(client) ?? client;
      this.clients.set(endpoint, client);
    }
    return client;
  }

  private goneAware<Output>(connectionId: string, request: () => Promise<Output>): Promise<Output> {
    const gone = (error: unknown): never => {
      if (isGoneError(error)) throw new WebsocketDisconnectedError(connectionId, { cause: error });
      throw error;
    };
    let pending: Promise<Output>;
    try {
      pending = request();
    } catch (error) {
      return Promise.reject(error).catch(gone);
    }
    return pending.catch(gone);
  }
}
