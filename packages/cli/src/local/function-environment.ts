import { AsyncLocalStorage } from 'node:async_hooks';
import { isAuthorizerRequest, type LambdaContext, type WebsocketAuthorizerRequest, type WebsocketLambdaEvent, type WsApp } from '@wsapp/framework';
import type { WebsocketFunctionName } from '../template/logical-ids';

/**
 * The Lambda function an event goes to, as `wsapp package` deploys them: `$connect` and
 * `$disconnect` have their own; every message route, custom ones included, is
 * `websocket_message`; the authorizer's REQUEST event is `websocket_authorizer`.
 *
 * @example
 * ```ts
 * functionOf(event); // 'websocket_message'
 * ```
 */
export function functionOf(event: WebsocketLambdaEvent | WebsocketAuthorizerRequest): WebsocketFunctionName {
  if (isAuthorizerRequest(event)) return 'websocket_authorizer';
  const type = event.requestContext.eventType;
  return type === 'CONNECT' ? 'websocket_connect' : type === 'DISCONNECT' ? 'websocket_disconnect' : 'websocket_message';
}

type Layer = Record<string, string>;

/**
 * `process.env` with one more layer on top: the variables of the function whose invocation is
 * running (found through async context, so concurrent invocations of different functions each
 * see their own). Writes to a variable of that layer stay in it, as they would in that
 * function's own Lambda instance; everything else is the real environment.
 */
function layeredEnvironment(base: NodeJS.ProcessEnv, layer: () => Layer | undefined): NodeJS.ProcessEnv {
  const holder = (key: string | symbol): Layer | undefined => {
    const current = layer();
    return typeof key === 'string' && current !== undefined && Object.hasOwn(current, key) ? current : undefined;
  };
  return new Proxy(base, {
    get: (target, key) => (holder(key)?.[key as string] ?? Reflect.get(target, key)),
    set: (target, key, value) => {
      const current = holder(key);
      if (current) current[key as string] = String(value);
      else Reflect.set(target, key, value);
      return true;
    },
    has: (target, key) => holder(key) !== undefined || Reflect.has(target, key),
    deleteProperty: (target, key) => {
      const current = holder(key);
      if (current) delete current[key as string];
      else Reflect.deleteProperty(target, key);
      return true;
    },
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(layer() ?? {})])],
    getOwnPropertyDescriptor: (target, key) => {
      const current = holder(key);
      return current
        ? { value: current[key as string], writable: true, enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/**
 * Per-function environment variables for apps that share one process: while an invocation of
 * a function runs (its handler and everything it starts, timers included), `process.env` also
 * has that function's variables. `wrap` gives the app to hand to the gateway; `release` puts the
 * plain `process.env` back.
 *
 * @example
 * ```ts
 * const scoped = functionScopedEnvironment({ websocket_connect: { LOG_LEVEL: 'debug' }, websocket_message: {}, websocket_disconnect: {}, websocket_authorizer: {} });
 * const gateway = await startLocalGateway(scoped.wrap(app), options);
 * ```
 */
export function functionScopedEnvironment(perFunction: Readonly<Record<WebsocketFunctionName, Layer>>): {
  wrap(app: WsApp): WsApp;
  release(): void;
} {
  const layers = Object.fromEntries(Object.entries(perFunction).map(([name, variables]) => [name, { ...variables }])) as Record<WebsocketFunctionName, Layer>;
  if (Object.values(layers).every((variables) => Object.keys(variables).length === 0)) {
    return { wrap: (app) => app, release: () => undefined };
  }
  const running = new AsyncLocalStorage<Layer>();
  const base = process.env;
  process.env = layeredEnvironment(base, () => running.getStore());
  return {
    wrap(app) {
      const call = app.handler as (event: WebsocketLambdaEvent | WebsocketAuthorizerRequest, context?: LambdaContext) => Promise<unknown>;
      const handler = ((event: WebsocketLambdaEvent | WebsocketAuthorizerRequest, context?: LambdaContext) =>
        running.run(layers[functionOf(event)] ?? {}, () => call(event, context))) as WsApp['handler'];
      // Everything but `handler` is the app's own, read with the app as `this`.
      return new Proxy(app, { get: (target, key) => (key === 'handler' ? handler : Reflect.get(target, key, target)) });
    },
    release() {
      process.env = base;
    },
  };
}
