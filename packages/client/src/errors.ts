/**
 * `client.send` while the client is not open and `maxQueued` messages already wait: the message
 * is not queued. The client also emits it as an `'error'` event. `code` is `'WSAPP_QUEUE_OVERFLOW'`.
 *
 * @example
 * ```ts
 * try {
 *   client.send('sendmessage', { text: 'hi' });
 * } catch (error) {
 *   if (error instanceof QueueOverflowError) console.warn(`offline, ${error.maxQueued} messages already wait`);
 * }
 * ```
 */
export class QueueOverflowError extends Error {
  readonly code = 'WSAPP_QUEUE_OVERFLOW';
  override readonly name = 'QueueOverflowError';

  constructor(readonly maxQueued: number) {
    super(`Cannot queue the message: ${maxQueued} messages already wait for the connection (raise maxQueued, or wait for 'open')`);
  }
}

/**
 * The server refused the WebSocket handshake with 401 or 403 (from `$connect` or its
 * authorizer). An auth failure is not transient, so the client does not retry: it closes, with
 * this error in the `'closed'` detail and an `'error'` event. Only Node.js's `ws` package tells
 * the client the status; browsers and undici do not (see the README). `code` is
 * `'WSAPP_HANDSHAKE_REFUSED'`.
 *
 * @example
 * ```ts
 * client.on('closed', ({ error }) => {
 *   if (error instanceof HandshakeRefusedError) showLogin(error.status);
 * });
 * ```
 */
export class HandshakeRefusedError extends Error {
  readonly code = 'WSAPP_HANDSHAKE_REFUSED';
  override readonly name = 'HandshakeRefusedError';

  constructor(readonly status: number) {
    super(`The server refused the WebSocket handshake with ${status}: not retrying (fix the credentials, then create a new client)`);
  }
}

/**
 * The client tried `maxAttempts` reconnects in a row without opening a connection, and closed.
 * It is the `error` of the `'closed'` detail. `code` is `'WSAPP_RECONNECT_FAILED'`.
 *
 * @example
 * ```ts
 * client.on('closed', ({ error }) => {
 *   if (error instanceof ReconnectFailedError) console.error(`gave up after ${error.attempts} attempts`);
 * });
 * ```
 */
export class ReconnectFailedError extends Error {
  readonly code = 'WSAPP_RECONNECT_FAILED';
  override readonly name = 'ReconnectFailedError';

  constructor(readonly attempts: number) {
    super(`Gave up reconnecting after ${attempts} attempts in a row (reconnect.maxAttempts)`);
  }
}
