/**
 * How often the commands ask CloudFormation and CloudWatch Logs how things stand, and how they
 * wait in between. `WSAPP_AWS_POLL_SECONDS` sets the interval (default 2 seconds).
 *
 * @example
 * ```ts
 * const pacer = pacerFromEnv(process.env);
 * await pacer.sleep(pacer.intervalMs);
 * ```
 */
export interface Pacer {
  intervalMs: number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** The time now, in milliseconds since the epoch. */
  now(): number;
}

/** The default polling interval, in seconds. */
export const DEFAULT_POLL_SECONDS = 2;

/**
 * Sleeps on a real timer; an aborted `signal` ends the sleep early.
 *
 * @example
 * ```ts
 * await sleepFor(100, controller.signal);
 * ```
 */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The pacer of a command run: `WSAPP_AWS_POLL_SECONDS` (a positive number) or 2 seconds.
 *
 * @example
 * ```ts
 * pacerFromEnv({ WSAPP_AWS_POLL_SECONDS: '0.05' }).intervalMs; // 50
 * ```
 */
export function pacerFromEnv(env: NodeJS.ProcessEnv): Pacer {
  const text = env.WSAPP_AWS_POLL_SECONDS;
  const seconds = text === undefined || text === '' ? DEFAULT_POLL_SECONDS : Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60) {
    throw new Error(`WSAPP_AWS_POLL_SECONDS must be a number of seconds above 0 and at most 60, got ${JSON.stringify(text)}`);
  }
  return { intervalMs: seconds * 1000, sleep: sleepFor, now: Date.now };
}

/**
 * The options of an SDK waiter that polls at the pacer's interval, giving up after `maxWaitSeconds`.
 *
 * @example
 * ```ts
 * await waitUntilStackDeleteComplete({ client, ...waiterTiming(pacer, 3600) }, { StackName });
 * ```
 */
export function waiterTiming(pacer: Pacer, maxWaitSeconds: number): { minDelay: number; maxDelay: number; maxWaitTime: number } {
  const seconds = pacer.intervalMs / 1000;
  return { minDelay: seconds, maxDelay: seconds, maxWaitTime: maxWaitSeconds };
}
