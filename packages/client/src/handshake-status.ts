/**
 * The HTTP status of a refused handshake, when the socket's error event tells it: the `ws`
 * package reports `Unexpected server response: 401` (as the event's `message` and its `error`'s).
 * Browsers and undici's WebSocket give a bare event, so there it is `undefined`.
 *
 * @example
 * ```ts
 * handshakeStatus({ type: 'error', message: 'Unexpected server response: 403' }); // 403
 * handshakeStatus({ type: 'error' }); // undefined
 * ```
 */
export function handshakeStatus(event: { readonly message?: string; readonly error?: unknown }): number | undefined {
  const text = event.message || (event.error instanceof Error ? event.error.message : '');
  const match = /^Unexpected server response: (\d{3})$/.exec(text);
  return match ? Number(match[1]) : undefined;
}
