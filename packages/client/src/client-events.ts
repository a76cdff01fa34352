/**
 * Where the client is: `connecting` (a connection is being opened), `open` (sends go out at
 * once), `reconnecting` (waiting out the backoff delay after a drop), `closed` (for good).
 *
 * @example
 * ```ts
 * if (client.state !== 'open') showOffline();
 * ```
 */
export type ClientState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * The `'connecting'` event: a connection is being opened.
 *
 * @example
 * ```ts
 * client.on('connecting', ({ attempt }) => console.log(attempt === 0 ? 'connecting' : `retry ${attempt}`));
 * ```
 */
export interface ConnectingDetail {
  /** 0 for the first connection (and for a switch-over's new connection once the old one dropped); n for the n-th reconnect attempt in a row. */
  attempt: number;
}

/**
 * The `'open'` event: a connection opened and is now the one sends go out on.
 *
 * @example
 * ```ts
 * client.on('open', ({ reconnected }) => {
 *   if (reconnected) client.send('join', { room }); // a new connection id: join again
 * });
 * ```
 */
export interface OpenDetail {
  /** True for every open after the first: the connection id changed, so rejoin rooms or re-authenticate here. */
  reconnected: boolean;
  /** True when this connection replaces one near API Gateway's 2-hour limit (nothing was dropped). */
  switchOver: boolean;
}

/**
 * The `'reconnecting'` event: the connection dropped (or could not open) and the next attempt
 * starts after `delayMs`.
 *
 * @example
 * ```ts
 * client.on('reconnecting', ({ attempt, delayMs, code }) => console.log(`retry ${attempt} in ${delayMs} ms (close ${code})`));
 * ```
 */
export interface ReconnectingDetail {
  /** 1 for the first attempt after a drop. */
  attempt: number;
  delayMs: number;
  /** The close code: 1001 for API Gateway's idle cut or 2-hour limit, 1000 after `DELETE @connections`, 1006 for a dropped socket, 4000 for a missed heartbeat answer. */
  code?: number;
  reason?: string;
  /** The handshake's HTTP status, when the WebSocket implementation tells it (only `ws` does). */
  status?: number;
}

/**
 * The `'closed'` event: the client stopped for good (`client.close()`, a refused handshake, no
 * reconnect, or `maxAttempts` used up).
 *
 * @example
 * ```ts
 * client.on('closed', ({ code, error }) => console.log(error ? error.message : `closed with ${code}`));
 * ```
 */
export interface ClosedDetail {
  code?: number;
  reason?: string;
  /** Why it stopped, when it was not `client.close()`: a `HandshakeRefusedError` or a `ReconnectFailedError`. */
  error?: Error;
}

/**
 * The client's events and their listeners.
 *
 * @example
 * ```ts
 * const onMessage: ClientEvents['message'] = (data, text) => console.log(data, text);
 * client.on('message', onMessage);
 * ```
 */
export interface ClientEvents {
  /** A frame from the server: `data` is its JSON value, or its text when it is not JSON. */
  message: (data: unknown, text: string) => void;
  connecting: (detail: ConnectingDetail) => void;
  open: (detail: OpenDetail) => void;
  reconnecting: (detail: ReconnectingDetail) => void;
  closed: (detail: ClosedDetail) => void;
  /** A send that overflowed the queue, a refused handshake, a URL function that failed... */
  error: (error: Error) => void;
}
