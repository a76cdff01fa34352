import type { WebsocketIdentity, WsApp } from '@wsapp/framework';
import type { GatewayClock, GatewayTimer } from './clock';
import { buildDisconnectEvent, buildMessageEvent, type ConnectionFacts } from './event-builders';
import { invokeHandler, type InvocationOutcome, type InvokeSettings } from './invoke';
import { CLOSE, type GatewayLimits } from './limits';
import type { GatewayEventOutcome, GatewayEventRecord } from './records';
import { gatewayErrorFrame, routeForMessage, type RouteSelector } from './route-selection';

/**
 * What a front end provides for one accepted connection: a way to write text frames to the
 * client and to close it. The socket server writes to a `ws` socket; the test client records.
 *
 * @example
 * ```ts
 * const port: ConnectionPort = { sendText: (data) => frames.push(data.toString()), bufferedBytes: () => 0, close: (code) => end(code) };
 * ```
 */
export interface ConnectionPort {
  /** Queues one text frame for the client. */
  sendText(data: Buffer): void;
  /** Bytes queued for the client and not yet taken by it. */
  bufferedBytes(): number;
  /** Closes from the gateway's side; the front end then reports the end with {@link GatewaySession.ended}. */
  close(code: number, reason: string): void;
}

/**
 * What happened to one message from the client.
 *
 * @example
 * ```ts
 * const outcome = await session.receive(Buffer.from('hi'), false);
 * if (outcome.kind === 'handled' && outcome.invocation.kind === 'threw') console.error(outcome.invocation.error);
 * ```
 */
export type MessageOutcome =
  | { kind: 'handled'; routeKey: string; invocation: InvocationOutcome; replyProblem?: string }
  | { kind: 'forbidden'; selectedKey: string | undefined }
  | { kind: 'mock'; routeKey: string }
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'dropped' };

/**
 * What a session needs from its gateway.
 *
 * @example
 * ```ts
 * // Implemented by EmulatedGateway; a session never creates one itself.
 * ```
 */
export interface SessionHost {
  readonly app: WsApp;
  readonly selectRoute: RouteSelector;
  readonly limits: GatewayLimits;
  readonly clock: GatewayClock;
  readonly invokeSettings: InvokeSettings;
  /** Whether anyone listens to {@link SessionHost.report} (records are not built otherwise). */
  readonly reporting: boolean;
  /** Whether a failed message handler sends the `Internal server error` frame. */
  readonly failureFrames: boolean;
  ids(): string;
  report(record: GatewayEventRecord): void;
  log(line: string): void;
  forget(session: GatewaySession): void;
}

/**
 * How a connection ended, as its `$disconnect` event reports it.
 *
 * @example
 * ```ts
 * const ending: ConnectionEnding = { code: 1001, reason: 'Going away' };
 * ```
 */
export interface ConnectionEnding {
  code: number;
  reason: string;
}

function outcomeOf(invocation: InvocationOutcome): GatewayEventOutcome {
  if (invocation.kind === 'threw') return 'error';
  if (invocation.kind === 'timed-out') return 'timeout';
  return 'ok';
}

/**
 * One accepted connection and every API Gateway rule that applies to it after the handshake:
 * binary frames and the message size limit, route selection, one message at a time in arrival
 * order, two-way replies, the error frames, the idle and maximum-duration timeouts, the bound on
 * bytes waiting for a client that does not read, and `$disconnect` exactly once, with the close
 * code the client was actually sent.
 *
 * @example
 * ```ts
 * const session = attempt.open(port);
 * await session.receive(Buffer.from('{"action":"join"}'), false);
 * session.ended(1000, 'bye');
 * ```
 */
export class GatewaySession {
  lastActiveAt: number;
  private state: 'open' | 'closing' | 'closed' = 'open';
  private queue: Promise<unknown> = Promise.resolve();
  private gatewayEnding: ConnectionEnding | undefined;
  private readonly timers: GatewayTimer[] = [];
  private disconnectRun: Promise<InvocationOutcome | undefined> | undefined;

  constructor(
    readonly facts: ConnectionFacts,
    private readonly port: ConnectionPort,
    private readonly host: SessionHost,
  ) {
    this.lastActiveAt = facts.connectedAt;
    this.watchIdle(host.limits.idleTimeoutMs);
    const remaining = facts.connectedAt + host.limits.maxConnectionDurationMs - host.clock.now();
    this.timers.push(host.clock.setTimer(Math.max(0, remaining), () => this.closeFromGateway(CLOSE.goingAway)));
  }

  get connectionId(): string {
    return this.facts.connectionId;
  }

  get connectedAt(): number {
    return this.facts.connectedAt;
  }

  get identity(): WebsocketIdentity {
    return this.facts.identity;
  }

  /** Open: accepted and neither closing nor closed. `@connections` answers 410 otherwise. */
  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** Resolves once `$disconnect` has run (undefined until the connection has ended). */
  get disconnected(): Promise<InvocationOutcome | undefined> | undefined {
    return this.disconnectRun;
  }

  /**
   * A message from the client. Binary frames close the connection with 1003 and messages over
   * `maxMessageBytes` with 1009, without invoking anything; others run their route after every
   * message received before them.
   */
  receive(data: Buffer, isBinary: boolean): Promise<MessageOutcome> {
    if (this.state !== 'open') return Promise.resolve({ kind: 'dropped' });
    const refusal = isBinary ? CLOSE.binary : data.length > this.host.limits.maxMessageBytes ? CLOSE.tooBig : undefined;
    if (refusal) {
      this.closeFromGateway(refusal);
      return Promise.resolve({ kind: 'closed', ...refusal });
    }
    this.lastActiveAt = this.host.clock.now();
    const text = data.toString('utf8');
    return this.enqueue(() => this.handleMessage(text));
  }

  /**
   * Queues one text frame for the client (an `@connections` post, a two-way reply, an error
   * frame). False when the connection is not open, or when the bytes already waiting for the
   * client plus these would exceed `maxBufferedBytes`: the connection is then closed with 1008.
   */
  post(data: Buffer): boolean {
    if (this.state !== 'open') return false;
    if (this.port.bufferedBytes() + data.length > this.host.limits.maxBufferedBytes) {
      this.host.log(
        `connection ${this.connectionId} is not reading: over ${this.host.limits.maxBufferedBytes} bytes wait for it; ` +
          `closing it with ${CLOSE.stalled.code}`,
      );
      this.closeFromGateway(CLOSE.stalled);
      return false;
    }
    this.port.sendText(data);
    return true;
  }

  /** Closes the connection from the gateway's side; `$disconnect` reports `ending`. */
  closeFromGateway(ending: ConnectionEnding): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.gatewayEnding = ending;
    this.port.close(ending.code, ending.reason);
  }

  /** The transport closed the connection itself with `code` (a protocol error it detected). */
  closedByTransport(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closing';
    this.gatewayEnding ??= { code, reason };
  }

  /**
   * The connection is gone (the close handshake finished or the socket dropped). Runs
   * `$disconnect` once, after every message still queued, with the code the gateway sent when
   * it closed first, else the client's. Later calls return the same promise, which resolves to
   * the `$disconnect` invocation (undefined when the app has no `$disconnect` handler).
   */
  ended(clientCode: number, clientReason: string): Promise<InvocationOutcome | undefined> {
    if (this.disconnectRun) return this.disconnectRun;
    this.state = 'closed';
    for (const timer of this.timers) timer.cancel();
    const ending = this.gatewayEnding ?? { code: clientCode, reason: clientReason };
    this.disconnectRun = this.enqueue(() => runDisconnect(this.host, this.facts, ending));
    this.host.forget(this);
    return this.disconnectRun;
  }

  private watchIdle(delayMs: number): void {
    this.timers[0]?.cancel();
    this.timers[0] = this.host.clock.setTimer(delayMs, () => {
      const remaining = this.lastActiveAt + this.host.limits.idleTimeoutMs - this.host.clock.now();
      if (remaining > 0) this.watchIdle(remaining);
      else this.closeFromGateway(CLOSE.goingAway);
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async handleMessage(body: string): Promise<MessageOutcome> {
    const { app, selectRoute } = this.host;
    const started = performance.now();
    const requestId = this.host.ids();
    const selected = selectRoute(body);
    const routeKey = routeForMessage(app, selected);
    if (routeKey === undefined) {
      this.post(Buffer.from(gatewayErrorFrame('Forbidden', this.connectionId, requestId)));
      this.reportMessage(selected ?? '$default', requestId, started, 'forbidden', false);
      return { kind: 'forbidden', selectedKey: selected };
    }
    const route = app.route(routeKey);
    if (route?.kind === 'heartbeat') return this.answerMock(routeKey, route.response ?? '', requestId, started);
    const event = buildMessageEvent(this.facts, routeKey, body, { now: this.host.clock.now(), requestId }, this.host.ids());
    const invocation = await invokeHandler(app, event, this.host.invokeSettings);
    const replyProblem = invocation.kind === 'returned' && route?.twoWay ? this.reply(routeKey, invocation) : undefined;
    if ((invocation.kind !== 'returned' || replyProblem) && this.host.failureFrames) {
      this.post(Buffer.from(gatewayErrorFrame('Internal server error', this.connectionId, requestId)));
    }
    const statusCode = invocation.kind === 'returned' ? invocation.response.statusCode : undefined;
    this.reportMessage(routeKey, requestId, started, replyProblem ? 'error' : outcomeOf(invocation), true, statusCode, replyProblem);
    return replyProblem ? { kind: 'handled', routeKey, invocation, replyProblem } : { kind: 'handled', routeKey, invocation };
  }

  /** A MOCK integration (the heartbeat route): API Gateway answers with the route response itself; no handler runs. */
  private answerMock(routeKey: string, response: string, requestId: string, started: number): MessageOutcome {
    this.post(Buffer.from(response));
    if (this.host.reporting) {
      this.host.report({
        eventType: 'MESSAGE', routeKey, connectionId: this.connectionId, requestId, durationMs: performance.now() - started,
        outcome: 'ok', handled: false, statusCode: 200, integration: 'MOCK',
      });
    }
    return { kind: 'mock', routeKey };
  }

  private reportMessage(
    routeKey: string,
    requestId: string,
    started: number,
    outcome: GatewayEventOutcome,
    handled: boolean,
    statusCode?: number,
    detail?: string,
  ): void {
    if (!this.host.reporting) return;
    const record: GatewayEventRecord = {
      eventType: 'MESSAGE', routeKey, connectionId: this.connectionId, requestId, durationMs: performance.now() - started, outcome, handled,
    };
    if (statusCode !== undefined) record.statusCode = statusCode;
    if (detail !== undefined) record.detail = detail;
    this.host.report(record);
  }

  /** Sends a two-way route's reply; returns why it cannot be sent, if it cannot. */
  private reply(routeKey: string, invocation: Extract<InvocationOutcome, { kind: 'returned' }>): string | undefined {
    const { body, isBase64Encoded } = invocation.response;
    if (typeof body !== 'string') return undefined;
    const data = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
    if (data.length > this.host.limits.maxPostBytes) {
      const problem = `the route response is ${data.length} bytes, over the ${this.host.limits.maxPostBytes}-byte limit`;
      this.host.log(`${routeKey} on ${this.connectionId}: ${problem}; sending Internal server error instead`);
      return problem;
    }
    this.post(data);
    return undefined;
  }
}

/**
 * Runs `$disconnect` for a connection (or reports that the app has no handler for it) and
 * resolves to the invocation.
 *
 * @example
 * ```ts
 * await runDisconnect(host, facts, { code: 1006, reason: '' });
 * ```
 */
export async function runDisconnect(
  host: SessionHost,
  facts: ConnectionFacts,
  ending: ConnectionEnding,
): Promise<InvocationOutcome | undefined> {
  const app = host.app;
  const base = { eventType: 'DISCONNECT' as const, routeKey: '$disconnect', connectionId: facts.connectionId };
  if (!app.route('$disconnect')) {
    host.report({ ...base, requestId: '', durationMs: 0, outcome: 'ok', handled: false, detail: `${ending.code} ${ending.reason}`.trim() });
    return undefined;
  }
  const event = buildDisconnectEvent(facts, ending.code, ending.reason, { now: host.clock.now(), requestId: host.ids() });
  const started = performance.now();
  const invocation = await invokeHandler(app, event, host.invokeSettings);
  host.report({
    ...base, requestId: event.requestContext.requestId, durationMs: performance.now() - started,
    outcome: outcomeOf(invocation), handled: true,
    detail: `${event.requestContext.disconnectStatusCode} ${event.requestContext.disconnectReason}`.trim(),
  });
  return invocation;
}

/**
 * A connection open on a gateway, as `gateway.connections` shows it.
 *
 * @example
 * ```ts
 * for (const [id, connection] of gateway.connections) console.log(id, connection.identity.sourceIp);
 * ```
 */
export interface LocalConnection {
  readonly connectionId: string;
  /** Epoch ms of the handshake. */
  readonly connectedAt: number;
  /** Epoch ms of the last message from the client (the handshake before any). */
  readonly lastActiveAt: number;
  readonly identity: WebsocketIdentity;
}
