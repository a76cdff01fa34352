import type { WebsocketResponse } from './event-types';
import type { WebsocketHandlerResult } from './route';

/**
 * Nothing is a 200, a string the body of a 200, and an object without `statusCode` a 200 that
 * keeps its headers and body (as in Chalice). A `statusCode` that is present is passed on as it
 * is, even when malformed, so that the gateway can refuse it as API Gateway does.
 *
 * @example
 * ```ts
 * normalizeResult('pong'); // { statusCode: 200, body: 'pong' }
 * ```
 */
export function normalizeResult(result: WebsocketHandlerResult): WebsocketResponse {
  if (result === undefined || result === null) return { statusCode: 200 };
  if (typeof result === 'string') return { statusCode: 200, body: result };
  if (typeof result === 'object') return result.statusCode === undefined ? { ...result, statusCode: 200 } : result;
  return { statusCode: 200 };
}

/**
 * The fields the app logs when a handler fails: the error's name, message and stack.
 *
 * @example
 * ```ts
 * app.log.error('Websocket handler failed', { error: errorFields(error) });
 * ```
 */
export function errorFields(error: unknown): { name: string; message: string; stack?: string } {
  const err = error instanceof Error ? error : new Error(String(error));
  return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
}
