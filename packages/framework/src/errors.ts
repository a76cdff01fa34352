/**
 * Raised by {@link WebsocketApi} when API Gateway answers that a connection is gone
 * (HTTP 410 `GoneException`): the client disconnected, or never finished connecting.
 * It replaces the SDK's `GoneException`, which is kept as `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await app.websocketApi.send(connectionId, 'hello');
 * } catch (error) {
 *   if (error instanceof WebsocketDisconnectedError) await forget(error.connectionId);
 *   else throw error;
 * }
 * ```
 */
export class WebsocketDisconnectedError extends Error {
  override readonly name = 'WebsocketDisconnectedError';
  /** Stable code for logs and programmatic checks. */
  readonly code = 'WSAPP_DISCONNECTED';

  constructor(
    /** The connection that is no longer connected. */
    readonly connectionId: string,
    options?: { cause?: unknown },
  ) {
    super(`Websocket connection ${connectionId} is gone (disconnected or never connected)`, options);
  }
}

/**
 * The client sent something the app cannot read, such as a body that is not valid JSON.
 *
 * @example
 * ```ts
 * app.onWsMessage(async (event) => {
 *   try {
 *     return await handle(event.jsonBody);
 *   } catch (error) {
 *     if (error instanceof BadRequestError) await app.websocketApi.send(event.connectionId, error.message);
 *     else throw error;
 *   }
 * });
 * ```
 */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  readonly code = 'WSAPP_BAD_REQUEST';
}

/**
 * A payload is larger than API Gateway accepts (128 KB for `@connections` posts).
 * Raised before any network call.
 *
 * @example
 * ```ts
 * try {
 *   await app.websocketApi.send(id, hugeText);
 * } catch (error) {
 *   if (error instanceof PayloadTooLargeError) console.warn(error.size, '>', error.limit);
 * }
 * ```
 */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'WSAPP_PAYLOAD_TOO_LARGE';

  constructor(
    /** Size of the refused payload in bytes. */
    readonly size: number,
    /** The limit it exceeds, in bytes. */
    readonly limit: number,
  ) {
    super(
      `Websocket payload is ${size} bytes; API Gateway accepts at most ${limit} bytes (128 KB) per message`,
    );
  }
}

/**
 * The app was set up wrongly: a duplicate handler, an invalid route key, a missing endpoint.
 * The message says what to change.
 *
 * @example
 * ```ts
 * app.onWsMessage(first);
 * app.onWsMessage(second); // throws WsAppConfigurationError: Duplicate websocket handler: ...
 * ```
 */
export class WsAppConfigurationError extends Error {
  override readonly name = 'WsAppConfigurationError';
  readonly code = 'WSAPP_CONFIGURATION';
}

/**
 * Thrown by an authorizer to refuse a connection with 401 (the credentials are missing or
 * wrong), where returning `null` refuses it with 403 (they are valid but not allowed). In
 * Lambda, wsapp turns it into the `Unauthorized` error API Gateway answers 401 for.
 *
 * @example
 * ```ts
 * app.authorizer((request) => {
 *   if (!request.headers.Authorization) throw new UnauthorizedError();
 *   return { principalId: 'user-1' };
 * });
 * ```
 */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
  readonly code = 'WSAPP_UNAUTHORIZED';

  constructor(message = 'Unauthorized') {
    super(message);
  }
}
