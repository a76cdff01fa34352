import { AsyncLocalStorage } from 'node:async_hooks';
import type { HandlerRunner, InvokedEvent } from '../gateway/invoke';

/**
 * The handler called `process.exit()`. On Lambda that ends the runtime and fails the
 * invocation (`Runtime.ExitError`); the local gateway fails only that invocation.
 *
 * @example
 * ```ts
 * if (error instanceof HandlerExitError) console.log(error.exitCode);
 * ```
 */
export class HandlerExitError extends Error {
  override readonly name = 'HandlerExitError';
  readonly code = 'WSAPP_HANDLER_EXIT';

  constructor(readonly exitCode: number | string | null | undefined) {
    super(`The handler called process.exit(${exitCode ?? ''}); on Lambda this fails the invocation (Runtime.ExitError)`);
  }
}

interface Invocation {
  fail(error: unknown): void;
}

const invocations = new AsyncLocalStorage<Invocation>();
let users = 0;
let realExit: typeof process.exit | undefined;

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Logs a crash in the JSON shape `app.handler` uses for the errors it catches itself. */
function logFault(event: InvokedEvent, error: unknown, afterEnd: boolean): void {
  const err = error instanceof Error ? error : new Error(String(error));
  console.error(
    JSON.stringify({
      level: 'ERROR',
      message: afterEnd ? 'Websocket handler crashed after its invocation ended' : 'Websocket handler crashed',
      route: event.requestContext.routeKey,
      connectionId: event.requestContext.connectionId,
      requestId: event.requestContext.requestId,
      error: { name: err.name, message: err.message, stack: err.stack },
    }),
  );
}

function onFault(error: unknown): void {
  const invocation = invocations.getStore();
  if (invocation) invocation.fail(error);
  else console.error(`wsapp local gateway: an error escaped outside any handler (ignored): ${describe(error)}`);
}

function guardedExit(this: NodeJS.Process, code?: number | string | null): never {
  if (!invocations.getStore()) return (realExit as typeof process.exit).call(process, code);
  const error = new HandlerExitError(code);
  onFault(error);
  throw error;
}

/**
 * Contains the crashes of handlers the way Lambda does: an exception thrown from a timer or
 * callback, a rejection nobody handles, or `process.exit()` inside a handler fails that
 * invocation only (it ends as a handler failure: the error frame, a refused handshake) and the
 * gateway keeps serving every other connection. Each invocation runs in an async context, so a
 * fault is charged to the invocation whose code raised it, even when it comes later. Returns
 * the runner and the function that removes the process hooks again (they are shared and
 * counted, so several gateways in one process can use them).
 *
 * @example
 * ```ts
 * const faults = containHandlerFaults();
 * const gateway = new EmulatedGateway(app, { ...options, runner: faults.runner });
 * // ...
 * faults.release();
 * ```
 */
export function containHandlerFaults(): { runner: HandlerRunner; release(): void } {
  if (users++ === 0) {
    process.on('uncaughtException', onFault);
    process.on('unhandledRejection', onFault);
    realExit = process.exit;
    process.exit = guardedExit as typeof process.exit;
  }
  let released = false;
  const runner: HandlerRunner = (run, event) =>
    new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown): void => {
        logFault(event, error, settled);
        settled = true;
        reject(error);
      };
      invocations.run({ fail }, () => {
        run().then(
          (value) => {
            settled = true;
            resolve(value);
          },
          (error: unknown) => {
            settled = true;
            reject(error);
          },
        );
      });
    });
  return {
    runner,
    release() {
      if (released) return;
      released = true;
      if (--users > 0) return;
      process.off('uncaughtException', onFault);
      process.off('unhandledRejection', onFault);
      if (realExit) process.exit = realExit;
    },
  };
}
