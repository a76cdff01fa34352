/**
 * Start-up was stopped by a signal (Ctrl-C): says which signal and what start-up was doing.
 *
 * @example
 * ```ts
 * if (error instanceof StartupAbortedError) process.exit(error.signal === 'SIGINT' ? 130 : 143);
 * ```
 */
export class StartupAbortedError extends Error {
  override readonly name = 'StartupAbortedError';
  readonly code = 'WSAPP_STARTUP_ABORTED';

  constructor(
    /** The signal, such as `SIGINT`. */
    readonly signal: string,
    /** The step that was running, such as `loading /abs/app.ts`. */
    readonly step: string,
  ) {
    super(`${signal} during start-up, while ${step}: stopped`);
  }
}

type Cleanup = () => unknown;

/**
 * The steps of a start-up that a signal may stop at any point. Each step's resource is recorded
 * with how to close it, so {@link Startup.closeAll} undoes what was started, newest first. When
 * the signal aborts, the running step is abandoned at once (a step that hangs, such as an app
 * whose top level awaits forever, cannot hold it up); should it finish later, its resource is
 * closed then.
 *
 * @example
 * ```ts
 * const startup = new Startup(controller.signal);
 * try {
 *   const db = await startup.step('starting DynamoDB', startDb(), (started) => started.close());
 *   const app = await startup.step(`loading ${entry}`, loadApp(entry));
 * } catch (error) {
 *   await startup.closeAll();
 *   throw error;
 * }
 * ```
 */
export class Startup {
  private readonly cleanups: Cleanup[] = [];

  constructor(private readonly signal?: AbortSignal) {}

  /** Records how to undo something started outside a step. */
  adopt(close: Cleanup): void {
    this.cleanups.push(close);
  }

  /** Waits for `pending`, or rejects with {@link StartupAbortedError} as soon as the signal aborts. */
  step<T>(what: string, pending: Promise<T>, close?: (value: T) => unknown): Promise<T> {
    const signal = this.signal;
    return new Promise<T>((resolve, reject) => {
      let abandoned = false;
      const onAbort = (): void => {
        abandoned = true;
        reject(new StartupAbortedError(String(signal?.reason ?? 'abort'), what));
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (value) => {
          signal?.removeEventListener('abort', onAbort);
          if (abandoned) return void Promise.resolve(close?.(value)).catch(() => undefined);
          if (close) this.cleanups.push(() => close(value));
          resolve(value);
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  /** Closes everything started so far, newest first; a close that fails does not stop the others. */
  async closeAll(): Promise<void> {
    for (const close of this.cleanups.splice(0).reverse()) {
      try {
        await close();
      } catch {
        // Best effort: the command is failing already, with its own error.
      }
    }
  }
}
