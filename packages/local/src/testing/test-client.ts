import type { WsApp } from '@wsapp/framework';
import type { WebsocketResponse } from '@wsapp/framework';
import { buildConnectEvent, buildDisconnectEvent, buildMessageEvent, type ConnectionFacts } from '../gateway/event-builders';
import { newApiId, newAwsStyleId, newTraceId } from '../gateway/ids';
import { inProcessManagementTransport } from '../gateway/in-process-management';
import { invokeHandler, type InvocationOutcome } from '../gateway/invoke-handler';
import type { ManagementApiSettings } from '../gateway/management-api';
import { compileRouteSelection, gatewayErrorFrame, routeForMessage } from '../gateway/route-selection';
import { MAX_PAYLOAD_BYTES } from '@wsapp/framework';
import { sequentialIds, steppingClock } from './deterministic';
import { TestConnection } from './test-connection';

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
  /** The clock, in epoch milliseconds (overrides `deterministic`'s). */
  now?: () => number;
  /** The id generator for connection, request and message ids (overrides `deterministic`'s). */
  ids?: () => string;
  /** How long a handler may run before it counts as timed out (default 29 s, as API Gateway). */
  timeoutMs?: number;
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
 * The `$connect` handler refused the connection; `statusCode` is the status it returned.
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
    readonly response: WebsocketResponse,
  ) {
    super(`The $connect handler refused the connection with status ${statusCode}`);
  }
}

function queryString(query: TestConnectOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item);
  }
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

function unwrap(outcome: InvocationOutcome, routeKey: string, timeoutMs: number): WebsocketResponse {
  if (outcome.kind === 'returned') return outcome.response;
  if (outcome.kind === 'threw') throw outcome.error;
  throw new Error(`The ${routeKey} handler did not finish within ${timeoutMs} ms`);
}

/**
 * An in-process client for a {@link WsApp}: no network, the same event builders and
 * `@connections` semantics as `wsapp local`. Create it with {@link createTestClient}.
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
  private readonly stage: string;
  private readonly apiId: string;
  private readonly now: () => number;
  private readonly ids: () => string;
  private readonly timeoutMs: number;
  private readonly selectRoute: (body: string) => string | undefined;

  /** @internal use {@link createTestClient} */
  constructor(
    readonly app: WsApp,
    options: TestClientOptions = {},
  ) {
    this.stage = options.stage ?? 'api';
    this.now = options.now ?? (options.deterministic ? steppingClock() : Date.now);
    this.ids = options.ids ?? (options.deterministic ? sequentialIds() : newAwsStyleId);
    this.apiId = options.deterministic ? 'wsapptest1' : newApiId();
    this.timeoutMs = options.timeoutMs ?? 29_000;
    this.selectRoute = compileRouteSelection(app.routeSelectionExpression);
    this.managementEndpoint = `http://${this.apiId}.wsapp.test/${this.stage}`;
    const management: ManagementApiSettings = {
      stage: this.stage,
      maxPostBytes: MAX_PAYLOAD_BYTES,
      find: (id) => this.connections.get(id),
    };
    app.websocketApi.configure({
      endpoint: this.managementEndpoint,
      transport: inProcessManagementTransport(management),
    });
  }

  /**
   * Opens a connection: runs `$connect` (when the app has one) with the given query and headers.
   * @throws {@link ConnectionRefusedError} when `$connect` returns a non-2xx status.
   */
  async connect(options: TestConnectOptions = {}): Promise<TestConnection> {
    const connectedAt = this.now();
    const facts: ConnectionFacts = {
      connectionId: this.ids(),
      connectedAt,
      identity: { sourceIp: options.sourceIp ?? '127.0.0.1' },
      apiId: this.apiId,
      stage: this.stage,
      domainName: `${this.apiId}.wsapp.test`,
    };
    const userAgent = Object.entries(options.headers ?? {}).find(([name]) => name.toLowerCase() === 'user-agent');
    if (userAgent) facts.identity.userAgent = userAgent[1];
    const connection = new TestConnection(facts, {
      runMessage: (conn, body) => this.runMessage(conn, body),
      runDisconnect: (conn, code, reason) => this.runDisconnect(conn, code, reason),
      now: this.now,
    });
    this.connections.set(facts.connectionId, connection);
    if (this.app.route('$connect')) {
      const rawHeaders = [
        'Host', facts.domainName,
        ...Object.entries(options.headers ?? {}).flat(),
      ];
      const event = buildConnectEvent(
        facts,
        { rawHeaders, url: queryString(options.query), serverPort: 443, traceId: newTraceId(connectedAt) },
        { now: connectedAt, requestId: this.ids() },
      );
      let response: WebsocketResponse;
      try {
        response = unwrap(await invokeHandler(this.app, event, this.timeoutMs), '$connect', this.timeoutMs);
      } catch (error) {
        this.connections.delete(facts.connectionId);
        throw error;
      }
      if (response.statusCode < 200 || response.statusCode > 299) {
        this.connections.delete(facts.connectionId);
        throw new ConnectionRefusedError(response.statusCode, response);
      }
    }
    connection.markOpen();
    return connection;
  }

  /** Closes every open connection (running `$disconnect` for each) and detaches from the app. */
  async dispose(): Promise<void> {
    await Promise.all([...this.connections.values()].filter((c) => c.isOpen).map((c) => c.close(1001, 'Going away')));
    this.app.websocketApi.reset();
  }

  private async runMessage(connection: TestConnection, body: string): Promise<WebsocketResponse | undefined> {
    const requestId = this.ids();
    const routeKey = routeForMessage(this.app, this.selectRoute(body));
    if (routeKey === undefined) {
      await connection.post(Buffer.from(gatewayErrorFrame('Forbidden', connection.connectionId, requestId)));
      return undefined;
    }
    const event = buildMessageEvent(connection.facts, routeKey, body, { now: this.now(), requestId }, this.ids());
    const response = unwrap(await invokeHandler(this.app, event, this.timeoutMs), routeKey, this.timeoutMs);
    if (this.app.route(routeKey)?.twoWay && typeof response.body === 'string') {
      const text = response.isBase64Encoded ? Buffer.from(response.body, 'base64') : Buffer.from(response.body);
      await connection.post(text);
    }
    return response;
  }

  private async runDisconnect(connection: TestConnection, code: number, reason: string): Promise<void> {
    if (!this.app.route('$disconnect')) return;
    const event = buildDisconnectEvent(connection.facts, code, reason, { now: this.now(), requestId: this.ids() });
    unwrap(await invokeHandler(this.app, event, this.timeoutMs), '$disconnect', this.timeoutMs);
  }
}

/**
 * Creates an in-process test client for an app: `connect` runs `$connect`, `send` runs the
 * matching route, `received` lists what the app sent through `app.websocketApi`, and `close`
 * runs `$disconnect`. `app.websocketApi` answers as the real API does (410 once closed).
 * Works with jest, `node:test` and any other runner.
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
