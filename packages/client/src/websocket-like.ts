/**
 * The part of the standard WebSocket API the client uses, so that a browser's `WebSocket`,
 * Node.js 22's global one (undici) and the `ws` package's all fit, with no DOM or Node types.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 *
 * const socket: WebSocketLike = new WebSocket('ws://127.0.0.1:8000/api');
 * ```
 */
export interface WebSocketLike {
  /** 1 while open (`WebSocket.OPEN`). */
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { readonly code: number; readonly reason: string }) => void): void;
  /** `ws` sets `message` (and `error`); browsers and undici give a bare event. */
  addEventListener(type: 'error', listener: (event: { readonly type: string; readonly message?: string; readonly error?: unknown }) => void): void;
}

/**
 * A WebSocket class: `globalThis.WebSocket`, or `WebSocket` from the `ws` package on Node.js 20.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 *
 * const client = createClient(url, { WebSocket });
 * ```
 */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/**
 * The `WebSocket` option, or the global one; throws when there is neither (Node.js 20).
 *
 * @example
 * ```ts
 * const WebSocket = webSocketClass(options.WebSocket);
 * ```
 */
export function webSocketClass(given: WebSocketConstructor | undefined): WebSocketConstructor {
  const found = given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof found !== 'function') throw new TypeError("No global WebSocket (Node 20): npm install ws and pass { WebSocket } from 'ws'");
  return found;
}
