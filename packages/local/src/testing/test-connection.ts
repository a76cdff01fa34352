import type { WebsocketIdentity, WebsocketResponse } from '@wsapp/framework';
import type { ConnectionFacts } from '../gateway/event-builders';
import type { ManagedConnection } from '../gateway/management-api';

/**
 * What a {@link TestConnection} needs from its client: running a message and a disconnect.
 * @internal
 */
export interface TestConnectionDriver {
  runMessage(connection: TestConnection, body: string): Promise<WebsocketResponse | undefined>;
  runDisconnect(connection: TestConnection, code: number, reason: string): Promise<void>;
  now(): number;
}

/**
 * One client connection opened by {@link TestClient.connect}: send messages through the app's
 * routes and read what the app sent back through `app.websocketApi`.
 *
 * @example
 * ```ts
 * const conn = await client.connect();
 * await conn.send('hello');
 * expect(conn.received).toEqual(['hello']);
 * await conn.close();
 * ```
 */
export class TestConnection implements ManagedConnection {
  /** Every message the app sent to this connection, as text, in order. */
  readonly received: string[] = [];
  /** The close code once the connection has closed (1000 when the app closed it). */
  closeCode: number | undefined;
  private open = false;
  private lastActive: number;
  private queue: Promise<unknown> = Promise.resolve();
  private disconnectRun: Promise<void> | undefined;
  private resolveDisconnected: () => void = () => undefined;

  /** @internal */
  constructor(
    /** @internal */ readonly facts: ConnectionFacts,
    private readonly driver: TestConnectionDriver,
  ) {
    this.lastActive = facts.connectedAt;
    this.disconnected = new Promise((resolve) => {
      this.resolveDisconnected = resolve;
    });
  }

  /** API Gateway's id for this connection. */
  get connectionId(): string {
    return this.facts.connectionId;
  }

  /** Whether the connection is open (after `$connect` succeeded, before it closed). */
  get isOpen(): boolean {
    return this.open;
  }

  get connectedAt(): number {
    return this.facts.connectedAt;
  }

  get lastActiveAt(): number {
    return this.lastActive;
  }

  get identity(): WebsocketIdentity {
    return this.facts.identity;
  }

  /**
   * Sends a message: runs the route the app's selection expression picks (or `$default`) and
   * resolves to the handler's response. Messages of one connection run in order. Rejects with
   * the handler's error when it throws (the real gateway sends `Internal server error` instead).
   */
  send(body: string): Promise<WebsocketResponse | undefined> {
    if (!this.open) {
      return Promise.reject(new Error(`Cannot send on connection ${this.connectionId}: it is closed`));
    }
    this.lastActive = this.driver.now();
    const run = this.queue.then(() => this.driver.runMessage(this, body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the connection from the client's side and runs `$disconnect` (code 1005 when none). */
  close(code = 1005, reason = ''): Promise<void> {
    return this.end(code, reason);
  }

  /** Resolves once `$disconnect` has run for this connection (for example after the app closed it). */
  readonly disconnected: Promise<void>;

  /** @internal Marks the connection open once `$connect` accepted it. */
  markOpen(): void {
    this.open = true;
  }

  /** @internal The `@connections` POST: the app sent data to this client. */
  async post(data: Buffer): Promise<boolean> {
    if (!this.open) return false;
    this.received.push(data.toString('utf8'));
    return true;
  }

  /** @internal The `@connections` DELETE: the app closed this connection. */
  disconnect(): void {
    void this.end(1000, '');
  }

  private end(code: number, reason: string): Promise<void> {
    if (!this.disconnectRun) {
      this.open = false;
      this.closeCode = code;
      this.disconnectRun = this.queue
        .then(() => this.driver.runDisconnect(this, code, reason))
        .finally(() => this.resolveDisconnected());
    }
    return this.disconnectRun;
  }
}
