import type { WebsocketIdentity, WebsocketResponse } from '@wsapp/framework';
import type { HeaderLine } from '../gateway/handshake';
import type { InvocationOutcome } from '../gateway/invoke';
import type { ConnectionPort, GatewaySession, MessageOutcome } from '../gateway/session';

/**
 * How a test client reports handler failures: `reject` (default) makes `send`, `connect` and
 * `close` reject with the handler's own error, which is easiest to test; `frame` behaves exactly
 * as the socket gateway does (the client receives the `Internal server error` frame, a refused
 * handshake is a `ConnectionRefusedError` with status 500).
 *
 * @example
 * ```ts
 * const client = createTestClient(app, { handlerErrors: 'frame' });
 * ```
 */
export type HandlerErrorMode = 'reject' | 'frame';

/**
 * The error a `reject`-mode test client raises for an invocation that did not return.
 *
 * @example
 * ```ts
 * throw failureError({ kind: 'timed-out' }, '$default', 29_000);
 * ```
 */
export function failureError(outcome: Exclude<InvocationOutcome, { kind: 'returned' }>, routeKey: string, timeoutMs: number): unknown {
  return outcome.kind === 'threw' ? outcome.error : new Error(`The ${routeKey} handler did not finish within ${timeoutMs} ms`);
}

function sendResult(outcome: MessageOutcome, mode: HandlerErrorMode, timeoutMs: number): WebsocketResponse | undefined {
  if (outcome.kind === 'handled') {
    if (outcome.replyProblem && mode === 'reject') throw new Error(`The ${outcome.routeKey} route cannot reply: ${outcome.replyProblem}`);
    if (outcome.invocation.kind === 'returned') return outcome.invocation.response;
    if (mode === 'reject') throw failureError(outcome.invocation, outcome.routeKey, timeoutMs);
    return undefined;
  }
  if (outcome.kind === 'closed' && mode === 'reject') {
    throw new Error(`The gateway closed the connection with ${outcome.code} (${outcome.reason}) instead of delivering the message`);
  }
  return undefined;
}

/**
 * One client connection opened by `TestClient.connect`: send messages through the app's routes
 * and read what the gateway delivered to it.
 *
 * @example
 * ```ts
 * const conn = await client.connect();
 * await conn.send('hello');
 * expect(conn.received).toEqual(['hello']);
 * await conn.close();
 * ```
 */
export class TestConnection {
  /** Every text frame delivered to this connection (posts, two-way replies, error frames), in order. */
  readonly received: string[] = [];
  /** The close code once the connection has closed (1000 when the app closed it). */
  closeCode: number | undefined;
  /** Resolves once `$disconnect` has run for this connection (for example after the app closed it). */
  readonly disconnected: Promise<void>;
  private session!: GatewaySession;
  private resolveDisconnected: () => void = () => undefined;

  /** @internal */
  constructor(
    /** The headers of the accepted handshake response (such as `Sec-WebSocket-Protocol`). */
    readonly handshakeHeaders: readonly HeaderLine[],
    private readonly mode: HandlerErrorMode,
    private readonly timeoutMs: number,
  ) {
    this.disconnected = new Promise((resolve) => {
      this.resolveDisconnected = resolve;
    });
  }

  /** @internal The port the gateway writes to. */
  port(): ConnectionPort {
    return {
      sendText: (data) => void this.received.push(data.toString('utf8')),
      bufferedBytes: () => 0,
      // The gateway closed the connection: the client answers the close at once.
      close: (code, reason) => queueMicrotask(() => void this.end(code, reason).catch(() => undefined)),
    };
  }

  /** @internal */
  attach(session: GatewaySession): void {
    this.session = session;
  }

  /** API Gateway's id for this connection. */
  get connectionId(): string {
    return this.session.connectionId;
  }

  /** Whether the connection is open (after `$connect` accepted it, before it closed). */
  get isOpen(): boolean {
    return this.session.isOpen;
  }

  get connectedAt(): number {
    return this.session.connectedAt;
  }

  get lastActiveAt(): number {
    return this.session.lastActiveAt;
  }

  get identity(): WebsocketIdentity {
    return this.session.identity;
  }

  /**
   * Sends a message (a string is a text frame, bytes a binary frame): runs the route the app's
   * selection expression picks (or `$default`) and resolves to the handler's response. Messages
   * of one connection run in order. Limits apply as on the gateway: a binary frame closes the
   * connection with 1003, a message over 128 KB with 1009. With `handlerErrors: 'reject'` a
   * failing handler or a refused message rejects.
   */
  async send(body: string | Uint8Array): Promise<WebsocketResponse | undefined> {
    if (!this.session.isOpen) throw new Error(`Cannot send on connection ${this.connectionId}: it is closed`);
    const isBinary = typeof body !== 'string';
    const data = isBinary ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : Buffer.from(body, 'utf8');
    return sendResult(await this.session.receive(data, isBinary), this.mode, this.timeoutMs);
  }

  /** Closes from the client's side (code 1005 when none) and resolves once `$disconnect` has run. */
  close(code = 1005, reason = ''): Promise<void> {
    return this.end(code, reason);
  }

  private async end(code: number, reason: string): Promise<void> {
    this.closeCode ??= code;
    const outcome = await this.session.ended(code, reason);
    this.resolveDisconnected();
    if (outcome && outcome.kind !== 'returned' && this.mode === 'reject') throw failureError(outcome, '$disconnect', this.timeoutMs);
  }
}
