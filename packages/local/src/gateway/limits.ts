import type { WebSocket } from 'ws';

/**
 * API Gateway's quotas, as the local gateway enforces them. Every value can be lowered (tests
 * use seconds for the timeouts).
 *
 * @example
 * ```ts
 * const limits: GatewayLimits = { ...DEFAULT_LIMITS, idleTimeoutMs: 2_000 };
 * ```
 */
export interface GatewayLimits {
  /** Largest message a client may send, in bytes (128 KB); above it the connection closes with 1009. */
  maxMessageBytes: number;
  /** Largest single frame a client may send, in bytes (32 KB); above it the connection closes with 1009. */
  maxFrameBytes: number;
  /** Largest `@connections` post, in bytes (128 KB); above it the post gets 413. */
  maxPostBytes: number;
  /** A connection with no data frames from the client for this long is closed with 1001 (10 min). */
  idleTimeoutMs: number;
  /** Every connection is closed with 1001 after this long (2 h). */
  maxConnectionDurationMs: number;
  /** A handler that runs longer gets the `Internal server error` frame (29 s). */
  integrationTimeoutMs: number;
}

/**
 * API Gateway's values for {@link GatewayLimits}.
 *
 * @example
 * ```ts
 * DEFAULT_LIMITS.maxMessageBytes; // 131072
 * ```
 */
export const DEFAULT_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  maxMessageBytes: 128 * 1024,
  maxFrameBytes: 32 * 1024,
  maxPostBytes: 128 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionDurationMs: 2 * 60 * 60 * 1000,
  integrationTimeoutMs: 29 * 1000,
});

interface ReceiverInternals {
  _opcode: number;
  _payloadLength: number;
  haveLength(this: ReceiverInternals, cb: (error?: Error) => void): void;
  createError(
    ctor: RangeErrorConstructor,
    message: string,
    prefix: boolean,
    statusCode: number,
    errorCode: string,
  ): Error;
}

/**
 * Makes a server-side `ws` socket close with 1009 when one data frame is larger than
 * `maxFrameBytes`; `ws` itself only limits the whole message (`maxPayload`). Returns false
 * when this `ws` version's receiver cannot be hooked (the message limit still applies).
 *
 * @example
 * ```ts
 * wss.on('connection', (socket) => enforceFrameLimit(socket, 32 * 1024));
 * ```
 */
export function enforceFrameLimit(socket: WebSocket, maxFrameBytes: number): boolean {
  const receiver = (socket as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function' || typeof receiver.createError !== 'function') {
    return false;
  }
  const haveLength = receiver.haveLength;
  receiver.haveLength = function (cb) {
    if (this._opcode < 0x08 && this._payloadLength > maxFrameBytes) {
      cb(this.createError(RangeError, 'Max frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'));
      return;
    }
    haveLength.call(this, cb);
  };
  return true;
}
