import type { WebsocketResponse, WsApp } from '@wsapp/framework';
import { systemClock, type GatewayClock } from '../gateway/clock';
import { EmulatedGateway } from '../gateway/gateway';
import type { HeaderLine } from '../gateway/handshake';
import { newApiId } from '../gateway/ids';
import type { GatewayLimits } from '../gateway/limits';
import { sequentialIds, steppingClock } from './deterministic';
import { failureError, TestConnection, type HandlerErrorMode } from './test-connection';

/**
 * Options for {@link createTestClient}.
 *
 * @example
 * ```ts
 * const client = createTestClient(app, { deterministic: true, stage: 'prod' });
 * ```
 */
export interface TestClientOptions {
  /** The stage in events and in the management endpoint (default `api`). */
  stage?: string;
  /** Sequential ids (`AAAAAAAAAAAAAAE=`, ...) and a clock that starts at 2024-11-11T11:35:24Z. */
  deterministic?: boolean;
  /** The time, in epoch milliseconds (overrides `deterministic`'s); timers still use real time. */
  now?: () => number;
  /** The clock for event times and every timeout, e.g. `manualClock()` (overrides `now`). */
  clock?: GatewayClock;
  /** The id generator for connection, request and message ids (overrides `deterministic`'s). */
  ids?: () => string;
  /** How long a handler may run before it counts as timed out (default 29 s, as API Gateway). */
  timeoutMs?: number;
  /** Quotas and timeouts; unset values are API Gateway's. */
  limits?: Partial<GatewayLimits>;
  /** `reject` (default): failing handlers reject `send`/`connect`/`close`; `frame`: exactly as the socket gateway. */
  handlerErrors?: HandlerErrorMode;
}

/**
 * Options for {@link TestClient.connect}: what the client's handshake carries.
 *
 * @example
 * ```ts
 * await client.connect({ query: { token: 'abc' }, headers: { 'Sec-WebSocket-Protocol': 'chat.v1' } });
 * ```
 */
export interface TestConnectOptions {
  query?: Record<string, string | readonly string[]>;
  headers?: Record<string, string>;
  sourceIp?: string;
}

/**
 * The gateway refused the handshake; `statusCode` is the HTTP status the client gets (the
 * status `$connect` returned, the authorizer's 401 or 403, or 500 for a handler failure or a
 * malformed response).
 *
 * @example
 * ```ts
 * await expect(client.connect()).rejects.toMatchObject({ statusCode: 401 });
 * ```
 */
export class ConnectionRefusedError extends Error {
  override readonly name = 'ConnectionRefusedError';

  constructor(
    readonly statusCode: number,
    /** The refusal as the client sees it: status, headers and body. */
    readonly response: WebsocketResponse & { headerLines: readonly HeaderLine[] },
  ) {
    super(`The gateway refused the connection with status ${statusCode}`);
  }
}

function requestUrl(stage: string, query: TestConnectOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item);
  }
  const text = params.toString();
  return text ? `/${stage}?${text}` : `/${stage}`;
}

function clockOf(options: TestClientOptions): GatewayClock {
  if (options.clock) return options.clock;
  const now = options.now ?? (options.deterministic ? steppingClock() : undefined);
  return now ? { now, setTimer: systemClock.setTimer } : systemClock;
}

/**
 * An in-process client for a `WsApp`: the same emulated gateway as `wsapp local` (handshake
 * rules, limits, routing, error frames, `@connections`, ordering, timeouts), with no network.
 * Create it with {@link createTestClient}.
 *
 * @example
 * ```ts
 * const client = createTestClient(app);
 * const conn = await client.connect();
 * await conn.send('hi');
 * ```
 */
export class TestClient {
  /** Open and closed connections by id. */
  readonly connections = new Map<string, TestConnection>();
  /** The `@connections` endpoint the app is configured with (never contacted over the network). */
  readonly managementEndpoint: string;
  private readonly gateway: EmulatedGateway;
  private readonly mode: HandlerErrorMode;
  private readonly timeoutMs: number;

  /** @internal use {@link createTestClient} */
  constructor(
    readonly app: WsApp,
    options: TestClientOptions = {},
  ) {
    const stage = options.stage ?? 'api';
    const apiId = options.deterministic ? 'wsapptest1' : newApiId();
    this.mode = options.handlerErrors ?? 'reject';
    this.timeoutMs = options.timeoutMs ?? options.limits?.integrationTimeoutMs ?? 29_000;
    this.managementEndpoint = `http://${apiId}.wsapp.test/${stage}`;
    const ids = options.ids ?? (options.deterministic ? sequentialIds() : undefined);
    this.gateway = new EmulatedGateway(app, {
      domainName: `${apiId}.wsapp.test`, managementEndpoint: this.managementEndpoint, stage, apiId,
      clock: clockOf(options), failureFrames: this.mode === 'frame', limits: { ...options.limits, integrationTimeoutMs: this.timeoutMs },
      ...(ids ? { ids } : {}),
    });
  }

  /**
   * Opens a connection: runs the app's authorizer and `$connect` (each when the app has one)
   * with the given query and headers.
   * @throws {@link ConnectionRefusedError} when the gateway refuses the handshake (in `reject`
   * mode an authorizer or `$connect` that throws or times out rejects with its own error
   * instead; an authorizer's `UnauthorizedError` or deny is always a refusal, 401 or 403).
   */
  async connect(options: TestConnectOptions = {}): Promise<TestConnection> {
    const rawHeaders = ['Host', new URL(this.managementEndpoint).host, ...Object.entries(options.headers ?? {}).flat()];
    const attempt = await this.gateway.connect({
      rawHeaders, url: requestUrl(this.gateway.stage, options.query), serverPort: 443, sourceIp: options.sourceIp ?? '127.0.0.1',
    });
    if (!attempt.accepted) {
      if (attempt.failure && this.mode === 'reject') {
        const authorizer = attempt.failedHandler === 'authorizer';
        throw failureError(attempt.failure, authorizer ? 'authorizer' : '$connect', authorizer ? this.gateway.limits.authorizerTimeoutMs : this.timeoutMs);
      }
      const response = { statusCode: attempt.status, headers: Object.fromEntries(attempt.headers), body: attempt.body, headerLines: attempt.headers };
      throw new ConnectionRefusedError(attempt.status, response);
    }
    const connection = new TestConnection(attempt.headers, this.mode, this.timeoutMs);
    connection.attach(attempt.open(connection.port()));
    this.connections.set(attempt.connectionId, connection);
    return connection;
  }

  /** Closes every open connection with 1001 (running `$disconnect` for each) and detaches from the app. */
  dispose(): Promise<void> {
    return this.gateway.close();
  }
}

/**
 * Creates an in-process test client for an app: `connect` runs `$connect`, `send` runs the
 * matching route, `received` lists what the gateway delivered, and `close` runs `$disconnect`.
 * It is a front end of the same emulated gateway as `wsapp local`, so the same traffic gets the
 * same outcome. Works with jest, `node:test` and any other runner.
 *
 * @example
 * ```ts
 * import { createTestClient } from '@wsapp/local/testing';
 * import { app } from '../app';
 *
 * const client = createTestClient(app);
 * const conn = await client.connect();
 * await conn.send('foo');
 * assert.deepEqual(conn.received, ['foo']);
 * ```
 */
export function createTestClient(app: WsApp, options: TestClientOptions = {}): TestClient {
  return new TestClient(app, options);
}
