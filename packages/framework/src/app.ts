import {
  DEFAULT_IDENTITY_SOURCES,
  authorizerResponse,
  isAuthorizerRequest,
  parseIdentitySource,
  type AuthorizerOptions,
  type AuthorizerResponse,
  type WebsocketAuthorizerHandler,
  type WebsocketAuthorizerRequest,
} from './authorizer';
import type { BodyOf, NoRoutes, UnknownHeartbeat, WithRoute, WsAppTypes } from './app-types';
import { decoratedMethod } from './decorated-method';
import { UnauthorizedError, WsAppConfigurationError } from './errors';
import type { LambdaContext, WebsocketLambdaEvent, WebsocketResponse } from './event-types';
import { errorFields, normalizeResult } from './handler-result';
import { WsAppLogger, type LogScope } from './logger';
import { checkedHeartbeat, type HeartbeatOptions } from './heartbeat';
import { composeMiddleware, type WebsocketMiddleware, type WebsocketNext } from './middleware';
import type {
  RegisteredRoute,
  RouteKind,
  RouteOptions,
  WebsocketHandler,
  WebsocketHandlerDecorator,
  WebsocketHandlerResult,
} from './route';
import { isStandardSchema, type StandardSchema } from './standard-schema';
import { validatedRoute } from './validated-route';
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

function checkedIdentitySources(sources: readonly string[] | undefined): readonly string[] {
  if (sources === undefined) return DEFAULT_IDENTITY_SOURCES;
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new WsAppConfigurationError(`app.authorizer's identitySources must be a non-empty list, got ${JSON.stringify(sources)}`);
  }
  for (const source of sources) {
    if (typeof source !== 'string' || parseIdentitySource(source) === undefined) {
      throw new WsAppConfigurationError(
        `app.authorizer: identity source ${JSON.stringify(source)} is not one API Gateway takes for a WebSocket REQUEST authorizer; ` +
          'use route.request.header.NAME or route.request.querystring.NAME',
      );
    }
  }
  return Object.freeze([...sources]);
}


const REGISTRAR_NAMES: Record<RouteKind, string> = {
  connect: 'onWsConnect',
  message: 'onWsMessage',
  disconnect: 'onWsDisconnect',
  custom: 'onWsRoute',
  heartbeat: 'heartbeat',
};

/**
 * The Lambda entry point of an app: route events give a {@link WebsocketResponse}, and the
 * authorizer's REQUEST events (when the app has an authorizer) an IAM policy response.
 *
 * @example
 * ```ts
 * export const handler: WsAppHandler = app.handler;
 * ```
 */
export interface WsAppHandler {
  (event: WebsocketAuthorizerRequest, context?: LambdaContext): Promise<AuthorizerResponse>;
  (event: WebsocketLambdaEvent, context?: LambdaContext): Promise<WebsocketResponse>;
}

/**
 * The app's authorizer as `wsapp package` and the local gateway see it.
 *
 * @example
 * ```ts
 * app.authorizerConfig?.identitySources; // ['route.request.header.Authorization']
 * ```
 */
export interface RegisteredAuthorizer {
  identitySources: readonly string[];
}

/**
 * The TC39 method decorator `@app.authorizer()` returns.
 *
 * @example
 * ```ts
 * class Auth {
 *   @app.authorizer({ identitySources: ['route.request.querystring.token'] })
 *   check(request: WebsocketAuthorizerRequest) { return { principalId: 'u' }; }
 * }
 * ```
 */
export type WebsocketAuthorizerDecorator = <This>(
  method: (this: This, request: WebsocketAuthorizerRequest) => ReturnType<WebsocketAuthorizerHandler>,
  context: ClassMethodDecoratorContext<This>,
) => void;

/**
 * The TC39 method decorator `@app.middleware()` returns.
 *
 * @example
 * ```ts
 * class Timing {
 *   @app.middleware()
 *   async time(event: WebsocketEvent, next: WebsocketNext) { return next(event); }
 * }
 * ```
 */
export type WebsocketMiddlewareDecorator = <This>(
  method: (this: This, event: WebsocketEvent, next: WebsocketNext) => ReturnType<WebsocketMiddleware>,
  context: ClassMethodDecoratorContext<This>,
) => void;

interface RouteEntry extends RegisteredRoute {
  handler: WebsocketHandler;
  /** The handler inside the app's middleware, built on first use after a change. */
  chain?: WebsocketNext;
}

function publicRoute({ routeKey, kind, twoWay, body, response }: RouteEntry): RegisteredRoute {
  return { routeKey, kind, twoWay, ...(body ? { body } : {}), ...(response !== undefined ? { response } : {}) };
}

function scopeOf(event: { requestContext: { requestId: string; connectionId: string; routeKey: string } }, context?: LambdaContext): LogScope {
  const { requestContext } = event;
  return { requestId: context?.awsRequestId ?? requestContext.requestId, connectionId: requestContext.connectionId, routeKey: requestContext.routeKey };
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
 *
 * The app's type records the routes registered with a body schema in the options-first form
 * (`app.onWsRoute(key, { body }, handler)`, which returns the app) and its heartbeat, so a
 * client can be typed from `typeof app` when those calls are chained into the exported `app`.
 */
export class WsApp<Routes = NoRoutes, Heartbeat = UnknownHeartbeat> {
  /** Types only, for `createClient<typeof app>`: the typed routes and the heartbeat. */
  declare readonly '~wsapp': WsAppTypes<Routes, Heartbeat>;

  /** The app's name. */
  readonly name: string;
  /** The route selection expression API Gateway applies to messages. */
  readonly routeSelectionExpression: string;
  /** Sends to, closes and inspects connections through the `@connections` API. */
  readonly websocketApi = new WebsocketApi();
  /** Structured logging in Lambda's JSON log shape, stamped with the current event. */
  readonly log = new WsAppLogger();

  private readonly routeTable = new Map<string, RouteEntry>();
  private readonly middlewareList: WebsocketMiddleware[] = [];
  private authorizerEntry: { handler: WebsocketAuthorizerHandler; identitySources: readonly string[] } | undefined;

  constructor(options: WsAppOptions) {
    if (!options || typeof options.name !== 'string' || options.name.trim() === '') {
      throw new WsAppConfigurationError('new WsApp({ name }) needs a non-empty name');
    }
    this.name = options.name;
    this.routeSelectionExpression = options.routeSelectionExpression ?? '$request.body.action';
  }

  /** Every registered route, in registration order. */
  get routes(): readonly RegisteredRoute[] {
    return [...this.routeTable.values()].map(publicRoute);
  }

  /** The app's heartbeat route, if it has one (`app.heartbeat()`). */
  get heartbeatConfig(): HeartbeatOptions | undefined {
    const entry = [...this.routeTable.values()].find((candidate) => candidate.kind === 'heartbeat');
    return entry && { routeKey: entry.routeKey, response: entry.response ?? '' };
  }

  /** The app's authorizer, if it has one. */
  get authorizerConfig(): RegisteredAuthorizer | undefined {
    return this.authorizerEntry && { identitySources: this.authorizerEntry.identitySources };
  }

  /** The route registered for a route key, if any. */
  route(routeKey: string): RegisteredRoute | undefined {
    const entry = this.routeTable.get(routeKey);
    return entry && publicRoute(entry);
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
   * Registers the `$default` handler: every message no custom route matches. With the options
   * first (`onWsMessage({ body }, handler)`) it returns the app, typed with the route.
   * Called without a handler, returns a method decorator.
   */
  onWsMessage<H extends WebsocketHandler>(handler: H, options?: RouteOptions): H;
  onWsMessage<S extends StandardSchema | undefined = undefined>(
    options: RouteOptions<S>,
    handler: WebsocketHandler<BodyOf<S>>,
  ): WsApp<WithRoute<Routes, '$default', S>, Heartbeat>;
  onWsMessage<S extends StandardSchema | undefined = undefined>(options?: RouteOptions<S>): WebsocketHandlerDecorator<BodyOf<S>>;
  onWsMessage(
    first?: WebsocketHandler | RouteOptions,
    second?: RouteOptions | WebsocketHandler,
  ): unknown {
    return this.registration('$default', 'message', first, second);
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
   * app's `routeSelectionExpression` (by default the message's JSON `action` field). With the
   * options first (`onWsRoute(key, { body }, handler)`) it returns the app, typed with the route.
   * Called without a handler, returns a method decorator.
   */
  onWsRoute<H extends WebsocketHandler>(routeKey: string, handler: H, options?: RouteOptions): H;
  onWsRoute<K extends string, S extends StandardSchema | undefined = undefined>(
    routeKey: K,
    options: RouteOptions<S>,
    handler: WebsocketHandler<BodyOf<S>>,
  ): WsApp<WithRoute<Routes, K, S>, Heartbeat>;
  onWsRoute<S extends StandardSchema | undefined = undefined>(routeKey: string, options?: RouteOptions<S>): WebsocketHandlerDecorator<BodyOf<S>>;
  onWsRoute(routeKey: string, first?: WebsocketHandler | RouteOptions, second?: RouteOptions | WebsocketHandler): unknown {
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
    return this.registration(routeKey, 'custom', first, second);
  }

  /**
   * Adds the heartbeat route: a message selecting `routeKey` (default `ping`) is answered with
   * `response` (default `{"action":"pong"}`) by API Gateway itself, through a MOCK integration
   * and a route response, so it invokes no function (and `wsapp local` and the test client
   * answer it the same way). Clients send it to stay under API Gateway's 10-minute idle cut.
   * Returns the app, typed with the heartbeat.
   */
  heartbeat<const Key extends string = 'ping', const Response extends string = '{"action":"pong"}'>(options?: {
    routeKey?: Key;
    response?: Response;
  }): WsApp<Routes, { routeKey: Key; response: Response }> {
    if (this.heartbeatConfig) throw new WsAppConfigurationError('Duplicate heartbeat: app.heartbeat is already registered');
    const { routeKey, response } = checkedHeartbeat(options);
    this.register(routeKey, 'heartbeat', () => ({ statusCode: 200, body: response }), { twoWay: true }, response);
    return this as unknown as WsApp<Routes, { routeKey: Key; response: Response }>;
  }

  /**
   * Registers a Lambda REQUEST authorizer for `$connect`: it gets the handshake
   * ({@link WebsocketAuthorizerRequest}) and returns `{ principalId, context? }` to let the
   * connection open, `null` or `false` to refuse it with 403, or throws `UnauthorizedError`
   * for 401; any other error is a 500. A handshake without one of `identitySources` is refused
   * with 401 before it runs. `principalId` and the context then arrive on every event of the
   * connection as `event.authorizer`. Called without a handler, returns a method decorator.
   */
  authorizer<H extends WebsocketAuthorizerHandler>(handler: H, options?: AuthorizerOptions): H;
  authorizer(options?: AuthorizerOptions): WebsocketAuthorizerDecorator;
  authorizer(
    handlerOrOptions?: WebsocketAuthorizerHandler | AuthorizerOptions,
    options: AuthorizerOptions = {},
  ): WebsocketAuthorizerHandler | WebsocketAuthorizerDecorator {
    const given = typeof handlerOrOptions === 'function' ? options : (handlerOrOptions ?? {});
    const identitySources = checkedIdentitySources(given.identitySources);
    if (this.authorizerEntry) throw new WsAppConfigurationError('Duplicate authorizer: app.authorizer is already registered');
    if (typeof handlerOrOptions === 'function') {
      this.authorizerEntry = { handler: handlerOrOptions, identitySources };
      return handlerOrOptions;
    }
    return (method, context) => {
      this.authorizerEntry = { handler: decoratedMethod(method as WebsocketAuthorizerHandler, context, '@app.authorizer()'), identitySources };
    };
  }

  /**
   * Adds a middleware around every WebSocket handler (connect, message, custom routes and
   * disconnect, not the authorizer), in registration order: the first added is outermost.
   * Called without a function, returns a method decorator.
   */
  middleware<M extends WebsocketMiddleware>(middleware: M): M;
  middleware(): WebsocketMiddlewareDecorator;
  middleware(middleware?: WebsocketMiddleware): WebsocketMiddleware | WebsocketMiddlewareDecorator {
    if (middleware === undefined) {
      const decorator: WebsocketMiddlewareDecorator = (method, context) =>
        this.addMiddleware(decoratedMethod(method as WebsocketMiddleware, context, '@app.middleware()'));
      return decorator;
    }
    if (typeof middleware !== 'function') throw new WsAppConfigurationError(`app.middleware needs a function, got ${typeof middleware}`);
    this.addMiddleware(middleware);
    return middleware;
  }

  /**
   * The Lambda entry point: dispatches the event to the handler registered for its route key
   * (an unknown message route falls back to `$default`), inside the app's middleware, and
   * normalises the result; an authorizer's REQUEST event goes to the authorizer. Every
   * `app.log` line written meanwhile carries the event's ids. Safe to export unbound:
   * `export const handler = app.handler`.
   */
  readonly handler: WsAppHandler = ((event: WebsocketLambdaEvent | WebsocketAuthorizerRequest, context?: LambdaContext) =>
    isAuthorizerRequest(event)
      ? this.log.within(scopeOf(event, context), () => this.authorize(event))
      : this.log.within(scopeOf(event, context), () => this.dispatch(event, context))) as WsAppHandler;

  private async dispatch(event: WebsocketLambdaEvent, context: LambdaContext | undefined): Promise<WebsocketResponse> {
    const requestContext = event.requestContext;
    const entry =
      this.routeTable.get(requestContext.routeKey) ??
      (requestContext.eventType === 'MESSAGE' ? this.routeTable.get('$default') : undefined);
    if (!entry) {
      const error = new WsAppConfigurationError(
        `No websocket handler for route ${requestContext.routeKey} in app ${this.name}` +
          (requestContext.eventType === 'MESSAGE' ? ' (and no $default handler)' : ''),
      );
      this.log.error('Websocket handler failed', { error: errorFields(error) });
      throw error;
    }
    this.websocketApi.useEventContext(requestContext.apiId, requestContext.stage);
    entry.chain ??= composeMiddleware(this.middlewareList, entry.handler);
    try {
      return normalizeResult(await entry.chain(new WebsocketEvent(event, context)));
    } catch (error) {
      this.log.error('Websocket handler failed', { error: errorFields(error) });
      throw error;
    }
  }

  private async authorize(request: WebsocketAuthorizerRequest): Promise<AuthorizerResponse> {
    const entry = this.authorizerEntry;
    if (!entry) {
      const error = new WsAppConfigurationError(`App ${this.name} got an authorizer request but registers no authorizer (app.authorizer)`);
      this.log.error('Websocket authorizer failed', { error: errorFields(error) });
      throw error;
    }
    try {
      return authorizerResponse(await entry.handler(request), request.methodArn);
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        this.log.info('Websocket authorizer refused the connection (401)', { reason: error.message });
        throw new Error('Unauthorized'); // API Gateway answers 401 for exactly this message
      }
      this.log.error('Websocket authorizer failed', { error: errorFields(error) });
      throw error;
    }
  }

  private addMiddleware(middleware: WebsocketMiddleware): void {
    this.middlewareList.push(middleware);
    for (const entry of this.routeTable.values()) delete entry.chain;
  }

  /** The three forms of a message route: handler first (returns it), options first (returns the app), decorator. */
  private registration(routeKey: string, kind: RouteKind, first: unknown, second: unknown): unknown {
    if (typeof first === 'function') return this.registrar(routeKey, kind, first as WebsocketHandler, (second ?? {}) as RouteOptions);
    if (typeof second === 'function') {
      this.registrar(routeKey, kind, second as WebsocketHandler, (first ?? {}) as RouteOptions);
      return this;
    }
    return this.registrar(routeKey, kind, undefined, (first ?? {}) as RouteOptions);
  }

  private registrar(
    routeKey: string,
    kind: RouteKind,
    handler: WebsocketHandler | undefined,
    options: RouteOptions,
  ): WebsocketHandler | WebsocketHandlerDecorator {
    const name = REGISTRAR_NAMES[kind];
    if (options.twoWay && (kind === 'connect' || kind === 'disconnect')) {
      throw new WsAppConfigurationError(`${name} cannot be two-way; only message routes can`);
    }
    if (options.body !== undefined && !isStandardSchema(options.body)) {
      throw new WsAppConfigurationError(`${name}: body must be a Standard Schema v1 validator (zod, valibot, arktype, ...), got ${typeof options.body}`);
    }
    if (handler) {
      this.register(routeKey, kind, handler, options);
      return handler;
    }
    return (method, context) => {
      const decorator = `@app.${name}()`;
      this.register(routeKey, kind, decoratedMethod(method as (event: WebsocketEvent) => WebsocketHandlerResult, context, decorator), options);
    };
  }

  private register(routeKey: string, kind: RouteKind, handler: WebsocketHandler, options: RouteOptions, response?: string): void {
    if (typeof handler !== 'function') {
      throw new WsAppConfigurationError(`${REGISTRAR_NAMES[kind]} needs a function, got ${typeof handler}`);
    }
    const existing = this.routeTable.get(routeKey);
    if (existing) {
      const what = kind === 'custom' || kind === 'heartbeat' ? `${REGISTRAR_NAMES[kind]}('${routeKey}')` : `${REGISTRAR_NAMES[kind]} (${routeKey})`;
      const by = existing.kind === kind ? '' : ` (route ${routeKey} is taken by ${REGISTRAR_NAMES[existing.kind]})`;
      throw new WsAppConfigurationError(`Duplicate websocket handler: ${what} is already registered${by}`);
    }
    const twoWay = options.twoWay === true;
    const body = options.body;
    const served = body ? validatedRoute(body, routeKey, twoWay, handler, this) : handler;
    this.routeTable.set(routeKey, { routeKey, kind, twoWay, handler: served, ...(body ? { body } : {}), ...(response !== undefined ? { response } : {}) });
  }
}
