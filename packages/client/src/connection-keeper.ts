import { backoffDelay } from './backoff';
import type { ClientEvents, ClientState, ClosedDetail } from './client-events';
import type { ClientSettings } from './client-settings';
import type { ClientTimer } from './clock';
import { openConnection, type Connection, type ConnectionEnding } from './connection';
import { HandshakeRefusedError, ReconnectFailedError } from './errors';
import type { Listeners } from './listeners';
import { frameData } from './message-frames';
import { SendQueue } from './send-queue';

const refused = (status: number | undefined): status is number => status === 401 || status === 403;

/**
 * Keeps one connection open: reconnects with backoff after a drop, queues frames meanwhile,
 * and opens the next connection before API Gateway's maximum duration is up.
 *
 * - `active` is the open connection sends go out on; `pending` is the one being opened (the
 *   first, a reconnect, or the successor of a switch-over while `active` still serves).
 * - On open the new connection becomes `active` before the `'open'` listeners run, so what they
 *   send goes out first; the queue is flushed after them.
 * - A connection retired by a switch-over stays open `switchOverGraceMs` for late replies.
 *
 * @example
 * ```ts
 * const keeper = new ConnectionKeeper(clientSettings(url, options), listeners);
 * keeper.send('{"action":"join","room":"lobby"}');
 * ```
 */
export class ConnectionKeeper {
  state: ClientState = 'connecting';
  private active: Connection | undefined;
  private pending: Connection | undefined;
  private retiring: { connection: Connection; timer: ClientTimer } | undefined;
  private readonly sockets = new Set<Connection>();
  private readonly queue: SendQueue;
  /** Failed attempts in a row since the last open. */
  private retries = 0;
  private opens = 0;
  /** The reconnect delay, or the switch-over (or its retry) of the active connection. */
  private timer: ClientTimer | undefined;

  constructor(
    private readonly settings: ClientSettings,
    private readonly events: Listeners<ClientEvents>,
  ) {
    this.queue = new SendQueue(settings.maxQueued);
    // After the caller had a chance to add listeners, which then see the first 'connecting'.
    void Promise.resolve().then(() => this.connect(true));
  }

  /** Sends now when a connection is open, else queues. */
  send(frame: string): void {
    if (this.state === 'closed') throw new Error('Cannot send: the client is closed (create a new client to connect again)');
    if (this.active?.isOpen) return this.active.send(frame);
    try {
      this.queue.push(frame);
    } catch (error) {
      this.events.emit('error', error as Error);
      throw error;
    }
  }

  /** Closes every connection with `code` and stops for good. */
  close(code = 1000, reason = ''): void {
    if (this.state !== 'closed') this.finish({ code, reason }, code, reason);
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private enter<S extends ClientState>(state: S, ...detail: Parameters<ClientEvents[S]>): void {
    this.state = state;
    this.events.emit(state, ...detail);
  }

  /** Stops for good; the sockets are closed last, so a code the WebSocket refuses throws with the client already closed. */
  private finish(detail: ClosedDetail, code = 1000, reason?: string): void {
    this.timer?.cancel();
    this.retiring?.timer.cancel();
    this.queue.clear();
    const sockets = [...this.sockets];
    this.sockets.clear();
    this.active = this.pending = this.retiring = undefined;
    this.state = 'closed';
    if (detail.error) this.events.emit('error', detail.error);
    this.events.emit('closed', detail);
    for (const connection of sockets) connection.close(code, reason);
  }

  private connect(announce: boolean): void {
    this.timer = undefined;
    if (this.isClosed() || this.pending) return;
    if (announce) this.enter('connecting', { attempt: this.retries });
    if (this.isClosed()) return; // closed by a 'connecting' listener
    const connection = openConnection(this.settings, {
      open: () => this.becameOpen(connection),
      message: (text) => this.events.emit('message', frameData(text), text),
      end: (ending) => this.ended(connection, ending),
    });
    this.pending = connection;
    this.sockets.add(connection);
  }

  private becameOpen(connection: Connection): void {
    const previous = this.active;
    this.active = connection;
    this.pending = undefined;
    this.retries = 0;
    this.timer?.cancel();
    const { maxConnectionMs, switchOverMs, switchOverGraceMs, clock } = this.settings;
    const switchAt = maxConnectionMs - switchOverMs;
    this.timer = Number.isFinite(switchAt) && switchAt > 0 ? clock.setTimer(switchAt, () => this.connect(false)) : undefined;
    if (previous) this.retire(previous, switchOverGraceMs);
    this.enter('open', { reconnected: this.opens++ > 0, switchOver: previous !== undefined });
    let frame: string | undefined;
    while (this.active?.isOpen && (frame = this.queue.shift()) !== undefined) this.active.send(frame);
  }

  private retire(connection: Connection, graceMs: number): void {
    if (this.retiring) this.closeRetired();
    connection.retire();
    this.retiring = { connection, timer: this.settings.clock.setTimer(graceMs, () => this.closeRetired()) };
  }

  private closeRetired(): void {
    const retiring = this.retiring;
    if (!retiring) return;
    this.retiring = undefined;
    retiring.timer.cancel();
    retiring.connection.close(1000, 'Switched over');
    this.sockets.delete(retiring.connection);
  }

  private ended(connection: Connection, ending: ConnectionEnding): void {
    this.sockets.delete(connection);
    if (ending.error) this.events.emit('error', ending.error);
    if (connection === this.pending) this.pending = undefined;
    if (connection === this.active) {
      this.active = undefined;
      this.timer?.cancel();
      this.timer = undefined;
    }
    if (this.isClosed()) return;
    if (this.active) return this.successorFailed(ending);
    // The active connection dropped while its successor was opening: that one is the reconnect.
    if (this.pending) return this.enter('connecting', { attempt: this.retries });
    this.retry(ending);
  }

  /** The switch-over's new connection failed while the old one still serves: try again after a backoff delay. */
  private successorFailed({ status }: ConnectionEnding): void {
    const { reconnect, clock, random } = this.settings;
    if (refused(status)) return this.events.emit('error', new HandshakeRefusedError(status));
    if (!reconnect || this.retries >= reconnect.maxAttempts) return;
    this.timer = clock.setTimer(backoffDelay(++this.retries, reconnect, random), () => this.connect(false));
  }

  private retry({ code, reason, status }: ConnectionEnding): void {
    const { reconnect, clock, random } = this.settings;
    if (refused(status)) return this.finish({ code, reason, error: new HandshakeRefusedError(status) });
    if (!reconnect) return this.finish({ code, reason });
    if (this.retries >= reconnect.maxAttempts) return this.finish({ code, reason, error: new ReconnectFailedError(this.retries) });
    const attempt = ++this.retries;
    const delayMs = backoffDelay(attempt, reconnect, random);
    this.timer = clock.setTimer(delayMs, () => this.connect(true));
    this.enter('reconnecting', { attempt, delayMs, code, reason, status });
  }
}
