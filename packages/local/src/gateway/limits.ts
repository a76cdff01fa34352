/**
 * API Gateway's quotas, as the emulated gateway enforces them. Every value can be lowered
 * (tests use small values).
 *
 * @example
 * ```ts
 * const limits: GatewayLimits = { ...DEFAULT_LIMITS, idleTimeoutMs: 2_000 };
 * ```
 */
export interface GatewayLimits {
  /** Largest message a client may send, in bytes (128 KB); above it the connection closes with 1009. */
  maxMessageBytes: number;
  /** Largest single frame a client may send, in bytes (32 KB; socket server only); above it the connection closes with 1009. */
  maxFrameBytes: number;
  /** Largest `@connections` post and two-way reply, in bytes (128 KB); a larger post gets 413. */
  maxPostBytes: number;
  /**
   * Bytes that may wait, unread by the client, on one connection (1 MB). A post that would go
   * beyond closes the connection with 1008, so one stalled client cannot hold up its senders.
   */
  maxBufferedBytes: number;
  /** A connection with no data frames from the client for this long is closed with 1001 (10 min). */
  idleTimeoutMs: number;
  /** Every connection is closed with 1001 after this long (2 h). */
  maxConnectionDurationMs: number;
  /** A handler that runs longer gets the `Internal server error` frame (29 s). */
  integrationTimeoutMs: number;
  /**
   * How long the `$connect` authorizer may take before the handshake is refused with 500
   * (10 s: API Gateway's "Timeout for Lambda authorizer response", 10000 ms, in its HTTP API
   * quotas; the WebSocket quota table names no separate value).
   */
  authorizerTimeoutMs: number;
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
  maxBufferedBytes: 1024 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionDurationMs: 2 * 60 * 60 * 1000,
  integrationTimeoutMs: 29 * 1000,
  authorizerTimeoutMs: 10 * 1000,
});

/**
 * The close codes the gateway itself sends, with the reasons it gives.
 *
 * @example
 * ```ts
 * session.closeFromGateway(CLOSE.goingAway);
 * ```
 */
export const CLOSE = Object.freeze({
  /** The app closed the connection (`DELETE @connections`). */
  normal: { code: 1000, reason: '' },
  /** Idle timeout, maximum duration, or the gateway shutting down. */
  goingAway: { code: 1001, reason: 'Going away' },
  /** The client sent a binary frame. */
  binary: { code: 1003, reason: 'Binary frames are not supported' },
  /** The client stopped reading and the bytes waiting for it went over `maxBufferedBytes`. */
  stalled: { code: 1008, reason: 'Client is not reading' },
  /** A message (or frame) over the limit. */
  tooBig: { code: 1009, reason: 'Message too big' },
});
