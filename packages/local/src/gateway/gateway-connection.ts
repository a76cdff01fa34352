import { WebSocket } from 'ws';
import type { WebsocketIdentity } from '@wsapp/framework';
import type { ConnectionFacts } from './event-builders';
import type { ManagedConnection } from './management-api';

/**
 * A connection open on the local gateway, as `gateway.connections` shows it.
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
  /** Epoch ms of the last data frame from the client (the handshake before any). */
  readonly lastActiveAt: number;
  readonly identity: WebsocketIdentity;
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

/** How long a client gets to answer our close frame before the socket is dropped. */
const CLOSE_GRACE_MS = 2_000;

/**
 * One accepted WebSocket connection: its socket, its timers, and the queue that runs its
 * handlers one at a time in arrival order.
 *
 * @example
 * ```ts
 * const connection = new GatewayConnection(facts, socket, { idleTimeoutMs, maxConnectionDurationMs });
 * connection.enqueue(() => handleMessage(connection, text));
 * ```
 */
export class GatewayConnection implements LocalConnection, ManagedConnection {
  lastActiveAt: number;
  private queue: Promise<void> = Promise.resolve();
  private serverEnding: ConnectionEnding | undefined;
  private readonly idleTimer: NodeJS.Timeout;
  private readonly durationTimer: NodeJS.Timeout;

  constructor(
    readonly facts: ConnectionFacts,
    readonly socket: WebSocket,
    timeouts: { idleTimeoutMs: number; maxConnectionDurationMs: number },
  ) {
    this.lastActiveAt = facts.connectedAt;
    this.idleTimer = setTimeout(() => this.closeFromServer(1001, 'Going away'), timeouts.idleTimeoutMs);
    const remaining = facts.connectedAt + timeouts.maxConnectionDurationMs - Date.now();
    this.durationTimer = setTimeout(() => this.closeFromServer(1001, 'Going away'), Math.max(0, remaining));
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

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Records a data frame from the client: it counts as activity for the idle timeout. */
  touch(now: number): void {
    this.lastActiveAt = now;
    this.idleTimer.refresh();
  }

  /** Runs `task` after every task queued before it; a failing task does not stop the queue. */
  enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  /** Sends one text frame; false when the socket is no longer open. */
  post(data: Buffer | string): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.isOpen) {
        resolve(false);
        return;
      }
      this.socket.send(data, { binary: false }, (error) => resolve(!error));
    });
  }

  disconnect(): void {
    this.closeFromServer(1000, '');
  }

  /**
   * Closes the connection from the gateway's side with `code`; the `$disconnect` event reports
   * this code. A client that does not answer the close frame is dropped after a short grace.
   */
  closeFromServer(code: number, reason: string): void {
    this.serverEnding ??= { code, reason };
    if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN) {
      this.socket.close(code, reason);
    }
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** Notes why `ws` is about to close the socket itself (a limit was exceeded). */
  noteProtocolError(code: number, reason: string): void {
    this.serverEnding ??= { code, reason };
  }

  /** How the connection ended: the gateway's close code when it closed first, else the client's. */
  ending(clientCode: number, clientReason: string): ConnectionEnding {
    clearTimeout(this.idleTimer);
    clearTimeout(this.durationTimer);
    return this.serverEnding ?? { code: clientCode, reason: clientReason };
  }
}
