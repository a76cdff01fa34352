import type { ClientClock } from './clock';
import { handshakeStatus } from './handshake-status';
import { startHeartbeat, type Heartbeat, type HeartbeatSettings } from './heartbeat';
import { frameText } from './message-frames';
import type { WebSocketConstructor, WebSocketLike } from './websocket-like';

/**
 * Where to connect: a URL, or a function called before every connection (for a fresh token in
 * the query string on each reconnect).
 *
 * @example
 * ```ts
 * const url: UrlSource = async () => `wss://example.com/api?token=${await getToken()}`;
 * ```
 */
export type UrlSource = string | (() => string | Promise<string>);

/**
 * How a connection ended without being closed by the client: the close code and reason, the
 * handshake's HTTP status when the socket told it, or the error that kept it from starting.
 *
 * @example
 * ```ts
 * const ending: ConnectionEnding = { code: 1006, reason: '', status: 401 };
 * ```
 */
export interface ConnectionEnding {
  code?: number;
  reason?: string;
  status?: number;
  error?: Error;
}

/**
 * What one connection needs: the WebSocket class, the URL, and the heartbeat with its clock.
 *
 * @example
 * ```ts
 * const settings: ConnectionSettings = { WebSocket, url, clock: systemClock, heartbeat: undefined };
 * ```
 */
export interface ConnectionSettings {
  WebSocket: WebSocketConstructor;
  url: UrlSource;
  clock: ClientClock;
  heartbeat: HeartbeatSettings | undefined;
}

/**
 * What a connection reports: it opened, a frame came (not the heartbeat's answer), it ended.
 *
 * @example
 * ```ts
 * const events: ConnectionEvents = { open: () => {}, message: (text) => console.log(text), end: (ending) => console.log(ending.code) };
 * ```
 */
export interface ConnectionEvents {
  open(): void;
  message(text: string): void;
  /** Called at most once, and never after `retire` or `close`. */
  end(ending: ConnectionEnding): void;
}

/**
 * One WebSocket of the client, with its heartbeat.
 *
 * @example
 * ```ts
 * const connection = openConnection(settings, events);
 * if (connection.isOpen) connection.send('hello');
 * ```
 */
export interface Connection {
  readonly isOpen: boolean;
  send(frame: string): void;
  /** Stops the heartbeat and the `end` report; frames still arrive until `close`. */
  retire(): void;
  /** Closes the socket; nothing more is reported. */
  close(code?: number, reason?: string): void;
}

/** The close the client makes when the heartbeat's answer did not come (4000: an application code). */
const HEARTBEAT_MISSED = { code: 4000, reason: 'Heartbeat answer missed' };

const toError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Resolves the URL, opens the socket and reports what happens to it. A missed heartbeat answer
 * ends the connection at once (it may be half open, so its close event could take long).
 *
 * @example
 * ```ts
 * const connection = openConnection({ WebSocket, url, clock, heartbeat }, { open, message, end });
 * ```
 */
export function openConnection(settings: ConnectionSettings, on: ConnectionEvents): Connection {
  let socket: WebSocketLike | undefined;
  let heartbeat: Heartbeat | undefined;
  let opened = false;
  /** 2: reports everything; 1: retired, frames only; 0: closed or ended, nothing. */
  let reporting = 2;
  const quiet = (level: number): void => {
    reporting = Math.min(reporting, level);
    heartbeat?.stop();
  };
  const end = (ending: ConnectionEnding): void => {
    if (reporting < 2) return;
    quiet(0);
    on.end(ending);
  };
  const attach = (url: string): void => {
    if (reporting === 0) return; // closed while the URL was being resolved
    const ws = (socket = new settings.WebSocket(url));
    ws.binaryType = 'arraybuffer';
    ws.addEventListener('open', () => {
      opened = true;
      if (reporting < 2) return;
      const missed = (): void => {
        end(HEARTBEAT_MISSED);
        ws.close(HEARTBEAT_MISSED.code, HEARTBEAT_MISSED.reason);
      };
      if (settings.heartbeat) heartbeat = startHeartbeat((text) => ws.send(text), settings.heartbeat, settings.clock, missed);
      on.open();
    });
    ws.addEventListener('message', (event) => {
      const text = frameText(event.data);
      if (reporting > 0 && !heartbeat?.answer(text)) on.message(text);
    });
    // An error before open ends the attempt at once: Node's undici 6 fires no close event after a failed handshake.
    ws.addEventListener('error', (event) => {
      if (!opened) end({ code: 1006, reason: '', status: handshakeStatus(event) });
    });
    ws.addEventListener('close', (event) => end({ code: event.code, reason: event.reason }));
  };
  const url = settings.url;
  Promise.resolve()
    .then(() => (typeof url === 'string' ? url : url()))
    .then(attach)
    .catch((error: unknown) => end({ error: toError(error) }));
  return {
    get isOpen() {
      return reporting === 2 && socket?.readyState === 1;
    },
    send: (frame) => socket?.send(frame),
    retire: () => quiet(1),
    close(code, reason) {
      quiet(0);
      socket?.close(code, reason);
    },
  };
}
