import type { WsApp } from '@wsapp/framework';
import { attachToApp, connectionIdInUse } from './app-attachment';
import { authorizeConnection, type AuthorizerHost } from './authorizer-step';
import { systemClock, type GatewayClock } from './clock';
import { runConnectRoute, type ConnectStepHost } from './connect-step';
import type { ConnectionFacts, EventStamp, HandshakeFacts } from './event-builders';
import type { HeaderLine } from './handshake';
import { newApiId, newAwsStyleId, newTraceId, type IdGenerator } from './ids';
import type { HandlerRunner, InvocationOutcome, InvokeSettings } from './invoke';
import { DEFAULT_LIMITS, CLOSE, type GatewayLimits } from './limits';
import { answerManagementRequest, type ManagementAnswer, type ManagementRequest } from './management';
import type { GatewayEventRecord } from './records';
import { compileRouteSelection, type RouteSelector } from './route-selection';
import { GatewaySession, runDisconnect, type ConnectionPort, type SessionHost } from './session';

/**
 * Options for {@link EmulatedGateway}.
 *
 * @example
 * ```ts
 * const options: EmulatedGatewayOptions = { domainName: '127.0.0.1:8000', managementEndpoint: 'http://127.0.0.1:8000/api' };
 * ```
 */
export interface EmulatedGatewayOptions {
  /** The API's `host[:port]`, reported as `domainName` (and `Host` of `$disconnect`). */
  domainName: string;
  /** The `@connections` endpoint `app.websocketApi` is configured with. */
  managementEndpoint: string;
  /** Answer `app.websocketApi` in process (default) or leave it to the SDK over HTTP. */
  websocketApi?: 'in-process' | 'http';
  /** Stage name in events (default `api`). */
  stage?: string;
  /** API id in events (default: a random 10-character id). */
  apiId?: string;
  /** Quotas and timeouts; unset values are API Gateway's. */
  limits?: Partial<GatewayLimits>;
  /** Connection, request and message ids (default: API-Gateway-like random ids). */
  ids?: IdGenerator;
  /** The clock for event times and timeouts (default: the system clock). */
  clock?: GatewayClock;
  /** How each handler call runs (the socket server contains crashes with it). */
  runner?: HandlerRunner;
  /** Called once per event; a callback that throws is logged, never fatal. */
  onEvent?: (record: GatewayEventRecord) => void;
  /**
   * Send the `Internal server error` frame when a message handler fails (default true, as API
   * Gateway). The test client turns it off in its `reject` mode, where `send` rejects instead.
   */
  failureFrames?: boolean;
  /** Where the gateway explains refusals and faults (default: `console.error`). */
  log?: (line: string) => void;
}

/**
 * What a front end knows of one handshake request.
 *
 * @example
 * ```ts
 * const request: HandshakeRequest = { rawHeaders: ['Host', '127.0.0.1:8000'], url: '/api?token=abc', serverPort: 8000, sourceIp: '127.0.0.1' };
 * ```
 */
export interface HandshakeRequest {
  /** Header names in the client's casing, then values, alternating (Node's `req.rawHeaders`). */
  rawHeaders: readonly string[];
  /** Path and query (`/api?token=abc`). */
  url: string;
  serverPort: number;
  sourceIp: string;
}

/**
 * The gateway's answer to a handshake. Accepted: write `headers` into the 101 response, then
 * `open` the connection with a port, or `abandon` it when the client left meanwhile (its
 * `$disconnect` still runs when `$connect` had accepted it). Refused: answer with `status`,
 * `headers` and `body`; `failure` is the own failure of the handler named by `failedHandler`
 * (the authorizer or `$connect`), if one failed.
 *
 * @example
 * ```ts
 * const attempt = await gateway.connect(request);
 * if (attempt.accepted) attempt.open(port);
 * ```
 */
export type ConnectAttempt =
  | { accepted: true; connectionId: string; headers: HeaderLine[]; open(port: ConnectionPort): GatewaySession; abandon(): void }
  | {
      accepted: false;
      connectionId: string;
      status: number;
      headers: HeaderLine[];
      body: string;
      failure?: Exclude<InvocationOutcome, { kind: 'returned' }>;
      failedHandler?: 'authorizer' | '$connect';
    };

function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === name) return rawHeaders[i + 1];
  }
  return undefined;
}

/**
 * API Gateway's WebSocket behaviour with no transport: the handshake outcome of `$connect`,
 * every connection's {@link GatewaySession}, and the `@connections` answers. The socket server
 * and the in-memory test client are two front ends on it, so they cannot disagree.
 *
 * @example
 * ```ts
 * const gateway = new EmulatedGateway(app, { domainName: 'test.local', managementEndpoint: 'http://test.local/api' });
 * const attempt = await gateway.connect({ rawHeaders: [], url: '/', serverPort: 443, sourceIp: '127.0.0.1' });
 * ```
 */
export class EmulatedGateway implements SessionHost, AuthorizerHost, ConnectStepHost {
  readonly stage: string;
  readonly apiId: string;
  readonly limits: GatewayLimits;
  readonly clock: GatewayClock;
  readonly invokeSettings: InvokeSettings;
  /** The invoke settings of the `$connect` authorizer: its own timeout. */
  readonly authorizerSettings: InvokeSettings;
  readonly managementEndpoint: string;
  readonly failureFrames: boolean;
  readonly reporting: boolean;
  /** Open (and closing) connections by id. */
  readonly connections = new Map<string, GatewaySession>();
  selectRoute: RouteSelector;
  private currentApp: WsApp;
  private detach: () => void;
  private closing = false;
  private readonly pending = new Set<Promise<unknown>>();
  /** Ids of connections still in `$connect`: not open yet, but no other connection may take them. */
  private readonly reserved = new Set<string>();
  private readonly waiters: Array<() => void> = [];

  constructor(
    app: WsApp,
    private readonly options: EmulatedGatewayOptions,
  ) {
    this.stage = options.stage ?? 'api';
    this.apiId = options.apiId ?? newApiId();
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.clock = options.clock ?? systemClock;
    this.managementEndpoint = options.managementEndpoint;
    this.failureFrames = options.failureFrames ?? true;
    this.reporting = options.onEvent !== undefined;
    this.invokeSettings = { timeoutMs: this.limits.integrationTimeoutMs, clock: this.clock, ...(options.runner ? { runner: options.runner } : {}) };
    this.authorizerSettings = { ...this.invokeSettings, timeoutMs: this.limits.authorizerTimeoutMs };
    this.currentApp = app;
    this.selectRoute = compileRouteSelection(app.routeSelectionExpression);
    this.detach = this.attach(app);
  }

  /** The app new invocations go to. */
  get app(): WsApp {
    return this.currentApp;
  }

  /** Sends new invocations to another app (a reload); open connections stay up. */
  setApp(app: WsApp): void {
    this.selectRoute = compileRouteSelection(app.routeSelectionExpression);
    this.detach();
    this.currentApp = app;
    this.detach = this.attach(app);
  }

  ids(): string {
    return (this.options.ids ?? newAwsStyleId)();
  }

  report(record: GatewayEventRecord): void {
    try {
      this.options.onEvent?.(record);
    } catch (error) {
      this.log(`the onEvent callback threw (ignored): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  log(line: string): void {
    (this.options.log ?? ((text: string) => console.error(`wsapp local gateway: ${text}`)))(line);
  }

  forget(session: GatewaySession): void {
    this.connections.delete(session.connectionId);
    if (session.disconnected) this.track(session.disconnected);
    this.wake();
  }

  /**
   * Runs the app's authorizer (when it has one) and then `$connect` (when it has one) for a
   * handshake, and decides its outcome.
   */
  async connect(request: HandshakeRequest): Promise<ConnectAttempt> {
    let facts = this.connectionFacts(request);
    this.reserved.add(facts.connectionId);
    const app = this.currentApp;
    const handshake: HandshakeFacts = { rawHeaders: request.rawHeaders, url: request.url, serverPort: request.serverPort, traceId: newTraceId(facts.connectedAt) };
    let stamp: EventStamp | undefined;
    if (app.authorizerConfig) {
      stamp = { now: facts.connectedAt, requestId: this.ids() };
      const authorization = await authorizeConnection(this, app, facts, handshake, stamp);
      if (!authorization.allowed) {
        const { refusal, failure } = authorization;
        return this.refused(facts.connectionId, { ...refusal, headers: [...refusal.headers] }, failure && { failure, failedHandler: 'authorizer' });
      }
      facts = { ...facts, authorizer: authorization.authorizer };
    }
    const decision = await runConnectRoute(this, app, facts, handshake, stamp);
    if (!decision.accepted) {
      const { status, headers, body, failure } = decision;
      return this.refused(facts.connectionId, { status, headers, body }, failure && { failure, failedHandler: '$connect' });
    }
    const handled = app.route('$connect') !== undefined;
    const accepted = facts;
    return {
      accepted: true,
      connectionId: accepted.connectionId,
      headers: decision.headers,
      open: (port) => this.open(accepted, port),
      abandon: () => {
        this.reserved.delete(accepted.connectionId);
        if (handled) this.track(runDisconnect(this, accepted, { code: 1006, reason: '' }));
      },
    };
  }

  /** Answers one `@connections` request (from HTTP or from `app.websocketApi` in process). */
  answerManagement(request: ManagementRequest): ManagementAnswer {
    return answerManagementRequest(request, (id) => this.connections.get(id), this.limits.maxPostBytes);
  }

  /**
   * Closes every connection with 1001 (`Going away`), waits until every `$disconnect` has run,
   * and detaches from the app (the last gateway to detach resets `app.websocketApi`).
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const session of this.connections.values()) session.closeFromGateway(CLOSE.goingAway);
    // forget() and each finished $disconnect wake this loop.
    while (this.connections.size > 0 || this.pending.size > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.detach();
  }

  private open(facts: ConnectionFacts, port: ConnectionPort): GatewaySession {
    const session = new GatewaySession(facts, port, this);
    this.connections.set(facts.connectionId, session);
    this.reserved.delete(facts.connectionId);
    if (this.closing) session.closeFromGateway(CLOSE.goingAway);
    return session;
  }

  /** What every event of a new connection shares, from its handshake. */
  private connectionFacts(request: HandshakeRequest): ConnectionFacts {
    const userAgent = headerValue(request.rawHeaders, 'user-agent');
    return {
      connectionId: this.newConnectionId(), connectedAt: this.clock.now(), apiId: this.apiId, stage: this.stage, domainName: this.options.domainName,
      identity: userAgent === undefined ? { sourceIp: request.sourceIp } : { sourceIp: request.sourceIp, userAgent },
    };
  }

  /** A refused handshake: the id is free again. */
  private refused(
    connectionId: string,
    answer: { status: number; headers: HeaderLine[]; body: string },
    failed: { failure: Exclude<InvocationOutcome, { kind: 'returned' }>; failedHandler: 'authorizer' | '$connect' } | undefined,
  ): ConnectAttempt {
    this.reserved.delete(connectionId);
    return { accepted: false, connectionId, ...answer, ...failed };
  }

  /** A connection id from the id generator that no gateway on the app holds (ids from a fixed sequence repeat across test clients). */
  private newConnectionId(): string {
    for (let attempt = 0; attempt < 100; attempt++) {
      const id = this.ids();
      if (!connectionIdInUse(this.currentApp, id)) return id;
    }
    throw new Error('The id generator gave 100 connection ids in a row that are in use on this app: connection ids must be unique');
  }

  private track(work: Promise<unknown>): void {
    this.pending.add(work);
    void work.finally(() => {
      this.pending.delete(work);
      this.wake();
    });
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private attach(app: WsApp): () => void {
    return attachToApp(app, {
      stage: this.stage,
      managementEndpoint: this.managementEndpoint,
      inProcess: this.options.websocketApi !== 'http',
      owns: (id) => this.connections.has(id) || this.reserved.has(id),
      answerManagement: (request) => this.answerManagement(request),
    });
  }
}
