import { randomUUID } from 'node:crypto';
import type { WsApp } from '@wsapp/framework';
import type { LambdaContext, WebsocketLambdaEvent, WebsocketResponse } from '@wsapp/framework';

/**
 * How one invocation ended: the handler returned (a normalised response), threw, or ran past
 * the integration timeout.
 *
 * @example
 * ```ts
 * const outcome = await invokeHandler(app, event, 29_000);
 * if (outcome.kind === 'returned') console.log(outcome.response.statusCode);
 * ```
 */
export type InvocationOutcome =
  | { kind: 'returned'; response: WebsocketResponse }
  | { kind: 'threw'; error: unknown }
  | { kind: 'timed-out' };

function lambdaContext(app: WsApp, routeKey: string, timeoutMs: number, startedAt: number): LambdaContext {
  const functionName = `${app.name}-local-${routeKey.replace(/[^A-Za-z0-9_-]/g, '') || 'route'}`;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION ?? 'us-east-1'}:123456789012:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - startedAt)),
  };
}

/**
 * Runs `app.handler` on one event as Lambda would, with a Lambda-like context and the
 * integration timeout. It never rejects. `app.handler` logs the errors it catches; a timeout is
 * logged here in the same JSON shape.
 *
 * @example
 * ```ts
 * const outcome = await invokeHandler(app, buildMessageEvent(...), 29_000);
 * ```
 */
export async function invokeHandler(
  app: WsApp,
  event: WebsocketLambdaEvent,
  timeoutMs: number,
): Promise<InvocationOutcome> {
  const startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvocationOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timed-out' }), timeoutMs);
  });
  const run = app
    .handler(event, lambdaContext(app, event.requestContext.routeKey, timeoutMs, startedAt))
    .then(
      (response): InvocationOutcome => ({ kind: 'returned', response }),
      (error: unknown): InvocationOutcome => ({ kind: 'threw', error }),
    );
  const outcome = await Promise.race([run, timeout]);
  clearTimeout(timer);
  if (outcome.kind === 'timed-out') {
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
  return outcome;
}
