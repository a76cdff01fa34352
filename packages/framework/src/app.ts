import { WsAppConfigurationError } from './errors';
import type { LambdaContext, WebsocketLambdaEvent, WebsocketResponse } from './event-types';
import type {
  RegisteredRoute,
  RouteKind,
  RouteOptions,
  WebsocketHandler,
  WebsocketHandlerDecorator,
  WebsocketHandlerResult,
} from './route';
import { WebsocketApi } from './websocket-api';
import { WebsocketEvent } from './websocket-event';

/**
 * Options for {@link WsApp}.
 *
 * @example
 * ```ts
 * const app = new WsApp({ name: 'chat', routeSelectionExpression: '$request.body.type' });
 * ```
 */
export interface WsAppOptions {
  /** The app's name; it names the deployed API (`{name}-{stage}-websocket-api`). */
  name: string;
  /** How API Gateway picks a route from a message (default `$request.body.action`). */
  routeSelectionExpression?: string;
}

interface RouteEntry extends RegisteredRoute {
  handler: WebsocketHandler;
}

const REGISTRAR_NAMES: Record<RouteKind, string> = {
  connect: 'onWsConnect',
  message: 'onWsMessage',
  disconnect: 'onWsDisconnect',
  custom: 'onWsRoute',
};

/**
 * Nothing is a 200, a string the body of a 200, and an object without `statusCode` a 200 that
 * keeps its headers and body (as in Chalice). A `statusCode` that is present is passed on as it
 * is, even when malformed, so that the gateway can refuse it as API Gateway does.
 */
function normalizeResult(result: WebsocketHandlerResult): WebsocketResponse {
  if (result === undefined || result === null) return { statusCode: 200 };
  if (typeof result === 'string') return { statusCode: 200, body: result };
  if (typeof result === 'object') return result.statusCode === undefined ? { ...result, statusCode: 200 } : result;
  return { statusCode: 200 };
}

function logHandlerError(event: WebsocketLambdaEvent, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  console.error(
    JSON.stringify({
      level: 'ERROR',
      message: 'Websocket handler failed',
      route: event.requestContext?.routeKey,
      connectionId: event.requestContext?.connectionId,
      requestId: event.requestContext?.requestId,
      error: { name: err.name, message: err.message, stack: err.stack },
    }),
  );
}

/**
 * A WebSocket API on API Gateway and Lambda: register handlers for `$connect`, messages and
 * `$disconnect`, send through {@link WsApp.websocketApi}, and export {@link WsApp.handler} as the
 * Lambda entry point.
 *
 * @example
 * ```ts
 * import { WsApp, WebsocketDisconnectedError } from '@wsapp/framework';
 *
 * export const app = new WsApp({ name: 'echo-server' });
 *
 * app.onWsMessage(async (event) => {
 *   try {
 *     await app.websocketApi.send(event.connectionId, event.body);
 *   } catch (error) {
 *     if (!(error instanceof WebsocketDisconnectedError)) throw error;
 *   }
 * });
 *
 * export const handler = app.handler;
 * ```
 */
export class WsApp {
  /** The app's name. */
  readonly name: string;
  /** The route selection expression API Gateway applies to messages. */
  readonly routeSelectionExpression: string;
  /** Sends to, closes and inspects connections through the `@connections` API. */
  readonly websocketApi = new WebsocketApi();

  private readonly routeTable = new Map<string, RouteEntry>();

  constructor(options: WsAppOptions) {
    if (!options || typeof options.name !== 'string' || options.name.trim() === '') {
      throw new WsAppConfigurationError('new WsApp({ name }) needs a non-empty name');
    }
    this.name = options.name;
    this.routeSelectionExpression = options.routeSelectionExpression ?? '$request.body.action';
  }

  /** Every registered route, in registration order. */
  get routes(): readonly RegisteredRoute[] {
    return [...this.routeTable.values()].map(({ routeKey, kind, twoWay }) => ({ routeKey, kind, twoWay }));
  }

  /** The route registered for a route key, if any. */
  route(routeKey: string): RegisteredRoute | undefined {
    const entry = this.routeTable.get(routeKey);
    return entry && { routeKey: entry.routeKey, kind: entry.kind, twoWay: entry.twoWay };
  }

  /**
   * Registers the `$connect` handler. Return `{ statusCode: 401 }` (any integer status from 300
   * to 599) to refuse the connection with that status, and `headers` such as
   * `Sec-WebSocket-Protocol` to answer the handshake. Nothing, or a 2xx, accepts it; API Gateway
   * answers a malformed status (`'401'` as a string, `42`) or a thrown error with 500.
   * Called without a handler, returns a method decorator.
   */
  onWsConnect<H extends WebsocketHandler>(handler: H): H;
  onWsConnect(): WebsocketHandlerDecorator;
  onWsConnect(handler?: WebsocketHandler): WebsocketHandler | WebsocketHandlerDecorator {
    return this.registrar('$connect', 'connect', handler, {});
  }

  /**
   * Registers the `$default` handler: every message no custom route matches.
   * Called without a handler, returns a method decorator.
   */
  onWsMessage<H extends WebsocketHandler>(handler: H, options?: RouteOptions): H;
  onWsMessage(options?: RouteOptions): WebsocketHandlerDecorator;
  onWsMessage(
    handlerOrOptions?: WebsocketHandler | RouteOptions,
    options: RouteOptions = {},
  ): WebsocketHandler | WebsocketHandlerDecorator {
    return typeof handlerOrOptions === 'function'
      ? this.registrar('$default', 'message', handlerOrOptions, options)
      : this.registrar('$default', 'message', undefined, handlerOrOptions ?? {});
  }

  /**
   * Registers the `$disconnect` handler. API Gateway delivers it on a best-effort basis.
   * Called without a handler, returns a method decorator.
   */
  onWsDisconnect<H extends WebsocketHandler>(handler: H): H;
  onWsDisconnect(): WebsocketHandlerDecorator;
  onWsDisconnect(handler?: WebsocketHandler): WebsocketHandler | WebsocketHandlerDecorator {
    return this.registrar('$disconnect', 'disconnect', handler, {});
  }

  /**
   * Registers a handler for a custom route key, selected from each message by the
   * app's `routeSelectionExpression` (by default the message's JSON `action` field).
   * Called without a handler, returns a method decorator.
   */
  onWsRoute<H extends WebsocketHandler>(routeKey: string, handler: H, options?: RouteOptions): H;
  onWsRoute(routeKey: string, options?: RouteOptions): WebsocketHandlerDecorator;
  onWsRoute(
    routeKey: string,
    handlerOrOptions?: WebsocketHandler | RouteOptions,
    options: RouteOptions = {},
  ): WebsocketHandler | WebsocketHandlerDecorator {
    if (typeof routeKey !== 'string' || routeKey.length === 0 || routeKey.length > 128) {
      throw new WsAppConfigurationError(
        `onWsRoute needs a route key of 1 to 128 characters, got ${JSON.stringify(routeKey)}`,
      );
    }
    if (routeKey.startsWith('$')) {
      throw new WsAppConfigurationError(
        `onWsRoute('${routeKey}'): route keys starting with $ are reserved; ` +
          'use onWsConnect, onWsMessage or onWsDisconnect',
      );
    }
    return typeof handlerOrOptions === 'function'
      ? this.registrar(routeKey, 'custom', handlerOrOptions, options)
      : this.registrar(routeKey, 'custom', undefined, handlerOrOptions ?? {});
  }

  /**
   * The Lambda entry point: dispatches the event to the handler registered for its route key
   * (an unknown message route falls back to `$default`) and normalises the result.
   * Safe to export unbound: `export const handler = app.handler`.
   */
  readonly handler = async (
    event: WebsocketLambdaEvent,
    context?: LambdaContext,
  ): Promise<WebsocketResponse> => {
    const requestContext = event.requestContext;
    const entry =
      this.routeTable.get(requestContext.routeKey) ??
      (requestContext.eventType === 'MESSAGE' ? this.routeTable.get('$default') : undefined);
    if (!entry) {
      const error = new WsAppConfigurationError(
        `No websocket handler for route ${requestContext.routeKey} in app ${this.name}` +
          (requestContext.eventType === 'MESSAGE' ? ' (and no $default handler)' : ''),
      );
      logHandlerError(event, error);
      throw error;
    }
    this.websocketApi.useEventContext(requestContext.apiId, requestContext.stage);
    try {
      return normalizeResult(await entry.handler(new WebsocketEvent(event, context)));
    } catch (error) {
      logHandlerError(event, error);
      throw error;
    }
  };

  private registrar(
    routeKey: string,
    kind: RouteKind,
    handler: WebsocketHandler | undefined,
    options: RouteOptions,
  ): WebsocketHandler | WebsocketHandlerDecorator {
    if (options.twoWay && (kind === 'connect' || kind === 'disconnect')) {
      throw new WsAppConfigurationError(`${REGISTRAR_NAMES[kind]} cannot be two-way; only message routes can`);
    }
    if (handler) {
      this.register(routeKey, kind, handler, options);
      return handler;
    }
    return (method, context) => {
      if (typeof context !== 'object' || context === null) {
        // TypeScript's legacy decorators call (prototype, propertyKey, descriptor).
        throw new WsAppConfigurationError(
          `@app.${REGISTRAR_NAMES[kind]}() is a standard (TC39) decorator, but it was called as a legacy one: ` +
            'remove "experimentalDecorators": true from tsconfig.json (TypeScript 5 compiles standard decorators without it)',
        );
      }
      if (context.kind !== 'method') {
        throw new WsAppConfigurationError(`@app.${REGISTRAR_NAMES[kind]}() decorates methods only, not a ${context.kind}`);
      }
      let target: unknown;
      let bound = false;
      const methodName = String(context.name);
      this.register(routeKey, kind, (event) => {
        if (!bound) {
          throw new WsAppConfigurationError(
            `Websocket handler ${methodName} is a method decorated with @app.${REGISTRAR_NAMES[kind]}(); ` +
              'create an instance of its class before events arrive',
          );
        }
        return method.call(target as never, event);
      }, options);
      context.addInitializer(function (this: unknown) {
        if (!bound) {
          target = this;
          bound = true;
        }
      });
    };
  }

  private register(routeKey: string, kind: RouteKind, handler: WebsocketHandler, options: RouteOptions): void {
    if (typeof handler !== 'function') {
      throw new WsAppConfigurationError(`${REGISTRAR_NAMES[kind]} needs a function, got ${typeof handler}`);
    }
    if (this.routeTable.has(routeKey)) {
      const what = kind === 'custom' ? `onWsRoute('${routeKey}')` : `${REGISTRAR_NAMES[kind]} (${routeKey})`;
      throw new WsAppConfigurationError(`Duplicate websocket handler: ${what} is already registered`);
    }
    this.routeTable.set(routeKey, { routeKey, kind, twoWay: options.twoWay === true, handler });
  }
}
