import { randomUUID } from 'node:crypto';
import type { LambdaContext, WebsocketLambdaEvent, WebsocketResponse, WsApp } from '@wsapp/framework';
import type { GatewayClock } from './clock';

/**
 * How one invocation ended: the handler returned (its response as the framework normalised it),
 * failed (threw, rejected, or crashed its "Lambda instance"), or ran past the integration timeout.
 *
 * @example
 * ```ts
 * const outcome = await invokeHandler(app, event, { timeoutMs: 29_000, clock: systemClock });
 * if (outcome.kind === 'returned') console.log(outcome.response.statusCode);
 * ```
 */
export type InvocationOutcome =
  | { kind: 'returned'; response: WebsocketResponse }
  | { kind: 'threw'; error: unknown }
  | { kind: 'timed-out' };

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
export type HandlerRunner = <T>(run: () => Promise<T>, event: WebsocketLambdaEvent) => Promise<T>;

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

/** Function names by route key: the same few routes are invoked again and again. */
const functionNames = new Map<string, string>();

function functionNameOf(app: WsApp, routeKey: string): string {
  const key = `${app.name}\u0000${routeKey}`;
  let name = functionNames.get(key);
  if (name === undefined) {
    name = `${app.name}-local-${routeKey.replace(/[^A-Za-z0-9_-]/g, '') || 'route'}`;
    functionNames.set(key, name);
  }
  return name;
}

function lambdaContext(app: WsApp, routeKey: string, settings: InvokeSettings, startedAt: number): LambdaContext {
  const functionName = functionNameOf(app, routeKey);
  let awsRequestId: string | undefined;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
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

function logTimeout(event: WebsocketLambdaEvent, timeoutMs: number): void {
  console.error(
    JSON.stringify({
      level: 'ERROR',
      message: `Websocket handler timed out after ${timeoutMs} ms`,
      route: event.requestContext.routeKey,
      connectionId: event.requestContext.connectionId,
      requestId: event.requestContext.requestId,
    }),
  );
}

/**
 * Runs `app.handler` on one event as Lambda would, with a Lambda-like context and the
 * integration timeout. It never rejects. `app.handler` logs the errors it catches; a timeout is
 * logged here in the same JSON shape.
 *
 * @example
 * ```ts
 * const outcome = await invokeHandler(app, buildMessageEvent(...), { timeoutMs: 29_000, clock: systemClock });
 * ```
 */
export function invokeHandler(app: WsApp, event: WebsocketLambdaEvent, settings: InvokeSettings): Promise<InvocationOutcome> {
  const startedAt = settings.clock.now();
  const context = lambdaContext(app, event.requestContext.routeKey, settings, startedAt);
  const runner = settings.runner ?? ((run) => run());
  return new Promise<InvocationOutcome>((resolve) => {
    const timer = settings.clock.setTimer(settings.timeoutMs, () => {
      logTimeout(event, settings.timeoutMs);
      resolve({ kind: 'timed-out' });
    });
    const settle = (outcome: InvocationOutcome): void => {
      timer.cancel();
      resolve(outcome);
    };
    let running: Promise<WebsocketResponse>;
    try {
      running = runner(() => app.handler(event, context), event);
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (response) => settle({ kind: 'returned', response }),
      (error: unknown) => settle({ kind: 'threw', error }),
    );
  });
}
