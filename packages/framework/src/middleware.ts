import type { WebsocketHandler, WebsocketHandlerResult } from './route';
import type { WebsocketEvent } from './websocket-event';

/**
 * Calls the rest of the chain (the next middleware, then the handler) and resolves with the
 * handler's result.
 *
 * @example
 * ```ts
 * const result = await next(event);
 * ```
 */
export type WebsocketNext = (event: WebsocketEvent) => Promise<WebsocketHandlerResult>;

/**
 * A function around every WebSocket handler (connect, message, custom routes, disconnect). It
 * may call `next(event)` and return (or change) its result, catch what it throws, or return
 * without calling it at all. What it throws is a handler error.
 *
 * @example
 * ```ts
 * app.middleware(async (event, next) => {
 *   const started = Date.now();
 *   try {
 *     return await next(event);
 *   } finally {
 *     app.log.info('handled', { routeKey: event.routeKey, ms: Date.now() - started });
 *   }
 * });
 * ```
 */
export type WebsocketMiddleware = (event: WebsocketEvent, next: WebsocketNext) => WebsocketHandlerResult | Promise<WebsocketHandlerResult>;

/**
 * Wraps `handler` in `middleware`, the first registered outermost.
 *
 * @example
 * ```ts
 * const run = composeMiddleware([timing, auth], handler);
 * await run(event);
 * ```
 */
export function composeMiddleware(middleware: readonly WebsocketMiddleware[], handler: WebsocketHandler): WebsocketNext {
  let chain: WebsocketNext = async (event) => handler(event);
  for (let index = middleware.length - 1; index >= 0; index--) {
    const layer = middleware[index] as WebsocketMiddleware;
    const next = chain;
    chain = async (event) => layer(event, next);
  }
  return chain;
}
