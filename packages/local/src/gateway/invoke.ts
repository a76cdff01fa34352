import { randomUUID } from 'node:crypto';
import {
  isAuthorizerRequest,
  type LambdaContext,
  type WebsocketAuthorizerRequest,
  type WebsocketLambdaEvent,
  type WebsocketResponse,
  type WsApp,
} from '@wsapp/framework';
import type { GatewayClock } from './clock';
import { functionArn } from './local-account';

/**
 * How one invocation ended: the handler returned (its response, for a route as the framework
 * normalised it), failed (threw, rejected, or crashed its "Lambda instance"), or ran past its
 * timeout.
 *
 * @example
 * ```ts
 * const outcome = await invokeHandler(app, event, { timeoutMs: 29_000, clock: systemClock });
 * if (outcome.kind === 'returned') console.log(outcome.response.statusCode);
 * ```
 */
export type InvocationOutcome<Response = WebsocketResponse> =
  | { kind: 'returned'; response: Response }
  | { kind: 'threw'; error: unknown }
  | { kind: 'timed-out' };

/**
 * An event the gateway invokes `app.handler` with: a route's, or the `$connect` authorizer's
 * REQUEST event.
 *
 * @example
 * ```ts
 * const routeOf = (event: InvokedEvent) => event.requestContext.routeKey;
 * ```
 */
export type InvokedEvent = WebsocketLambdaEvent | WebsocketAuthorizerRequest;

/**
 * Runs one handler call and settles with its result, or rejects when the call fails in any way,
 * including ways a plain `await` cannot see (an exception thrown from a timer, a rejection nobody
 * handles, `process.exit()`). The socket server installs one; the default just calls `run`.
 *
 * @example
 * ```ts
 * const direct: HandlerRunner = (run) => run();
 * ```
 */
export type HandlerRunner = <T>(run: () => Promise<T>, event: InvokedEvent) => Promise<T>;

/**
 * What {@link invokeHandler} needs besides the app and the event.
 *
 * @example
 * ```ts
 * const settings: InvokeSettings = { timeoutMs: 29_000, clock: systemClock };
 * ```
 */
export interface InvokeSettings {
  timeoutMs: number;
  clock: GatewayClock;
  runner?: HandlerRunner;
}

/** Function names by app and function: the same few are invoked again and again. */
const functionNames = new Map<string, string>();

/** `{app}-local-{function}`: the route key without its `$` (`connect`, `default`), or `authorizer`. */
function functionNameOf(app: WsApp, event: InvokedEvent): string {
  const part = isAuthorizerRequest(event) ? 'authorizer' : event.requestContext.routeKey;
  const key = `${app.name}\u0000${part}`;
  let name = functionNames.get(key);
  if (name === undefined) {
    name = `${app.name}-local-${part.replace(/[^A-Za-z0-9_-]/g, '') || 'route'}`;
    functionNames.set(key, name);
  }
  return name;
}

function lambdaContext(functionName: string, settings: InvokeSettings, startedAt: number): LambdaContext {
  let awsRequestId: string | undefined;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(functionName),
    memoryLimitInMB: '128',
    get awsRequestId() {
      return (awsRequestId ??= randomUUID());
    },
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, settings.timeoutMs - (settings.clock.now() - startedAt)),
  };
}

function logTimeout(event: InvokedEvent, timeoutMs: number): void {
  const what = isAuthorizerRequest(event) ? 'Websocket authorizer' : 'Websocket handler';
  console.error(
    JSON.stringify({
      level: 'ERROR',
      message: `${what} timed out after ${timeoutMs} ms`,
      route: event.requestContext.routeKey,
      connectionId: event.requestContext.connectionId,
      requestId: event.requestContext.requestId,
    }),
  );
}

/** One call of `app.handler` as Lambda would make it: a Lambda-like context, the runner, the timeout on the clock. */
function invoke<Response>(
  app: WsApp,
  event: InvokedEvent,
  settings: InvokeSettings,
  call: (context: LambdaContext) => Promise<Response>,
): Promise<InvocationOutcome<Response>> {
  const context = lambdaContext(functionNameOf(app, event), settings, settings.clock.now());
  const runner = settings.runner ?? ((run) => run());
  return new Promise<InvocationOutcome<Response>>((resolve) => {
    const timer = settings.clock.setTimer(settings.timeoutMs, () => {
      logTimeout(event, settings.timeoutMs);
      resolve({ kind: 'timed-out' });
    });
    const settle = (outcome: InvocationOutcome<Response>): void => {
      timer.cancel();
      resolve(outcome);
    };
    let running: Promise<Response>;
    try {
      running = runner(() => call(context), event);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (response) => settle({ kind: 'returned', response }),
      (error: unknown) => settle({ kind: 'threw', error }),
    );
  });
}

/**
 * Runs `app.handler` on one route event as Lambda would, with a Lambda-like context and the
 * integration timeout. It never rejects. `app.handler` logs the errors it catches; a timeout is
 * logged here in the same JSON shape.
 *
 * @example
 * ```ts
 * const outcome = await invokeHandler(app, buildMessageEvent(...), { timeoutMs: 29_000, clock: systemClock });
 * ```
 */
export function invokeHandler(app: WsApp, event: WebsocketLambdaEvent, settings: InvokeSettings): Promise<InvocationOutcome> {
  return invoke(app, event, settings, (context) => app.handler(event, context));
}

/**
 * Runs `app.handler` on the `$connect` authorizer's REQUEST event, through the same path as
 * route events (context, runner, timeout), and settles with whatever it returned: the gateway
 * checks that response itself, as API Gateway does. It never rejects.
 *
 * @example
 * ```ts
 * const outcome = await invokeAuthorizer(app, request, { timeoutMs: 10_000, clock: systemClock });
 * ```
 */
export function invokeAuthorizer(
  app: WsApp,
  request: WebsocketAuthorizerRequest,
  settings: InvokeSettings,
): Promise<InvocationOutcome<unknown>> {
  return invoke<unknown>(app, request, settings, (context) => app.handler(request, context));
}
